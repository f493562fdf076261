// Streaming a PACS response to the viewer: status and Content-Type (with the multipart
// boundary) pass through unchanged and the body is piped, so frames arrive byte-for-byte as the
// PACS sent them, and a large series never sits in the bridge's memory. Only the per-part
// Content-Location lines of a multipart body are rewritten (they name the PACS), which changes
// the total length: multipart answers go out chunked.
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import { boundaryOf } from '../dicom/multipart';
import type { Upstream } from '../pacs/endpoints';
import { failFromUpstream, upstreamFetch } from '../pacs/upstream';
import { PartHeaderRewriter } from './partHeaders';

// Not Content-Location: it names the PACS.
const PASSED_HEADERS = ['content-type', 'content-length', 'last-modified', 'etag'];

/** Headers for anything that carries patient data: never kept by shared caches or on disk. */
export function privateResponse(res: Response): void {
  res.setHeader('Cache-Control', 'private, no-store');
}

export async function pipeFromUpstream(
  req: Request,
  res: Response,
  up: Upstream,
  path: string,
  rewriteLocation: (url: string) => string | null,
): Promise<void> {
  // A viewer that scrolls away cancels its frame requests; stop reading from the PACS too.
  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  const upstream = await upstreamFetch(up, path, { accept: req.headers.accept, signal: abort.signal });
  if (!upstream.ok) return failFromUpstream(upstream);
  const multipart = boundaryOf(upstream.headers.get('content-type')) !== null;
  res.status(upstream.status);
  for (const name of PASSED_HEADERS) {
    const value = upstream.headers.get(name);
    if (value !== null && !(multipart && name === 'content-length')) res.setHeader(name, value);
  }
  privateResponse(res);
  const body = upstream.body;
  try {
    if (multipart) await pipeline(body, new PartHeaderRewriter(rewriteLocation), res);
    else await pipeline(body, res);
  } catch {
    // The client went away or the PACS broke off mid-body: the status line is long gone, so
    // the only honest signal left is a cut connection, which pipeline has already made.
  }
}
