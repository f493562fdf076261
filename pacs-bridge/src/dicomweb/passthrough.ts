// Streaming a PACS response to the viewer: status and Content-Type (with the multipart
// boundary) pass through unchanged and the body is piped, so frames arrive byte-for-byte as the
// PACS sent them, and a large series never sits in the bridge's memory. Only the per-part
// Content-Location lines of a multipart body are rewritten (they name the PACS), which changes
// the total length: multipart answers go out chunked. An answer that may be cached and is small
// (a frame, a rendered image) is read whole, kept, and sent in one write with its length: many
// small socket writes per frame cost more than the bytes. A larger one is copied into the cache
// as it passes (up to the entry limit) and kept only once it went out whole.
import type { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Request, Response } from 'express';
import { newEtag, type ResponseCache } from '../cache/responseCache';
import { Recorder } from '../cache/recorder';
import { boundaryOf } from '../dicom/multipart';
import type { Upstream } from '../pacs/endpoints';
import { failFromUpstream, pacsUnavailable, upstreamFetch, type UpstreamResponse } from '../pacs/upstream';
import { keepAndSend, type Fill } from './cached';
import { PartHeaderRewriter, rewritePartHeaders } from './partHeaders';
import { privateResponse } from './privateResponse';

// Not Content-Location: it names the PACS. Not the archive's ETag: the bridge tags what it keeps.
const PASSED_HEADERS = ['content-type', 'content-length', 'last-modified'];

/** Answers up to this size that may be kept are read whole before they are sent (frames are ~0.1–1 MB). */
const WHOLE_BYTES = 4 * 1024 ** 2;

export async function pipeFromUpstream(
  req: Request,
  res: Response,
  up: Upstream,
  path: string,
  rewriteLocation: (url: string) => string | null,
  fill: Fill | null = null,
): Promise<void> {
  // A viewer that scrolls away cancels its frame requests; stop reading from the PACS too.
  const abort = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) abort.abort();
  });
  // One fill per key at a time; a request meeting one on its way just streams.
  const endFill = fill && fill.cache.maxBytes > 0 ? fill.cache.startFill(fill.key) : null;
  try {
    const upstream = await upstreamFetch(up, path, { accept: req.headers.accept, signal: abort.signal });
    if (!upstream.ok) return await failFromUpstream(upstream);
    const contentType = upstream.headers.get('content-type');
    const multipart = boundaryOf(contentType) !== null;
    const declared = Number(upstream.headers.get('content-length') ?? 0);
    const keep = fill && endFill && upstream.status === 200 && contentType ? fill : null;
    if (keep && contentType && readsWhole(declared, keep.cache)) {
      const body = await wholeAnswer(upstream, contentType, rewriteLocation);
      return keepAndSend(keep, req, res, contentType, body);
    }
    const recorder =
      keep && declared <= keep.cache.maxEntryBytes ? new Recorder(keep.cache.maxEntryBytes) : null;
    res.status(upstream.status);
    for (const name of PASSED_HEADERS) {
      const value = upstream.headers.get(name);
      if (value !== null && !(multipart && name === 'content-length')) res.setHeader(name, value);
    }
    const etag = recorder ? newEtag() : null;
    if (etag) res.setHeader('ETag', etag);
    privateResponse(res, etag ? 'revalidate' : 'no-store');
    const stages: Transform[] = [];
    if (multipart) stages.push(new PartHeaderRewriter(rewriteLocation));
    if (recorder) stages.push(recorder);
    // Kept once the last byte went out (not when the archive's socket is done with, later).
    res.once('finish', () => {
      const body = recorder?.recorded();
      if (fill && body && etag && contentType) fill.cache.put(fill.key, { contentType, etag, body });
      endFill?.();
    });
    try {
      await pipeline([upstream.body, ...stages, res]);
    } catch {
      // The client went away or the PACS broke off mid-body: the status line is long gone, so
      // the only honest signal left is a cut connection, which pipeline has already made.
    }
  } finally {
    endFill?.();
  }
}

/** Whether an answer of `declared` bytes (0: not said) that may be kept is read whole first. */
export function readsWhole(declared: number, cache: ResponseCache): boolean {
  return declared > 0 && declared <= Math.min(WHOLE_BYTES, cache.maxEntryBytes);
}

/** The archive's whole answer, part headers rewritten; nothing has gone out yet, so a break is a clean 503. */
export async function wholeAnswer(
  upstream: UpstreamResponse,
  contentType: string,
  rewriteLocation: (url: string) => string | null,
): Promise<Buffer> {
  const declared = Number(upstream.headers.get('content-length') ?? 0);
  const chunks: Buffer[] = [];
  let length = 0;
  try {
    for await (const chunk of upstream.body) {
      const b = chunk as Buffer;
      chunks.push(b);
      length += b.length;
    }
  } catch (err) {
    throw pacsUnavailable(err instanceof Error ? err.message : String(err));
  }
  if (length !== declared) throw pacsUnavailable(`${length} of ${declared} bytes`);
  // Copied once: into one buffer with the part headers rewritten, or just joined.
  return boundaryOf(contentType) === null
    ? Buffer.concat(chunks, length)
    : rewritePartHeaders(chunks, rewriteLocation);
}
