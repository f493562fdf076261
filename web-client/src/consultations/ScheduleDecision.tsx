// Accepting (time, length, host) or proposing another time.
import type { ConsultationAction } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';
import type { RunAction } from './DeclineDecision';
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
    <div className="stack decision-box">
      <div className="row wrap">
        <label>
          {t('decide.time')}
          <input
            type="datetime-local"
            data-testid="consult-time"
            value={choice.at}
            onChange={(e) => choice.setAt(e.target.value)}
          />
        </label>
        <label>
          {t('decide.duration')}
          <select
            data-testid="consult-duration"
            value={choice.duration}
            onChange={(e) => choice.setDuration(Number(e.target.value))}
          >
            {DURATIONS.map((m) => (
              <option key={m} value={m}>
                {m}
              </option>
            ))}
          </select>
        </label>
        {can('accept') && (
          <label>
            {t('decide.host')}
            <select
              data-testid="consult-host"
              value={choice.host}
              onChange={(e) => choice.setHost(e.target.value)}
            >
              <option value="">{t('form.choose')}</option>
              {choice.hosts.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.displayName}
                  {s.title ? `（${s.title}）` : ''} {s.departmentName ?? ''}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
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
    </div>
  );
}
