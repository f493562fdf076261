// Accepting (time, length, host) or proposing another time.
import type { ConsultationAction } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';
import { InputField, SelectField } from '../ui/fields';
import { DecisionBox } from './DecisionBox';
import type { RunAction } from './DeclineDecision';
import { staffOption } from './staffOption';
import type { ScheduleChoice } from './useScheduleChoice';

const DURATIONS = [15, 30, 45, 60, 90, 120];

interface Props {
  choice: ScheduleChoice;
  can: (a: ConsultationAction) => boolean;
  busy: boolean;
  run: RunAction;
}

export function ScheduleDecision({ choice, can, busy, run }: Props) {
  const { t } = useTranslation('consultations');
  return (
    <DecisionBox
      buttons={
        <div className="row">
          {can('accept') && (
            <button
              type="button"
              className="primary"
              data-testid="consult-accept"
              disabled={busy || !choice.scheduledAt}
              onClick={() =>
                choice.scheduledAt &&
                void run('accept', {
                  scheduledAt: choice.scheduledAt,
                  durationMinutes: choice.duration,
                  hostUserId: choice.host || undefined,
                })
              }
            >
              {t('decide.accept')}
            </button>
          )}
          {can('propose-time') && (
            <button
              type="button"
              data-testid="consult-propose"
              title={t('decide.proposeHint')}
              disabled={busy || !choice.slotWindow}
              onClick={() => choice.slotWindow && void run('propose-time', { times: [choice.slotWindow] })}
            >
              {t('decide.propose')}
            </button>
          )}
        </div>
      }
    >
      <InputField
        label={t('decide.time')}
        type="datetime-local"
        testId="consult-time"
        value={choice.at}
        onChange={choice.setAt}
      />
      <SelectField
        label={t('decide.duration')}
        testId="consult-duration"
        value={choice.duration}
        onChange={(v) => choice.setDuration(Number(v))}
        options={DURATIONS.map((m) => ({ value: m, label: m }))}
      />
      {can('accept') && (
        <SelectField
          label={t('decide.host')}
          testId="consult-host"
          value={choice.host}
          onChange={choice.setHost}
          placeholder={t('form.choose')}
          options={choice.hosts.map(staffOption)}
        />
      )}
    </DecisionBox>
  );
}
