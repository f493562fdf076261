// Serving from the bridge's cache of immutable answers (../cache/responseCache.ts), always after
// openStudy has let the caller in. The browser may keep what it gets only to revalidate it
// (`private, no-cache` and a strong ETag): each reuse comes back through the access check, which
// answers 304 while the share lasts and 404 once it has ended.
import type { Request, Response } from 'express';
import type { RetrievalKind } from '../access/studyAccess';
import { newEtag, type CachedAnswer, type ResponseCache } from '../cache/responseCache';
import type { Upstream } from '../pacs/endpoints';
import { privateResponse } from './privateResponse';

/** Where an answer that may be kept goes: the cache and its key. */
export interface Fill {
  cache: ResponseCache;
  key: string;
}

/** How long a request waits for the same answer already on its way from the archive. */
const FOLLOW_WAIT_MS = 2_000;

const IMMUTABLE: ReadonlySet<RetrievalKind> = new Set([
  'frames',
  'bulkdata',
  'rendered',
  'retrieve',
  'metadata',
]);

/**
 * The cache key of an answer, or null when it may change: only what belongs to one SOP Instance
 * is fixed (a series or study gains instances). Everything that shapes the body is in it: the
 * archive, the path with its query, the Accept header (the transfer syntax) and the bridge root
 * the answer's URLs are rewritten to.
 */
export function cacheKey(
  up: Upstream,
  t: { kind: RetrievalKind; instance?: string; path: string },
  accept: string,
  root: string,
): string | null {
  if (!t.instance || !IMMUTABLE.has(t.kind)) return null;
  return [up.endpointId, root, accept, t.path].join('\n');
}

function matches(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

export function sendCached(req: Request, res: Response, hit: CachedAnswer): void {
  res.setHeader('ETag', hit.etag);
  privateResponse(res, 'revalidate');
  if (matches(req.headers['if-none-match'], hit.etag)) {
    res.status(304).end();
    return;
  }
  res.status(200);
  res.setHeader('Content-Type', hit.contentType);
  res.setHeader('Content-Length', hit.body.length);
  res.end(hit.body);
}

/**
 * The cached answer for `key`, waiting a little for one already on its way (a second viewer
 * opening the series at the same moment) rather than asking the archive twice.
 */
export async function lookup(cache: ResponseCache, key: string | null): Promise<CachedAnswer | undefined> {
  if (key === null || cache.maxBytes === 0) return undefined;
  const hit = cache.get(key);
  if (hit) return hit;
  await cache.settled(key, FOLLOW_WAIT_MS);
  return cache.get(key);
}

/**
 * Sends an answer the bridge made itself (metadata rewritten for this root, an image it rendered),
 * kept in `fill` when it may be: then tagged for revalidation, else never stored.
 */
export function keepAndSend(
  fill: Fill | null,
  req: Request,
  res: Response,
  contentType: string,
  body: Buffer,
): void {
  const answer = { contentType, etag: newEtag(), body };
  if (fill?.cache.put(fill.key, answer)) return sendCached(req, res, answer);
  privateResponse(res);
  res.status(200).type(contentType).send(body);
}
