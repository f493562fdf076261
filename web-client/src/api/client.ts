// One fetch wrapper for the whole app: JSON in and out, the bearer token, and the API's one
// error shape turned into an ApiError the pages can show.
import { ApiError as ApiErrorSchema } from '@tiered-care/common';
import { ApiError } from './apiError';
import { takeEarly } from './early';
import { getToken } from './token';

export { ApiError } from './apiError';
export { getToken, setToken } from './token';

let onUnauthenticated: (() => void) | null = null;
export const onSignedOut = (fn: () => void) => {
  onUnauthenticated = fn;
};
/** The server ended the session (the live socket says so): sign out on this page. */
export const sessionEnded = () => onUnauthenticated?.();

export interface RequestOptions {
  body?: unknown;
  /** A body that is not JSON (DICOM uploads), sent as it is with its own media type. */
  raw?: { body: BodyInit; contentType: string };
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

export async function api<T>(method: string, path: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  const token = getToken();
  if (token) headers.authorization = `Bearer ${token}`;
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.raw) headers['content-type'] = opts.raw.contentType;
  const send = () =>
    fetch(path, {
      method,
      headers,
      body: opts.raw ? opts.raw.body : opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  // A GET the page's start-up made already (early.ts); asked again if that one failed.
  const early = method === 'GET' ? takeEarly(path) : undefined;
  let res: Response;
  try {
    res = await (early ? early.catch(send) : send());
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'network', 'network unreachable');
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  const data: unknown = text ? safeJson(text) : undefined;
  if (res.ok) return data as T;
  const parsed = ApiErrorSchema.safeParse(data);
  if (res.status === 401 && path !== '/api/auth/login') onUnauthenticated?.();
  if (parsed.success) {
    const e = parsed.data.error;
    throw new ApiError(res.status, e.code, e.message, e.details);
  }
  throw new ApiError(res.status, 'http_error', `HTTP ${res.status}`);
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Fetches a binary resource (the slip PDF) with the token, for opening in a new tab. */
export async function fetchBlob(path: string): Promise<Blob> {
  const token = getToken();
  const res = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!res.ok) throw new ApiError(res.status, 'http_error', `HTTP ${res.status}`);
  return res.blob();
}
