// Leading + trailing throttle: the first call goes out at once, then at most one call per
// interval, and the last call of a burst is never lost (the peer must end on the final state).

export interface Clock {
  now: () => number;
  setTimeout: (fn: () => void, ms: number) => unknown;
  clearTimeout: (handle: unknown) => void;
}

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface Throttled<A extends unknown[]> {
  (...args: A): void;
  /** Sends a pending trailing call now. */
  flush: () => void;
  /** Drops a pending trailing call. */
  cancel: () => void;
}

export function throttle<A extends unknown[]>(
  fn: (...args: A) => void,
  ms: number,
  clock: Clock = realClock,
): Throttled<A> {
  let last = -Infinity;
  let pending: A | null = null;
  let timer: unknown = null;

  const fire = () => {
    timer = null;
    if (!pending) return;
    const args = pending;
    pending = null;
    last = clock.now();
    fn(...args);
  };

  const throttled = (...args: A) => {
    pending = args;
    const wait = last + ms - clock.now();
    if (wait <= 0) {
      if (timer !== null) clock.clearTimeout(timer);
      fire();
    } else if (timer === null) {
      timer = clock.setTimeout(fire, wait);
    }
  };
  throttled.flush = () => {
    if (timer !== null) clock.clearTimeout(timer);
    fire();
  };
  throttled.cancel = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    pending = null;
  };
  return throttled;
}
