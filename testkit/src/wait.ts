// Polling for tests and benchmarks: what a test waits for is a condition, not a fixed time.
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls `probe` until it returns a value, or fails with the last value seen after `ms`. */
export async function waitFor<T>(
  what: string | (() => string),
  ms: number,
  probe: () => Promise<T | undefined>,
): Promise<T> {
  const deadline = Date.now() + ms;
  let last: unknown;
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline) {
      const label = typeof what === 'string' ? what : what();
      throw new Error(`timed out after ${ms} ms waiting for ${label} (${String(last)})`);
    }
    await sleep(250);
  }
}
