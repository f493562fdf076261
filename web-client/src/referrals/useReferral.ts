// One referral, kept current: loaded by id, replaced by an action's answer, and reloaded when a
// live `referral:changed` event names it with a version newer than the one shown.
import { useRef } from 'react';
import { useLiveEvent } from '../api/live';
import type { Referral } from '@tiered-care/common';
import { useAsync } from '../ui/useAsync';
import { getReferral } from './api';

export interface ReferralState {
  referral: Referral | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  replace: (r: Referral) => void;
}

export function useReferral(id: string): ReferralState {
  const {
    data: referral,
    error,
    loading,
    reload,
    setData: replace,
  } = useAsync((signal) => getReferral(id, signal), [id]);
  const current = useRef<Referral | undefined>(undefined);
  current.current = referral;

  useLiveEvent('referral:changed', (e) => {
    if (e.referralId !== id) return;
    if (current.current && current.current.version >= e.version) return;
    reload();
  });

  // Never show the previous referral under a new id while the new one loads.
  return { referral: referral?.id === id ? referral : undefined, error, loading, reload, replace };
}
