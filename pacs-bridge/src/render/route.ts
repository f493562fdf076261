// WADO-RS rendered through the bridge: the archive renders when it can (its answer streams
// through unchanged); when it refuses (Orthanc without its GDCM plugin cannot decode JPEG 2000,
// and renders no palette colour image) the bridge decodes the frame itself and answers the same
// URL, query and content types. A few renders at a time per process; past that 429, and an image
// it cannot decode either is a clear 400 cannot_render.
import type { Request, Response } from 'express';
import { openStudy } from '../access/studyAccess';
import type { BridgeContext } from '../context';
import { cacheKey, keepAndSend, lookup, sendCached, type Fill } from '../dicomweb/cached';
import { pipeFromUpstream } from '../dicomweb/passthrough';
import { bridgeRoot } from '../dicomweb/root';
import { target } from '../dicomweb/wado';
import type { Upstream } from '../pacs/endpoints';
import { AppError, TooMany, type Actor } from '@tiered-care/platform';
import { decodeFrame } from './decode';
import { toDisplay } from './display';
import { encode } from './encode';
import { renderParams, type RenderParams } from './params';
import { sourceFrame, type FrameRequest } from './source';

/** Renders the bridge runs at once (each holds a decoded frame in memory). */
const MAX_RENDERS = 2;
let rendering = 0;

/** The archive answered, but would not or could not render (not: gone, down, or too slow). */
function archiveRefused(err: unknown): boolean {
  return err instanceof AppError && (err.code === 'pacs_rejected' || err.code === 'pacs_error');
}

/**
 * Decodes and renders one frame in this process, a few at a time (each holds a decoded frame in
 * memory); past that 429. Used for /rendered when the archive refuses, and for report figures.
 */
export async function renderFrame(up: Upstream, r: FrameRequest, params: RenderParams): Promise<Buffer> {
  if (rendering >= MAX_RENDERS) throw TooMany('the bridge is rendering other images; try again', 1);
  rendering++;
  try {
    const source = await sourceFrame(up, r);
    const decoded = await decodeFrame(source.bytes, source.syntax, source.attributes);
    const bitmap = toDisplay(decoded, source.attributes, params.window, source.palette);
    return await encode(bitmap, params);
  } finally {
    rendering--;
  }
}

async function renderHere(
  up: Upstream,
  r: FrameRequest,
  req: Request,
  res: Response,
  fill: Fill | null,
): Promise<void> {
  const params = renderParams(req);
  const picture = await renderFrame(up, r, params);
  // What the bridge rendered is as fixed as the frame it came from: kept like the archive's answer.
  keepAndSend(fill, req, res, params.type, picture);
}

export async function rendered(ctx: BridgeContext, actor: Actor, req: Request, res: Response): Promise<void> {
  const t = target(req, 'rendered');
  const up = await openStudy(ctx, actor, t);
  // The cache sits behind the access check above, as for frames (see dicomweb/cached.ts).
  const key = cacheKey(up, t, req.headers.accept ?? '', bridgeRoot(ctx, req));
  const hit = await lookup(ctx.cache, key);
  if (hit) return sendCached(req, res, hit);
  const fill = key === null ? null : { cache: ctx.cache, key };
  try {
    await pipeFromUpstream(req, res, up, t.path, () => null, fill);
  } catch (err) {
    if (res.headersSent || !archiveRefused(err)) throw err;
    const frame = Number(t.frames?.split(',')[0] ?? 1);
    const r: FrameRequest = { study: t.study, frame };
    if (t.series) r.series = t.series;
    if (t.instance) r.instance = t.instance;
    await renderHere(up, r, req, res, fill);
  }
}
