// One box of diagnosis requests with its counts, a "load more" cursor and a live refresh on
// `diagnosis:changed` (once per burst: a busy centre's morning costs one refetch, not twenty).
import type { DiagnosisListItem } from '@tiered-care/common';
import { useEffect, useRef, useState } from 'react';
import { useLiveEvent } from '../api/live';
import { useAsync } from '../ui/useAsync';
import { listDiagnoses, type Box, type ListFilter } from './api';

export function useDiagnosisList(box: Box, filter: Omit<ListFilter, 'cursor'>) {
  const [more, setMore] = useState<DiagnosisListItem[]>([]);
  const [cursor, setCursor] = useState<string | null>(null);
  const key = JSON.stringify(filter);
  const page = useAsync(
    async (signal) => {
      const p = await listDiagnoses(box, filter, signal);
      setMore([]);
      setCursor(p.nextCursor);
      return p;
    },
    [box, key],
  );
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useLiveEvent('diagnosis:changed', () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      page.reload();
    }, 300);
  });
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
  const loadMore = async () => {
    if (!cursor) return;
    const next = await listDiagnoses(box, { ...filter, cursor });
    setMore((m) => [...m, ...next.items]);
    setCursor(next.nextCursor);
  };
  return { page, items: [...(page.data?.items ?? []), ...more], cursor, loadMore };
}
