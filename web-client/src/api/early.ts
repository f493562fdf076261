// GETs a page is known to make, started at start-up (boot.ts, before React and the page's chunk
// are in) and handed once to the page's own request for the same path when it comes soon after:
// the referral page's data no longer waits for its code.
import { getToken } from './token';

const started = new Map<string, { at: number; response: Promise<Response> }>();
/** Older than this, an early answer is not used (the page came late; ask again). */
const FRESH_MS = 10_000;

export function getEarly(path: string): void {
  const token = getToken();
  if (!token) return;
  const response = fetch(path, { headers: { accept: 'application/json', authorization: `Bearer ${token}` } });
  response.catch(() => undefined);
  started.set(path, { at: performance.now(), response });
}

/** The early answer for `path`, once; undefined when there is none or it is stale. */
export function takeEarly(path: string): Promise<Response> | undefined {
  const e = started.get(path);
  started.delete(path);
  return e && performance.now() - e.at < FRESH_MS ? e.response : undefined;
}
