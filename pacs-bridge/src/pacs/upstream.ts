// Plain HTTP to a PACS for the pass-through paths: the response body stays a stream, so a
// series of frames flows to the viewer as it arrives and is never held in memory whole.
import { AppError, NotFound } from '../platform';
import type { Upstream } from './endpoints';

/**
 * How long one PACS request may take before it is given up: a hung archive (SIGSTOP, a dead
 * link) must cost the caller seconds, not forever. Streams that are already flowing are not cut.
 */
export const PACS_TIMEOUT_MS = 10_000;

export interface UpstreamRequest {
  accept?: string | undefined;
  method?: 'GET' | 'POST';
  contentType?: string;
  body?: Buffer;
  signal?: AbortSignal;
}

export const pacsUnavailable = (detail: string) =>
  new AppError('unavailable', 'pacs_unavailable', 'the image archive is not reachable right now', { detail });

export const pacsTimeout = () =>
  new AppError('timeout', 'pacs_timeout', 'the image archive did not answer in time; try again shortly');

/** `path` is relative to the DICOMweb root and starts with '/'. */
export async function upstreamFetch(up: Upstream, path: string, r: UpstreamRequest = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  if (up.authorization) headers.authorization = up.authorization;
  if (r.accept) headers.accept = r.accept;
  if (r.contentType) headers['content-type'] = r.contentType;
  const timeout = AbortSignal.timeout(PACS_TIMEOUT_MS);
  try {
    return await fetch(up.baseUrl + path, {
      method: r.method ?? 'GET',
      headers,
      body: r.body,
      signal: r.signal ? AbortSignal.any([r.signal, timeout]) : timeout,
    });
  } catch (err) {
    if (timeout.aborted && !r.signal?.aborted) throw pacsTimeout();
    throw pacsUnavailable(err instanceof Error ? err.message : String(err));
  }
}

/**
 * Turns an upstream failure into our error shape without echoing the PACS's own message
 * (it may name internal hosts). Consumes the body so the connection can be reused.
 */
export async function failFromUpstream(res: Response): Promise<never> {
  await res.body?.cancel().catch(() => undefined);
  if (res.status === 404 || res.status === 410) throw NotFound('study');
  if (res.status === 400 || res.status === 406 || res.status === 415) {
    throw new AppError('invalid', 'pacs_rejected', 'the image archive cannot answer this request', {
      status: res.status,
    });
  }
  throw pacsUnavailable(`upstream status ${res.status}`);
}
