// Claim and release for the centre's readers, cancel for the requester; shown only when the
// request's allowedActions has them.
import type { DiagnosisRequest } from '@tiered-care/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../ui/states';
import { useAction } from '../ui/useAction';
import { diagnosisAct } from './api';

export function RequestActions({
  request: d,
  onChange,
}: {
  request: DiagnosisRequest;
  onChange: (d: DiagnosisRequest) => void;
}) {
  const { t } = useTranslation('diagnosis');
  const [reason, setReason] = useState('');
  const { busy, failure, run } = useAction();
  const failureText = useErrorMessage(failure);
  const can = (a: string) => d.allowedActions.some((x) => x === a);
  const act = (a: 'claim' | 'release') =>
    void run(async () => onChange(await diagnosisAct(d.id, a, { version: d.version })));
  if (!can('claim') && !can('release') && !can('cancel')) return null;
  return (
    <div className="row request-actions">
      {can('claim') && (
        <button
          type="button"
          className="primary"
          data-testid="reading-claim"
          disabled={busy}
          onClick={() => act('claim')}
        >
          {t('reading.claim')}
        </button>
      )}
      {can('release') && (
        <button type="button" data-testid="reading-release" disabled={busy} onClick={() => act('release')}>
          {t('reading.release')}
        </button>
      )}
      {can('cancel') && (
        <>
          <input
            aria-label={t('page.cancelReason')}
            placeholder={t('page.cancelReason')}
            data-testid="diagnosis-cancel-reason"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
          />
          <button
            type="button"
            className="danger"
            data-testid="diagnosis-cancel"
            disabled={busy || !reason.trim()}
            onClick={() =>
              void run(async () =>
                onChange(await diagnosisAct(d.id, 'cancel', { version: d.version, reason })),
              )
            }
          >
            {t('page.cancel')}
          </button>
        </>
      )}
      {failure !== null && (
        <p className="form-error" role="alert">
          {failureText}
        </p>
      )}
    </div>
  );
}
