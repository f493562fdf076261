// One box of consultation requests (incoming or outgoing) with counts per status, most urgent
// first while they wait; a row opens the consultation's page.
import type { ConsultationListItem, ConsultationStatus } from '@tiered-care/common';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useLiveEvent } from '../api/live';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useAsync } from '../ui/useAsync';
import { listBox } from './api';
import { dateTime } from './format';
import { ConsultStatusPill, OverduePill, PriorityPill } from './pills';
import './consultations.css';

const FILTERS: readonly (ConsultationStatus | 'all' | 'overdue')[] = [
  'requested',
  'info_requested',
  'overdue',
  'scheduled',
  'ended',
  'reported',
  'declined',
  'cancelled',
  'all',
];

export function RequestList({ box }: { box: 'incoming' | 'outgoing' }) {
  const { t } = useTranslation('consultations');
  const navigate = useNavigate();
  const [filter, setFilter] = useState<(typeof FILTERS)[number]>(box === 'incoming' ? 'requested' : 'all');
  const [more, setMore] = useState<ConsultationListItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const page = useAsync(
    async (signal) => {
      setMore([]);
      const p = await listBox(
        box,
        {
          status: filter === 'all' || filter === 'overdue' ? undefined : filter,
          overdue: filter === 'overdue',
        },
        signal,
      );
      setCursor(p.nextCursor);
      return p;
    },
    [box, filter],
  );
  useLiveEvent('consultation:changed', page.reload);

  const loadMore = async () => {
    if (!cursor) return;
    const next = await listBox(box, {
      status: filter === 'all' || filter === 'overdue' ? undefined : filter,
      overdue: filter === 'overdue',
      cursor,
    });
    setMore((m) => [...m, ...next.items]);
    setCursor(next.nextCursor);
  };

  const counts = page.data?.counts ?? {};
  const total = Object.entries(counts)
    .filter(([k]) => k !== 'overdue')
    .reduce((n, [, v]) => n + v, 0);
  const items = [...(page.data?.items ?? []), ...more];

  return (
    <div className="stack">
      <div className="row filters" role="group">
        {FILTERS.map((f) => (
          <button
            key={f}
            type="button"
            aria-pressed={filter === f}
            className={f === 'overdue' && counts.overdue ? 'chip alert' : 'chip'}
            data-testid={`consult-filter-${f}`}
            onClick={() => setFilter(f)}
          >
            {f === 'all' ? t('all') : f === 'overdue' ? t('overdue') : t(`status.${f}`)}{' '}
            <span className="tab-count">{f === 'all' ? total : (counts[f] ?? 0)}</span>
          </button>
        ))}
      </div>
      {page.loading && !page.data ? (
        <Loading />
      ) : page.error ? (
        <ErrorState error={page.error} onRetry={page.reload} />
      ) : items.length === 0 ? (
        <Empty text={t('none')} />
      ) : (
        <ul className="request-list">
          {items.map((c) => (
            <li
              key={c.id}
              className="card request-row"
              data-testid="consult-request-row"
              data-consultation-id={c.id}
              data-status={c.status}
              tabIndex={0}
              onClick={() => void navigate(`/consultations/${c.id}`)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') void navigate(`/consultations/${c.id}`);
              }}
            >
              <div className="row">
                {c.priority && <PriorityPill priority={c.priority} />}
                <strong>
                  {c.patient?.name ??
                    (c.patientAccess === 'ended' ? t('patientUnavailable') : t('noPatient'))}
                </strong>
                <span>{c.title}</span>
                <span className="spacer" />
                <ConsultStatusPill status={c.status} />
                {c.overdue && <OverduePill />}
              </div>
              <div className="muted">
                {box === 'incoming'
                  ? `${t('requestedBy')}：${c.requester?.institutionName ?? ''} ${c.requester?.displayName ?? ''}`
                  : `${t('target')}：${c.toInstitutionName ?? ''} ${c.toDepartmentName ?? ''}`}
                {c.scheduledAt && ` · ${dateTime(c.scheduledAt)}`}
                {c.host && ` · ${t('host')} ${c.host.displayName}`}
                {c.status === 'requested' &&
                  c.decisionDueAt &&
                  ` · ${t('dueBy', { time: dateTime(c.decisionDueAt) })}`}
              </div>
              {c.question && <p className="question-snippet">{c.question}</p>}
            </li>
          ))}
        </ul>
      )}
      {cursor && (
        <button type="button" onClick={() => void loadMore()} data-testid="consult-more">
          {t('more')}
        </button>
      )}
    </div>
  );
}
