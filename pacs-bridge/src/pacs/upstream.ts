// Plain HTTP to a PACS for the pass-through paths: the response body stays a stream, so a
// series of frames flows to the viewer as it arrives and is never held in memory whole. undici's
// own request API on a keep-alive pool per archive: fetch's web streams, adapted back to Node
// streams, cost more than the frames' bytes themselves (the bench measured the bridge at 2.4×
// direct with them).
import type { Readable } from 'node:stream';
import { Agent, errors, request } from 'undici';
import { parseDicomJsonArray, type DicomJson } from '@tiered-care/common/dicomJson';
import { AppError, NotFound } from '@tiered-care/platform';
import type { Upstream } from './endpoints';

/**
 * How long one PACS request may take before it is given up: a hung archive (SIGSTOP, a dead
 * link) must cost the caller seconds, not forever. It runs until the response headers arrive;
 * a body that is flowing is not cut, one that stops flowing for this long is.
 */
export const PACS_TIMEOUT_MS = 10_000;

/**
 * Connections kept open to each archive (undici's Agent holds one pool per origin). A viewer
 * opens 6 at a time; a few viewers at once, plus the bridge's own checks, fit in 32.
 */
const CONNECTIONS_PER_ARCHIVE = 32;

const agent = new Agent({
  connections: CONNECTIONS_PER_ARCHIVE,
  keepAliveTimeout: 4_000,
  // Orthanc announces `Keep-Alive: timeout=1`; with undici's default margin of 1 s that left no
  // time at all, and every request opened a new connection.
  keepAliveTimeoutThreshold: 200,
  connect: { timeout: PACS_TIMEOUT_MS },
  headersTimeout: PACS_TIMEOUT_MS,
  bodyTimeout: PACS_TIMEOUT_MS,
});

export interface UpstreamRequest {
  accept?: string | undefined;
  method?: 'GET' | 'POST';
  contentType?: string;
  body?: Buffer;
  signal?: AbortSignal;
}

/** The archive's answer: status and headers, the body as a Node stream read at most once. */
export interface UpstreamResponse {
  status: number;
  ok: boolean;
  headers: { get(name: string): string | null };
  body: Readable;
  text(): Promise<string>;
  arrayBuffer(): Promise<ArrayBuffer>;
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

const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT']);

/** `path` is relative to the DICOMweb root and starts with '/'. */
export async function upstreamFetch(
  up: Upstream,
  path: string,
  r: UpstreamRequest = {},
): Promise<UpstreamResponse> {
  const headers: Record<string, string> = {};
  if (up.authorization) headers.authorization = up.authorization;
  if (r.accept) headers.accept = r.accept;
  if (r.contentType) headers['content-type'] = r.contentType;
  // One controller for both the caller's signal and the timeout (AbortSignal.any costs more per
  // request in Node 20). The timeout covers the wait for a free connection too, which undici's
  // own headers timeout does not; the caller's signal keeps cutting the body once it flows.
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), PACS_TIMEOUT_MS);
  const forward = () => abort.abort();
  if (r.signal?.aborted) abort.abort();
  else r.signal?.addEventListener('abort', forward, { once: true });
  const unlink = () => r.signal?.removeEventListener('abort', forward);
  try {
    const res = await request(up.baseUrl + path, {
      dispatcher: agent,
      method: r.method ?? 'GET',
      headers,
      body: r.body,
      signal: abort.signal,
    });
    res.body.once('close', unlink);
    return {
      status: res.statusCode,
      ok: res.statusCode >= 200 && res.statusCode < 300,
      headers: { get: (name) => headerValue(res.headers[name.toLowerCase()]) },
      body: res.body,
      text: () => res.body.text(),
      arrayBuffer: () => res.body.arrayBuffer(),
    };
  } catch (err) {
    unlink();
    const timedOut = abort.signal.aborted && !r.signal?.aborted;
    if (timedOut || (err instanceof errors.UndiciError && TIMEOUTS.has(err.code))) throw pacsTimeout();
    throw pacsUnavailable(err instanceof Error ? err.message : String(err));
  } finally {
    clearTimeout(timer);
  }
}

function headerValue(v: string | string[] | undefined): string | null {
  if (v === undefined) return null;
  return Array.isArray(v) ? v.join(', ') : v;
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
export function failFromUpstream(res: UpstreamResponse, asker: Asker = 'caller'): Promise<never> {
  // An error while draining is of no interest any more; unhandled, it would end the process.
  res.body.on('error', () => undefined).resume();
  return Promise.reject(pacsStatusError(res.status, asker));
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
