// Date ranges in China Standard Time, as the API counts whole days there: a browser set to
// another zone must still ask for the same calendar days the coordinators see.
import type { DateRange } from './types';

export type QuickPick = 'thisMonth' | 'last3Months' | 'last12Months';
export const QUICK_PICKS: readonly QuickPick[] = ['thisMonth', 'last3Months', 'last12Months'];

const MONTHS: Record<QuickPick, number> = { thisMonth: 1, last3Months: 3, last12Months: 12 };

/** Today's date (YYYY-MM-DD) in Asia/Shanghai. */
export function todayInShanghai(now: Date = new Date()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(now);
}

/**
 * From the first day of a month so every month bar covers a whole month (a partial first
 * month would look like a drop in referrals), through today.
 */
export function quickRange(pick: QuickPick, today: string = todayInShanghai()): DateRange {
  const [y = 1970, m = 1] = today.split('-').map(Number);
  const start = new Date(Date.UTC(y, m - MONTHS[pick], 1));
  return { from: start.toISOString().slice(0, 10), to: today };
}

export function matchingPick(range: DateRange, today: string = todayInShanghai()): QuickPick | null {
  return (
    QUICK_PICKS.find((p) => {
      const r = quickRange(p, today);
      return r.from === range.from && r.to === range.to;
    }) ?? null
  );
}

export const isValidRange = (r: DateRange): boolean =>
  /^\d{4}-\d{2}-\d{2}$/.test(r.from) && /^\d{4}-\d{2}-\d{2}$/.test(r.to) && r.from <= r.to;
