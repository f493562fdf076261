// The requester confirms reading the report: a prominent banner for a critical finding (危急值),
// which must be acknowledged, a plain button otherwise. Recorded and audited by the API.
import type { DiagnosisRequest } from '@tiered-care/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../ui/states';
import { useAction } from '../ui/useAction';
import { diagnosisAct } from './api';

export function Acknowledge({
  request: d,
  onChange,
}: {
  request: DiagnosisRequest;
  onChange: (d: DiagnosisRequest) => void;
}) {
  const { t } = useTranslation('diagnosis');
  const [note, setNote] = useState('');
  const { busy, failure, run } = useAction();
  const failureText = useErrorMessage(failure);
  if (!d.allowedActions.includes('acknowledge')) return null;
  const acknowledge = () =>
    void run(async () =>
      onChange(
        await diagnosisAct(d.id, 'acknowledge', { version: d.version, note: note.trim() || undefined }),
      ),
    );
  return (
    <div
      className={`stack ${d.critical ? 'critical-banner' : 'card'}`}
      role={d.critical ? 'alert' : undefined}
      data-testid={d.critical ? 'critical-banner' : 'acknowledge-box'}
    >
      {d.critical && <strong>{t('view.criticalBanner')}</strong>}
      {d.critical && d.reports.at(-1)?.content.criticalNote && (
        <p>{d.reports.at(-1)?.content.criticalNote}</p>
      )}
      <div className="row">
        <input
          aria-label={t('view.acknowledgeNote')}
          placeholder={t('view.acknowledgeNote')}
          data-testid="report-acknowledge-note"
          value={note}
          onChange={(e) => setNote(e.target.value)}
        />
        <button
          type="button"
          className={d.critical ? 'danger' : 'primary'}
          data-testid="report-acknowledge"
          disabled={busy}
          onClick={acknowledge}
        >
          {d.critical ? t('view.acknowledge') : t('view.acknowledgeRead')}
        </button>
      </div>
      {failure !== null && (
        <p className="form-error" role="alert">
          {failureText}
        </p>
      )}
    </div>
  );
}
