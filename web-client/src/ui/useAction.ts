import { useCallback, useState } from 'react';

export interface Action {
  busy: boolean;
  failure: unknown;
  setFailure: (failure: unknown) => void;
  /** Runs `work` once: clears the last failure, marks busy, keeps what it throws for the page to show. */
  run: (work: () => Promise<void>) => Promise<void>;
}

/** The busy flag and failure of a button that calls the server, so a second click waits for the first. */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const run = useCallback(async (work: () => Promise<void>) => {
    setFailure(null);
    setBusy(true);
    try {
      await work();
    } catch (err) {
      setFailure(err);
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, failure, setFailure, run };
}
