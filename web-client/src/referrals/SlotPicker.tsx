// The reserved-slot calendar (预留号源) of one receiving department for the next 14 days:
// grouped by day, free places shown, full slots disabled.
import type { ReferralType, Slot } from '@tiered-care/common';
import { useTranslation } from 'react-i18next';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useAsync } from '../ui/useAsync';
import { listSlots } from './api';
import { dayKey, todayInShanghai, useFormat } from '../ui/dates';
import './slots.css';

const DAYS = 14;

function plusDays(day: string, n: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

export function SlotPicker({
  institutionId,
  departmentId,
  type,
  value,
  onChange,
}: {
  institutionId: string;
  /** null: every department of the institution. */
  departmentId: string | null;
  /** Only slots reserved for this referral type; null for every slot of the department. */
  type: ReferralType | null;
  value: string | null;
  onChange: (slot: Slot | null) => void;
}) {
  const { t } = useTranslation('referrals');
  const f = useFormat();
  const slots = useAsync(
    (signal) => {
      const from = todayInShanghai();
      return listSlots({ institutionId, departmentId, from, to: plusDays(from, DAYS - 1) }, signal);
    },
    [institutionId, departmentId],
  );

  if (slots.loading && !slots.data) return <Loading />;
  if (slots.error) return <ErrorState error={slots.error} onRetry={slots.reload} />;
  const usable = (slots.data ?? []).filter((s) => type === null || s.type === type);
  if (usable.length === 0) return <Empty text={t('slots.none')} />;

  const days = new Map<string, Slot[]>();
  for (const s of usable) days.set(dayKey(s.startsAt), [...(days.get(dayKey(s.startsAt)) ?? []), s]);

  return (
    <div className="stack">
      <div className="slot-days" data-testid="slot-picker" role="group" aria-label={t('slots.title')}>
        {[...days].map(([day, list]) => (
          <div key={day} className="slot-day">
            <div className="slot-day-head">{f.weekday(list[0]?.startsAt ?? day)}</div>
            {list.map((s) => {
              const selected = s.id === value;
              return (
                <button
                  key={s.id}
                  type="button"
                  className={selected ? 'slot selected' : 'slot'}
                  aria-pressed={selected}
                  disabled={s.free <= 0 && !selected}
                  data-testid="slot-option"
                  data-slot-id={s.id}
                  title={s.location}
                  onClick={() => onChange(selected ? null : s)}
                >
                  <span>{f.time(s.startsAt)}</span>
                  <span className="slot-free">
                    {s.free > 0 ? t('slots.free', { count: s.free }) : t('slots.full')}
                  </span>
                </button>
              );
            })}
          </div>
        ))}
      </div>
      {value && (
        <p className="muted" data-testid="slot-chosen">
          {(() => {
            const s = usable.find((x) => x.id === value);
            return s ? t('slots.chosen', { at: f.dateTime(s.startsAt), location: s.location }) : null;
          })()}
        </p>
      )}
    </div>
  );
}
