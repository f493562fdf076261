// 会诊日程: the caller's consultations for a day or a week, in the user's own time zone, with a
// join button while the room is open and a link to each record.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useLiveEvent } from '../api/live';
import { PressedGroup } from '../ui/PressedGroup';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useAsync } from '../ui/useAsync';
import { listSchedule } from './api';
import { day, time, ymd } from './format';
import { ConsultStatusPill } from './pills';
import type { ScheduleItem } from '@tiered-care/common';

const VIEWS = ['day', 'week'] as const;
type View = (typeof VIEWS)[number];
const DAY_MS = 86_400_000;

function startOfLocalDay(d: Date): Date {
  return new Date(d.getFullYear(), d.getMonth(), d.getDate());
}

/** The local days shown: one, or Monday to Sunday of the week holding `anchor`. */
function periodOf(view: View, anchor: Date): { start: Date; end: Date } {
  const start = startOfLocalDay(anchor);
  if (view === 'week') start.setDate(start.getDate() - ((start.getDay() + 6) % 7));
  const end = new Date(start);
  end.setDate(end.getDate() + (view === 'week' ? 7 : 1));
  return { start, end };
}

export function ScheduleView() {
  const { t } = useTranslation('consultations');
  const navigate = useNavigate();
  const [view, setView] = useState<View>('week');
  const [anchor, setAnchor] = useState(() => new Date());
  const { start, end } = periodOf(view, anchor);
  const list = useAsync(
    // The API counts Shanghai calendar days; a day either side covers any user's zone.
    (signal) =>
      listSchedule(ymd(new Date(start.getTime() - DAY_MS)), ymd(new Date(end.getTime() + DAY_MS)), signal),
    [start.getTime(), end.getTime()],
  );
  useLiveEvent('consultation:changed', list.reload);

  const shift = (direction: 1 | -1) => {
    const next = new Date(anchor);
    next.setDate(next.getDate() + direction * (view === 'week' ? 7 : 1));
    setAnchor(next);
  };

  const items = (list.data ?? []).filter((c) => {
    const at = new Date(c.scheduledAt).getTime();
    return at >= start.getTime() && at < end.getTime();
  });
  const days = new Map<string, ScheduleItem[]>();
  for (const c of items) days.set(day(c.scheduledAt), [...(days.get(day(c.scheduledAt)) ?? []), c]);

  return (
    <div className="stack">
      <div className="row">
        <PressedGroup
          as="div"
          className="row"
          buttonClass={() => 'chip'}
          values={VIEWS}
          current={view}
          onSelect={setView}
          testId="schedule-view"
        >
          {(v) => t(`schedule.${v}`)}
        </PressedGroup>
        <button type="button" onClick={() => shift(-1)} data-testid="schedule-prev">
          ← {t('schedule.prev')}
        </button>
        <button type="button" onClick={() => setAnchor(new Date())}>
          {t('schedule.today')}
        </button>
        <button type="button" onClick={() => shift(1)} data-testid="schedule-next">
          {t('schedule.next')} →
        </button>
        <span className="muted" data-testid="schedule-period">
          {day(start.toISOString())}
          {view === 'week' && ` – ${day(new Date(end.getTime() - 1).toISOString())}`}
        </span>
      </div>
      {list.loading && !list.data ? (
        <Loading />
      ) : list.error ? (
        <ErrorState error={list.error} onRetry={list.reload} />
      ) : items.length === 0 ? (
        <Empty text={t('schedule.none')} />
      ) : (
        [...days].map(([d, consults]) => (
          <div key={d} className="card stack">
            <h2>{d}</h2>
            {consults.map((c) => (
              <div key={c.id} className="row" data-testid="consultation-row" data-consultation-id={c.id}>
                <strong>{time(c.scheduledAt)}</strong>
                <Link to={`/consultations/${c.id}`} data-testid="consult-record-link">
                  {c.title}
                </Link>
                <span className="muted">
                  {t('schedule.minutes', { count: c.durationMinutes })} · {c.host.displayName} ·{' '}
                  {t('schedule.participants', { count: c.participantCount })}
                </span>
                <ConsultStatusPill status={c.status} />
                <span className="spacer" />
                {(c.status === 'scheduled' || c.status === 'live') && (
                  <button
                    type="button"
                    className="primary"
                    data-testid="join-consult-link"
                    onClick={() => void navigate(`/consult/${c.id}`)}
                  >
                    {t('schedule.join')}
                  </button>
                )}
              </div>
            ))}
          </div>
        ))
      )}
    </div>
  );
}
