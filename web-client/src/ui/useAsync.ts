import { useCallback, useEffect, useState } from 'react';

export interface Async<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
  reload: () => void;
  /** Replaces the data with a fresher copy the caller already has (e.g. an action's answer). */
  setData: (data: T) => void;
}

/**
 * Hands a load's answer to `done` or its failure to `fail`, then calls `after`, unless `signal`
 * was aborted first: a newer load took over and a stale answer must never land.
 */
export function settle<T>(
  promise: Promise<T>,
  signal: AbortSignal,
  done: (data: T) => void,
  fail: (error: unknown) => void,
  after: () => void,
): void {
  promise.then(
    (d) => {
      if (signal.aborted) return;
      done(d);
      after();
    },
    (e: unknown) => {
      if (signal.aborted) return;
      fail(e);
      after();
    },
  );
}

/** Runs `load` when its dependencies change; aborts the previous run so stale answers never land. */
export function useAsync<T>(load: (signal: AbortSignal) => Promise<T>, deps: unknown[]): Async<T> {
  const [data, setData] = useState<T>();
  const [error, setError] = useState<unknown>(null);
  const [loading, setLoading] = useState(true);
  const [tick, setTick] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setLoading(true);
    setError(null);
    settle(
      load(controller.signal),
      controller.signal,
      (d) => setData(d),
      (e) => setError(e),
      () => setLoading(false),
    );
    return () => controller.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- callers pass the deps of `load`
  }, [...deps, tick]);

  const reload = useCallback(() => setTick((n) => n + 1), []);
  const replace = useCallback((d: T) => {
    setData(d);
    setError(null);
  }, []);
  return { data, error, loading, reload, setData: replace };
}
