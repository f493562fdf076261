// gzip for what the clinics' 1–10 Mbit/s links carry as text (JSON, the web client), and nothing
// at all for answers asked as binary: DICOM frames, bulk data, rendered images and files are
// compressed already (JPEG-LS, JPEG) or would gain little, and the middleware wraps every write
// of every answer it sees, which a viewer loading a series pays hundreds of times a second.
import compression from 'compression';
import type { RequestHandler } from 'express';

const BINARY_TYPES = new Set(['multipart/related', 'application/octet-stream', 'application/dicom']);
const BINARY_PREFIXES = ['image/', 'video/', 'audio/'];

/** True when every media range in `accept` names a binary type (and there is at least one). */
export function asksForBinary(accept: string | undefined): boolean {
  if (!accept) return false;
  return accept.split(',').every((range) => {
    const [type = '', ...params] = range.split(';');
    const t = type.trim().toLowerCase();
    // multipart/related of DICOM JSON or XML is text after all.
    if (t === 'multipart/related') return !params.some((p) => /\+(json|xml)/i.test(p));
    return BINARY_TYPES.has(t) || BINARY_PREFIXES.some((prefix) => t.startsWith(prefix));
  });
}

export function compressText(): RequestHandler {
  const compress = compression({ threshold: 1024 });
  return (req, res, next) => (asksForBinary(req.headers.accept) ? next() : compress(req, res, next));
}
