// The region's upload archive spoken to through Orthanc's own REST API, one instance per request.
// STOW-RS answers the same for a new instance and for one the archive already held, and DICOMweb
// cannot delete; Orthanc's `POST /instances` says which it was (`Status`), names what it stored,
// and `DELETE /instances/{id}` takes back what a refused upload added, never what was there before.
// The archive must keep Orthanc's default `OverwriteInstances: false`, so an upload can't replace
// an instance it didn't add. Its REST root is the parent of the registered DICOMweb root.
import { request } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { IncomingMessage } from 'node:http';
import type { Upstream } from '../pacs/endpoints';
import { PACS_TIMEOUT_MS, pacsTimeout, pacsUnavailable } from '../pacs/upstream';
import { AppError } from '@tiered-care/platform';
import { nextChunk } from './multipartStream';

export interface StoredInstance {
  /** Orthanc's id, for taking it back. */
  id: string;
  /** false when the archive already held this instance (nothing of ours to take back). */
  isNew: boolean;
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
}

/** The archive refused the file (Orthanc 400: not DICOM it can read). */
export class ArchiveRefused extends Error {}

export function restRoot(up: Upstream): string {
  return up.baseUrl.replace(/\/[^/]+$/, '');
}

const OrthancIdPattern = /^[0-9a-f]{8}(-[0-9a-f]{8}){4}$/;

interface Resource {
  MainDicomTags?: Record<string, unknown>;
  ParentSeries?: unknown;
  ParentStudy?: unknown;
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

async function readJson(res: IncomingMessage, limit = 64 * 1024): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw pacsUnavailable('the archive answered with an oversized body');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw pacsUnavailable('the archive answered with something that is not JSON');
  }
}

/** A small REST call (GET a resource, DELETE an instance), bounded by PACS_TIMEOUT_MS. */
async function rest(up: Upstream, method: 'GET' | 'DELETE', path: string): Promise<unknown> {
  const timeout = AbortSignal.timeout(PACS_TIMEOUT_MS);
  let res: Response;
  try {
    res = await fetch(restRoot(up) + path, {
      method,
      headers: up.authorization ? { authorization: up.authorization } : {},
      signal: timeout,
    });
  } catch (err) {
    if (timeout.aborted) throw pacsTimeout();
    throw pacsUnavailable(err instanceof Error ? err.message : String(err));
  }
  if (!res.ok) {
    await res.body?.cancel().catch(() => undefined);
    throw pacsUnavailable(`${method} ${path.split('/')[1] ?? ''} answered ${res.status}`);
  }
  return method === 'GET' ? await res.json() : null;
}

/** Waits for `promise`, or fails with pacs_timeout after PACS_TIMEOUT_MS and calls `onTimeout`. */
async function within<T>(promise: Promise<T>, onTimeout: () => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      onTimeout();
      reject(pacsTimeout());
    }, PACS_TIMEOUT_MS);
  });
  try {
    return await Promise.race([promise, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * POST /instances with the file streamed from `body` as it arrives (chunked, with backpressure:
 * the next chunk is read only when the archive took the last). The archive's share of the time is
 * bounded: waiting for it to take a chunk, or to answer once the file is sent, may last
 * PACS_TIMEOUT_MS each; a slow uploader is the caller's to bound (an idle timeout on its socket).
 */
async function post(up: Upstream, body: AsyncIterable<Buffer>): Promise<{ status: number; json: unknown }> {
  const url = new URL(`${restRoot(up)}/instances`);
  const headers: Record<string, string> = { 'content-type': 'application/dicom' };
  if (up.authorization) headers.authorization = up.authorization;
  const req = (url.protocol === 'https:' ? httpsRequest : request)(url, { method: 'POST', headers });
  const response = new Promise<IncomingMessage>((resolve, reject) => {
    req.once('response', resolve);
    req.once('error', reject);
  });
  // Awaited only once the file is sent; an earlier failure surfaces through the writes. Every
  // failure is seen through `response`, `once` or `destroyed`: a late second 'error' must not
  // go unheard (that would end the process).
  response.catch(() => undefined);
  req.on('error', () => undefined);
  const abort = () => req.destroy(pacsTimeout());
  const chunks = body[Symbol.asyncIterator]();
  try {
    for (;;) {
      // The uploader's failure (too large, malformed, gone) passes through as it is.
      const next = await nextChunk(chunks, (err) => new FromUploader(err));
      if (next.done) break;
      if (req.destroyed) throw pacsUnavailable('the archive closed the connection');
      if (!req.write(next.value)) await within(once(req, 'drain'), abort);
    }
    req.end();
    const res = await within(response, abort);
    return { status: res.statusCode ?? 0, json: await within(readJson(res), abort) };
  } catch (err) {
    req.destroy();
    if (err instanceof FromUploader) throw err.cause;
    if (err instanceof AppError) throw err;
    // The archive's side: a refused connection, a reset.
    throw pacsUnavailable(err instanceof Error ? err.message : String(err));
  }
}

class FromUploader extends Error {
  constructor(override readonly cause: unknown) {
    super('the upload failed');
  }
}

function once(emitter: NodeJS.EventEmitter, event: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = () => {
      emitter.off('error', failed);
      resolve();
    };
    const failed = (err: Error) => {
      emitter.off(event, done);
      reject(err);
    };
    emitter.once(event, done);
    emitter.once('error', failed);
  });
}

/**
 * The UIDs an archive resource was indexed under, read back from the archive (not from the
 * uploaded bytes). Series and studies repeat across an upload's instances, so they are cached.
 */
export class ArchiveReader {
  private readonly seen = new Map<string, Resource>();

  constructor(private readonly up: Upstream) {}

  private async resource(level: 'instances' | 'series' | 'studies', id: string): Promise<Resource> {
    if (!OrthancIdPattern.test(id)) throw pacsUnavailable('the archive named a resource oddly');
    const key = `${level}/${id}`;
    const cached = this.seen.get(key);
    if (cached) return cached;
    const found = (await rest(this.up, 'GET', `/${key}`)) as Resource;
    if (level !== 'instances') this.seen.set(key, found);
    return found;
  }

  /** Streams one file into the archive; what it stored, as the archive has it. */
  async store(body: AsyncIterable<Buffer>): Promise<StoredInstance> {
    const { status, json } = await post(this.up, body);
    if (status === 400) throw new ArchiveRefused();
    const answer = (json ?? {}) as { ID?: unknown; Status?: unknown };
    if (status !== 200 || typeof answer.ID !== 'string') {
      throw pacsUnavailable(`storing answered ${status}`);
    }
    const instance = await this.resource('instances', answer.ID);
    const series = await this.resource('series', text(instance.ParentSeries));
    const study = await this.resource('studies', text(series.ParentStudy));
    return {
      id: answer.ID,
      isNew: answer.Status === 'Success',
      studyInstanceUid: text(study.MainDicomTags?.StudyInstanceUID),
      seriesInstanceUid: text(series.MainDicomTags?.SeriesInstanceUID),
      sopInstanceUid: text(instance.MainDicomTags?.SOPInstanceUID),
    };
  }

  async remove(id: string): Promise<void> {
    await rest(this.up, 'DELETE', `/instances/${id}`);
  }
}
