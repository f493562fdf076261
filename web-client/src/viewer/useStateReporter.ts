// Local changes reported to the parent at most every ~60 ms, remembering what was sent: a parent
// that stores a state and passes it back (even after we have moved on) is echoing, not sending a
// remote change.
import { useEffect, useRef, useState, type RefObject } from 'react';
import { throttle, type Throttled } from './throttle';
import type { ViewerState } from './viewState';

const REPORT_INTERVAL_MS = 60;

export interface StateReporter {
  reporter: Throttled<[ViewerState]>;
  lastSent: RefObject<ViewerState | null>;
  /** Every state object we reported. */
  sent: RefObject<WeakSet<ViewerState>>;
}

export function useStateReporter(onStateChange: ((state: ViewerState) => void) | undefined): StateReporter {
  // The latest prop, read from a callback that outlives a render.
  const onChangeRef = useRef(onStateChange);
  const lastSent = useRef<ViewerState | null>(null);
  const sent = useRef(new WeakSet<ViewerState>());
  useEffect(() => {
    onChangeRef.current = onStateChange;
  });

  const [reporter] = useState(() =>
    throttle((s: ViewerState) => {
      lastSent.current = s;
      sent.current.add(s);
      onChangeRef.current?.(s);
    }, REPORT_INTERVAL_MS),
  );
  return { reporter, lastSent, sent };
}
