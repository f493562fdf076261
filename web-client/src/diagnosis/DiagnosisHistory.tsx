// The request's history: every action, who took it and when.
import type { DiagnosisEvent } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../ui/dates';

export function DiagnosisHistory({ events }: { events: DiagnosisEvent[] }) {
  const { t } = useTranslation('diagnosis');
  const f = useFormat();
  return (
    <details className="card">
      <summary>{t('page.history')}</summary>
      <ol className="timeline">
        {events.map((e) => (
          <li key={e.id} data-testid="diagnosis-event" data-action={e.action}>
            <span className="muted">{f.dateTime(e.at)}</span> {e.actor.institutionName ?? ''}{' '}
            {e.actor.displayName} · {e.action} → {t(`status.${e.toStatus}`)}
          </li>
        ))}
      </ol>
    </details>
  );
}
