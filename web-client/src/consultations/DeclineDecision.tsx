// Declining, with a reason code and a note.
import { DeclineReason, type ConsultationAction, type ConsultationActionBodies } from '@tiered-care/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';

export type RunAction = <A extends ConsultationAction>(
  action: A,
  body: Omit<ConsultationActionBodies[A], 'version'>,
) => Promise<void>;

export function DeclineDecision({ busy, run }: { busy: boolean; run: RunAction }) {
  const { t } = useTranslation('consultations');
  const [reason, setReason] = useState<DeclineReason>('outside_scope');
  const [note, setNote] = useState('');
  return (
    <div className="stack decision-box">
      <div className="row wrap">
        <label>
          {t('decide.declineReason')}
          <select
            data-testid="consult-decline-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value as DeclineReason)}
          >
            {DeclineReason.options.map((r) => (
              <option key={r} value={r}>
                {t(`reasons.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="grow">
          {t('decide.declineNote')}
          <input data-testid="consult-decline-note" value={note} onChange={(e) => setNote(e.target.value)} />
        </label>
        <button
          type="button"
          className="danger"
          data-testid="consult-decline"
          disabled={busy || !note.trim()}
          onClick={() => void run('decline', { reasonCode: reason, note })}
        >
          {t('decide.decline')}
        </button>
      </div>
    </div>
  );
}
