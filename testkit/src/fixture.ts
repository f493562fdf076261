// node:test fixtures, as the best-kept suites write them: `useX()` at a file's top level registers
// the `before` that starts X and one shared `after` that stops everything in reverse order of
// set-up, and returns a handle usable once `before` has run (its async methods wait for it). A
// file's own clean-up that must run while the app is still up (a pool on its database, open
// sockets) goes through `teardown`.
import { after, before } from 'node:test';

const stack: (() => unknown)[] = [];
let registered = false;

/** Runs `fn` after the file's tests, before everything set up earlier is stopped. */
export function teardown(fn: () => unknown): void {
  if (!registered) {
    registered = true;
    after(async () => {
      for (let fn = stack.pop(); fn; fn = stack.pop()) await fn();
    });
  }
  stack.push(fn);
}

export interface Fixture<T> {
  /** The started value; throws when called before `before` ran. */
  get: () => T;
  /**
   * The value once started. node:test (20) runs a file's top-level `before` hooks concurrently
   * when it has several `describe` suites, so a file's own `before` awaits this, not hook order.
   */
  ready: () => Promise<T>;
}

/** Registers `before` (starting the value with `start`) and its `teardown` (`stop`). */
export function fixture<T>(
  what: string,
  start: () => Promise<T>,
  stop: (value: T) => unknown,
  timeout?: number,
): Fixture<T> {
  let value: { v: T } | undefined;
  let settle: { resolve: (v: T) => void; reject: (e: unknown) => void } | undefined;
  const started = new Promise<T>((resolve, reject) => (settle = { resolve, reject }));
  started.catch(() => undefined); // the failing `before` reports it
  before(
    async () => {
      try {
        value = { v: await start() };
        settle?.resolve(value.v);
      } catch (error) {
        settle?.reject(error);
        throw error;
      }
    },
    timeout === undefined ? {} : { timeout },
  );
  teardown(() => (value ? stop(value.v) : undefined));
  return {
    get: () => {
      if (!value) throw new Error(`${what} is started in before(); use it inside a test or hook`);
      return value.v;
    },
    ready: () => started,
  };
}

/**
 * An object whose `keys` read the started value's fields at the time of reading, so a handle made
 * at a file's top level serves them once `before` has run.
 */
export function liveFields<T extends object, K extends keyof T>(
  get: () => T,
  keys: readonly K[],
): Pick<T, K> {
  const view = {} as Pick<T, K>;
  for (const key of keys) Object.defineProperty(view, key, { enumerable: true, get: () => get()[key] });
  return view;
}
