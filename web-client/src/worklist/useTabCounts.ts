// The numbers on the worklist tabs. Status counts come from the API's per-box `counts`
// (which ignore filters); 今日报到 has no status of its own, so it is counted from its own query.
import { useCallback, useEffect, useState } from 'react';
import type { ReferralListPage } from '@tiered-care/common';
import { listReferrals } from '../referrals/api';
import { tabQuery, type TabName } from './worklistTabs';

export type TabCounts = Partial<Record<TabName, string>>;

const sum = (c: ReferralListPage['counts']) =>
  Object.entries(c).reduce((n, [k, v]) => (k === 'overdue' ? n : n + ((v as number | undefined) ?? 0)), 0);

export function useTabCounts(today: string): { counts: TabCounts; refresh: () => void } {
  const [counts, setCounts] = useState<TabCounts>({});
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    const { signal } = controller;
    Promise.all([
      listReferrals({ box: 'incoming', limit: 1 }, signal),
      listReferrals({ box: 'outgoing', limit: 1 }, signal),
      listReferrals({ ...tabQuery('today', today), limit: 100 }, signal),
    ]).then(
      ([incoming, outgoing, todays]) => {
        const c = incoming.counts;
        setCounts({
          pending: String(c.submitted ?? 0),
          info: String(c.info_requested ?? 0),
          'to-schedule': String(c.accepted ?? 0),
          scheduled: String(c.scheduled ?? 0),
          today: `${todays.items.length}${todays.nextCursor ? '+' : ''}`,
          overdue: String(c.overdue ?? 0),
          sent: String(sum(outgoing.counts)),
        });
      },
      // The counts are a convenience: the list itself shows any error.
      () => undefined,
    );
    return () => controller.abort();
  }, [today, tick]);

  const refresh = useCallback(() => setTick((n) => n + 1), []);
  return { counts, refresh };
}
