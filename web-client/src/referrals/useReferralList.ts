// A referral list (worklist or outgoing box) with cursor paging. A refresh (live event, action
// taken) refetches as many rows as are shown, so "load more" pages don't vanish on every change.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ReferralListPage, WorklistItem } from '@tiered-care/common';
import { settle } from '../ui/useAsync';
import { listReferrals, type ListQuery } from './api';

const PAGE = 20;
const MAX = 100;

export interface ReferralList {
  items: WorklistItem[];
  counts: ReferralListPage['counts'] | undefined;
  nextCursor: string | null;
  loading: boolean;
  loadingMore: boolean;
  error: unknown;
  loadMore: () => void;
  refresh: () => void;
}

export function useReferralList(query: ListQuery): ReferralList {
  const key = JSON.stringify(query);
  const [items, setItems] = useState<WorklistItem[]>([]);
  const [counts, setCounts] = useState<ReferralListPage['counts']>();
  const [nextCursor, setNextCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(true);
  const [loadingMore, setLoadingMore] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [tick, setTick] = useState(0);
  const shown = useRef(PAGE);
  const lastKey = useRef(key);

  useEffect(() => {
    const controller = new AbortController();
    const sameQuery = lastKey.current === key;
    lastKey.current = key;
    if (!sameQuery) {
      shown.current = PAGE;
      setItems([]);
      setNextCursor(null);
    }
    setLoading(true);
    setError(null);
    const q = JSON.parse(key) as ListQuery;
    settle(
      listReferrals({ ...q, limit: Math.min(Math.max(shown.current, PAGE), MAX) }, controller.signal),
      controller.signal,
      (w) => {
        setItems(w.items);
        setCounts(w.counts);
        setNextCursor(w.nextCursor);
      },
      (e) => setError(e),
      () => setLoading(false),
    );
    return () => controller.abort();
  }, [key, tick]);

  const loadMore = useCallback(() => {
    if (!nextCursor || loadingMore) return;
    setLoadingMore(true);
    const q = JSON.parse(key) as ListQuery;
    listReferrals({ ...q, limit: PAGE, cursor: nextCursor }).then(
      (w) => {
        if (lastKey.current !== key) return;
        setItems((prev) => {
          const seen = new Set(prev.map((i) => i.id));
          const merged = [...prev, ...w.items.filter((i) => !seen.has(i.id))];
          shown.current = merged.length;
          return merged;
        });
        setCounts(w.counts);
        setNextCursor(w.nextCursor);
        setLoadingMore(false);
      },
      (e: unknown) => {
        setError(e);
        setLoadingMore(false);
      },
    );
  }, [key, nextCursor, loadingMore]);

  const refresh = useCallback(() => setTick((n) => n + 1), []);
  return { items, counts, nextCursor, loading, loadingMore, error, loadMore, refresh };
}
