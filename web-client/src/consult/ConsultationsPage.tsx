// The consultation schedule (会诊日程): the caller's consultations by day, with a join button
// and, for specialists, the opinion editor.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { api } from '../api/client';
import { useLiveEvent } from '../api/live';
import { useSession } from '../auth/session';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useAsync } from '../ui/useAsync';
import { dayOf, timeOf } from './format';
import { OpinionEditor } from './OpinionEditor';

export interface ConsultationSummary {
  id: string;
  title: string;
  scheduledAt: string;
  durationMinutes: number;
  status: 'scheduled' | 'live' | 'ended';
}

export default function ConsultationsPage() {
  const { t } = useTranslation('consult');
  const { user } = useSession();
  const navigate = useNavigate();
  const [open, setOpen] = useState<string | null>(null);
  const list = useAsync((signal) => api<ConsultationSummary[]>('GET', '/api/consultations', { signal }), []);
  useLiveEvent('consultation:changed', list.reload);

  if (list.loading && !list.data) return <Loading />;
  if (list.error) return <ErrorState error={list.error} onRetry={list.reload} />;
  const items = list.data ?? [];
  const days = new Map<string, ConsultationSummary[]>();
  for (const c of items) days.set(dayOf(c.scheduledAt), [...(days.get(dayOf(c.scheduledAt)) ?? []), c]);
  const isSpecialist = user?.roles.includes('specialist') ?? false;

  return (
    <section className="stack">
      <h1>{t('schedule')}</h1>
      {items.length === 0 && <Empty text={t('none')} />}
      {[...days].map(([day, consults]) => (
        <div key={day} className="card stack">
          <h2>{day}</h2>
          {consults.map((c) => (
            <div key={c.id} className="stack" data-testid="consultation-row" data-consultation-id={c.id}>
              <div className="row">
                <strong>{timeOf(c.scheduledAt)}</strong>
                <span>{c.title}</span>
                <span className="muted">{t('minutes', { count: c.durationMinutes })}</span>
                <span className="pill">{t(`status.${c.status}`)}</span>
                <span className="spacer" />
                {c.status !== 'ended' && (
                  <button
                    type="button"
                    className="primary"
                    data-testid="join-consult-link"
                    onClick={() => void navigate(`/consult/${c.id}`)}
                  >
                    {t('join')}
                  </button>
                )}
                {isSpecialist && (
                  <button type="button" onClick={() => setOpen(open === c.id ? null : c.id)}>
                    {t('opinion')}
                  </button>
                )}
              </div>
              {open === c.id && <OpinionEditor consultationId={c.id} />}
            </div>
          ))}
        </div>
      ))}
    </section>
  );
}
