import { useEffect, useRef } from 'react';
import { useLiveEvent } from '../api/live';

/**
 * Calls `refresh` after `referral:changed` events, once per burst (a coordinator's busy morning
 * should cost one refetch, not twenty).
 */
export function useLiveRefresh(refresh: () => void, delayMs = 300): void {
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);
  const latest = useRef(refresh);
  latest.current = refresh;
  useLiveEvent('referral:changed', () => {
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = null;
      latest.current();
    }, delayMs);
  });
  useEffect(
    () => () => {
      if (timer.current) clearTimeout(timer.current);
    },
    [],
  );
}
