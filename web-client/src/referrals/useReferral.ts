// One referral, kept current: loaded by id, replaced by an action's answer, and reloaded when a
// live `referral:changed` event names it with a version newer than the one shown.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useLiveEvent } from '../api/live';
import type { Referral } from '../api/types';
import { getReferral } from './api';

export interface ReferralState {
  referral: Referral | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  replace: (r: Referral) => void;
}

export function useReferral(id: string): ReferralState {
  const [referral, setReferral] = useState<Referral>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);
  const current = useRef<Referral | undefined>(undefined);
  current.current = referral;

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    getReferral(id, controller.signal).then(
      (r) => {
        if (controller.signal.aborted) return;
        setReferral(r);
        setLoading(false);
      },
      (e: unknown) => {
        if (controller.signal.aborted) return;
        setError(e);
        setLoading(false);
      },
    );
    return () => controller.abort();
  }, [id, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  const replace = useCallback((r: Referral) => {
    setReferral(r);
    setError(null);
  }, []);

  useLiveEvent('referral:changed', (e) => {
    if (e.referralId !== id) return;
    if (current.current && current.current.version >= e.version) return;
    reload();
  });

  // Never show the previous referral under a new id while the new one loads.
  return { referral: referral?.id === id ? referral : undefined, error, loading, reload, replace };
}
