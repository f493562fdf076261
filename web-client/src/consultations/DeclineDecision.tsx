// Declining, with a reason code and a note.
import { DeclineReason, type ConsultationAction, type ConsultationActionBodies } from '@tiered-care/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { InputField, SelectField } from '../ui/fields';
import { DecisionBox } from './DecisionBox';

export type RunAction = <A extends ConsultationAction>(
  action: A,
  body: Omit<ConsultationActionBodies[A], 'version'>,
) => Promise<void>;

export function DeclineDecision({ busy, run }: { busy: boolean; run: RunAction }) {
  const { t } = useTranslation('consultations');
  const [reason, setReason] = useState<DeclineReason>('outside_scope');
  const [note, setNote] = useState('');
  return (
    <DecisionBox>
      <SelectField
        label={t('decide.declineReason')}
        testId="consult-decline-reason"
        value={reason}
        onChange={(v) => setReason(v as DeclineReason)}
        options={DeclineReason.options.map((r) => ({ value: r, label: t(`reasons.${r}`) }))}
      />
      <InputField
        labelClass="grow"
        label={t('decide.declineNote')}
        testId="consult-decline-note"
        value={note}
        onChange={setNote}
      />
      <button
        type="button"
        className="danger"
        data-testid="consult-decline"
        disabled={busy || !note.trim()}
        onClick={() => void run('decline', { reasonCode: reason, note })}
      >
        {t('decide.decline')}
      </button>
    </DecisionBox>
  );
}
