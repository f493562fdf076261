// Plain HTTP to a PACS for the pass-through paths: the response body stays a stream, so a
// series of frames flows to the viewer as it arrives and is never held in memory whole.
import { parseDicomJsonArray, type DicomJson } from '@tiered-care/common/dicomJson';
import { AppError, NotFound } from '@tiered-care/platform';
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

/** The archive answered, but with a failure of its own (5xx), or refused the bridge's credentials. */
export const pacsError = (status: number) =>
  new AppError('upstream', 'pacs_error', 'the image archive failed to answer this request', { status });

/** The archive refused the query as malformed: the caller's to fix, not an outage. */
export const pacsRejected = (status: number) =>
  new AppError('invalid', 'pacs_rejected', 'the image archive cannot answer this request', { status });

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

// 401/403/407 name the bridge's own credentials (a configuration fault), never the caller's query.
const CREDENTIAL_STATUSES = new Set([401, 403, 407]);

/**
 * Whose request the archive answered: one carrying the caller's parameters (a search, an Accept
 * header, rendering options), or one the bridge built itself from checked UIDs. A 4xx to the
 * bridge's own question is the archive's failure, not the caller's: Orthanc answers some internal
 * faults (a damaged file) with 400.
 */
export type Asker = 'caller' | 'bridge';

/**
 * What an archive's failure status means for the caller: gone is 404, a query of theirs it
 * refuses is their 400, anything else (5xx, refused credentials) is the archive's 502.
 */
export function pacsStatusError(status: number, asker: Asker = 'caller'): AppError {
  if (status === 404 || status === 410) return NotFound('study');
  if (asker === 'caller' && status >= 400 && status < 500 && !CREDENTIAL_STATUSES.has(status)) {
    return pacsRejected(status);
  }
  return pacsError(status);
}

/**
 * Turns an upstream failure into our error shape without echoing the PACS's own message
 * (it may name internal hosts). Consumes the body so the connection can be reused.
 */
export async function failFromUpstream(res: Response, asker: Asker = 'caller'): Promise<never> {
  await res.body?.cancel().catch(() => undefined);
  throw pacsStatusError(res.status, asker);
}

/** A QIDO-RS or metadata answer as DICOM JSON datasets. */
export async function fetchDicomJson(
  up: Upstream,
  path: string,
  asker: Asker = 'caller',
): Promise<DicomJson[]> {
  const res = await upstreamFetch(up, path, { accept: 'application/dicom+json' });
  if (!res.ok) return failFromUpstream(res, asker);
  return parseDicomJsonArray(await res.text());
}
