// The ECG view's state (position, zoom, calipers), kept in step with a peer: local changes are
// shown at once and reported (throttled); a state from the peer is applied, not reported back,
// and our own report echoed back by the parent is ignored.
import { useCallback, useEffect, useRef, useState } from 'react';
import { throttle } from '../viewer/throttle';
import { sameEcgState } from './ecgState';
import { DEFAULT_ECG_STATE, type EcgViewState } from './types';

const REPORT_INTERVAL_MS = 60;

export function useSharedEcgView(state?: EcgViewState, onStateChange?: (state: EcgViewState) => void) {
  const [view, setView] = useState<EcgViewState>(() => state ?? DEFAULT_ECG_STATE);
  /** Whether the paper already has a zoom of its own (shared, or fitted to the panel once). */
  const fitted = useRef(state !== undefined);

  const onChangeRef = useRef(onStateChange);
  const lastSent = useRef<EcgViewState | null>(null);
  // Every state object we reported: passed back by the parent, it is an echo, not a remote change.
  const sent = useRef(new WeakSet<EcgViewState>());
  useEffect(() => {
    onChangeRef.current = onStateChange;
  });
  const [reporter] = useState(() =>
    throttle((s: EcgViewState) => {
      lastSent.current = s;
      sent.current.add(s);
      onChangeRef.current?.(s);
    }, REPORT_INTERVAL_MS),
  );
  useEffect(() => () => reporter.flush(), [reporter]);

  /** A change made here by the user: shown at once, reported to the peer (throttled). */
  const change = useCallback(
    (next: EcgViewState) => {
      setView(next);
      reporter(next);
    },
    [reporter],
  );

  // A state from the peer: applied, not reported back. Our own report echoed back is ignored.
  useEffect(() => {
    if (!state || sent.current.has(state) || sameEcgState(lastSent.current, state)) return;
    fitted.current = true;
    setView((v) => (sameEcgState(v, state) ? v : state));
  }, [state]);

  return { view, setView, change, reporter, fitted };
}
