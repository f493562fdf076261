// Path parameters are checked before they reach a PACS URL: anything that isn't a UID (or a
// frame list, or a bulk data path) is simply not found. The upstream path is rebuilt from the
// checked values, never copied from the request, so `..` or encoded slashes can't escape a study.
import type { Request } from 'express';
import { isUid } from '../dicom/part10';
import { Invalid, NotFound } from '@tiered-care/platform';

export function uid(req: Request, name: string): string {
  const v = req.params[name];
  if (typeof v !== 'string' || !isUid(v)) throw NotFound('study');
  return v;
}

export function optionalUid(req: Request, name: string): string | undefined {
  return req.params[name] === undefined ? undefined : uid(req, name);
}

export function frameList(req: Request): string {
  const v = req.params.frames;
  if (typeof v !== 'string' || !/^[1-9][0-9]{0,5}(,[1-9][0-9]{0,5}){0,999}$/.test(v)) throw NotFound('frame');
  return v;
}

/** The tail of a bulk data URI, e.g. ["54000100", "1", "54001010"] or ["7FE00010"]. */
export function bulkPath(req: Request): string {
  const v: unknown = req.params.path;
  const segments = Array.isArray(v) ? v : [v];
  if (segments.length === 0 || segments.length > 16) throw NotFound('bulk data');
  for (const s of segments) {
    if (typeof s !== 'string' || !/^[0-9A-Fa-f]{1,8}$/.test(s)) throw NotFound('bulk data');
  }
  return segments.join('/');
}

/** The query string re-encoded from parsed pairs, minus `drop` (case-insensitive). */
export function queryString(req: Request, drop: string[] = []): URLSearchParams {
  const lowered = drop.map((d) => d.toLowerCase());
  const params = new URL(req.originalUrl, 'http://bridge.invalid').searchParams;
  const out = new URLSearchParams();
  for (const [k, v] of params) if (!lowered.includes(k.toLowerCase())) out.append(k, v);
  return out;
}

export function withQuery(path: string, params: URLSearchParams): string {
  // DICOMweb lists values with commas (`viewport=88,88`, `window=40,400,linear`); Orthanc reads
  // them literally and rejects the `%2C` URLSearchParams writes. A comma is legal in a query.
  const qs = params.toString().replace(/%2C/gi, ',');
  return qs ? `${path}?${qs}` : path;
}

const PAGING = new Set(['limit', 'offset']);

/**
 * queryString() for a QIDO search, with `limit` and `offset` checked here: Orthanc answers a
 * negative one with a 500, which would read as an archive failure rather than the caller's typo.
 */
export function pagedQuery(req: Request, drop: string[] = []): URLSearchParams {
  const params = queryString(req, drop);
  for (const [k, v] of params) {
    if (PAGING.has(k.toLowerCase()) && !/^[0-9]{1,7}$/.test(v)) {
      throw Invalid('invalid_query', `${k} must be a whole number from 0`, { parameter: k });
    }
  }
  return params;
}
