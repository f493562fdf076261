// Reading an upload: one application/dicom file, or a STOW-RS style multipart/related body of
// them. Uploads are read whole (up to a limit) because every file's UIDs are checked before
// anything is stored.
import type { Request } from 'express';
import { boundaryOf, parseMultipart, relatedTypeOf } from '../dicom/multipart';
import { Invalid } from '../platform';

export class UnsupportedMediaType extends Error {}

/** Shaped like body-parser's error, so the API's error handler answers 413 payload_too_large. */
const tooLarge = () =>
  Object.assign(new Error('upload too large'), { type: 'entity.too.large', status: 413 });

export async function readBody(req: Request, limit: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw tooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, size);
}

export async function readDicomFiles(req: Request, limit: number): Promise<Buffer[]> {
  const contentType = req.headers['content-type'] ?? '';
  const isSingle = /^\s*application\/dicom\s*(;|$)/i.test(contentType);
  const boundary = boundaryOf(contentType);
  const related = relatedTypeOf(contentType);
  const isMultipart = /^\s*multipart\/related/i.test(contentType) && boundary !== null;
  if (!isSingle && !(isMultipart && (related === null || related === 'application/dicom'))) {
    throw new UnsupportedMediaType();
  }
  const body = await readBody(req, limit);
  if (isSingle) return [body];
  let files: Buffer[];
  try {
    files = parseMultipart(body, boundary ?? '')
      .filter((p) =>
        (p.headers['content-type'] ?? 'application/dicom').toLowerCase().startsWith('application/dicom'),
      )
      .map((p) => p.body);
  } catch {
    throw Invalid('malformed_multipart', 'the multipart body could not be read');
  }
  if (files.length === 0) throw Invalid('no_files', 'the upload contains no application/dicom part');
  return files;
}
