// Reading an upload as it arrives: one application/dicom file, or a STOW-RS style
// multipart/related body of them. Nothing is read whole: each file is handed on in chunks, the
// byte limit is counted as they come, and an uploader who stops sending is let go.
import type { Request } from 'express';
import { boundaryOf, relatedTypeOf } from '../dicom/multipart';
import { AppError, Invalid } from '@tiered-care/platform';
import { MalformedMultipart, nextChunk, streamParts } from './multipartStream';

export type UploadShape = { kind: 'single' } | { kind: 'multipart'; boundary: string };

/** An uploader that sends nothing for this long is cut off (its slot is needed). */
export const UPLOAD_IDLE_MS = 60_000;

/** Shaped like body-parser's error, so the API's error handler answers 413 payload_too_large. */
export const tooLarge = () =>
  Object.assign(new Error('upload too large'), { type: 'entity.too.large', status: 413 });

const malformed = () => Invalid('malformed_multipart', 'the multipart body could not be read');
const cutOff = () => Invalid('upload_aborted', 'the upload was cut off before its end');
const stalled = () => Invalid('upload_stalled', `nothing arrived for ${UPLOAD_IDLE_MS / 1000} s`);

/** What the Content-Type says the body is; null for anything but DICOM (415). */
export function uploadShape(contentType: string | undefined): UploadShape | null {
  const type = contentType ?? '';
  if (/^\s*application\/dicom\s*(;|$)/i.test(type)) return { kind: 'single' };
  const boundary = boundaryOf(type);
  const related = relatedTypeOf(type);
  if (/^\s*multipart\/related/i.test(type) && boundary !== null) {
    if (related === null || related === 'application/dicom') return { kind: 'multipart', boundary };
  }
  return null;
}

/** The Content-Length the client announced (0 for chunked bodies, which are counted as they come). */
export function declaredLength(req: Request): number {
  const n = Number(req.headers['content-length'] ?? 0);
  return Number.isFinite(n) ? n : 0;
}

/**
 * The request body, chunk by chunk, failing with 413 at the first byte over `limit`; `count`
 * sees every chunk's size first (and may refuse it by throwing).
 */
async function* limited(req: Request, limit: number, count: (bytes: number) => void): AsyncGenerator<Buffer> {
  const socket = req.socket;
  req.setTimeout(UPLOAD_IDLE_MS, () => req.destroy(stalled()));
  let size = 0;
  const chunks = (req as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
  try {
    for (;;) {
      // The connection, not the database or the archive: a reset here must not read as either.
      const next = await nextChunk(chunks, (err) => (err instanceof AppError ? err : cutOff()));
      if (next.done) return;
      size += next.value.length;
      count(next.value.length);
      if (size > limit) throw tooLarge();
      yield next.value;
    }
  } finally {
    socket.setTimeout(0);
  }
}

async function* translated(body: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  try {
    yield* body;
  } catch (err) {
    throw err instanceof MalformedMultipart ? malformed() : err;
  }
}

/**
 * The DICOM files of the upload, each a stream of its bytes; each must be read to its end
 * before the next is asked for. Parts of other types in a multipart body are skipped.
 */
export async function* dicomFiles(
  req: Request,
  shape: UploadShape,
  limit: number,
  count: (bytes: number) => void,
): AsyncGenerator<AsyncIterable<Buffer>> {
  const body = limited(req, limit, count);
  if (shape.kind === 'single') {
    yield body;
    return;
  }
  try {
    for await (const part of streamParts(body, shape.boundary)) {
      const type = (part.headers['content-type'] ?? 'application/dicom').toLowerCase();
      if (type.startsWith('application/dicom')) yield translated(part.body);
    }
  } catch (err) {
    throw err instanceof MalformedMultipart ? malformed() : err;
  }
}
