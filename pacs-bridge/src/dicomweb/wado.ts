// WADO-RS through the bridge: metadata (JSON, URLs rewritten) and everything with a body worth
// streaming (frames, bulk data, rendered images, whole instances/series/studies).
import type { Request, Response } from 'express';
import { openStudy, type Retrieval, type RetrievalKind } from '../access/studyAccess';
import type { BridgeContext } from '../context';
import { fetchDicomJson } from '../pacs/upstream';
import type { Actor } from '@tiered-care/platform';
import { bulkPath, frameList, optionalUid, queryString, uid, withQuery } from './params';
import { cacheKey, keepAndSend, lookup, sendCached } from './cached';
import { pipeFromUpstream } from './passthrough';
import { readSeriesAhead } from './readAhead';
import { rebase, rewriteUrls } from './rewrite';
import { bridgeRoot } from './root';

interface Target extends Retrieval {
  /** Path below the DICOMweb root, rebuilt from checked parameters. */
  path: string;
}

export function target(req: Request, kind: RetrievalKind): Target {
  const study = uid(req, 'study');
  const series = optionalUid(req, 'series');
  const instance = optionalUid(req, 'instance');
  let path = `/studies/${study}`;
  if (series) path += `/series/${series}`;
  if (instance) path += `/instances/${instance}`;
  const r: Target = { kind, study, path };
  if (series) r.series = series;
  if (instance) r.instance = instance;
  if (req.params.frames !== undefined) {
    r.frames = frameList(req);
    r.path += `/frames/${r.frames}`;
  }
  if (kind === 'bulkdata') r.path += `/bulk/${bulkPath(req)}`;
  if (kind === 'rendered') r.path = withQuery(`${r.path}/rendered`, queryString(req));
  if (kind === 'metadata') r.path += '/metadata';
  return r;
}

const DICOM_JSON = 'application/dicom+json; charset=utf-8';

export async function metadata(ctx: BridgeContext, actor: Actor, req: Request, res: Response) {
  const t = target(req, 'metadata');
  const up = await openStudy(ctx, actor, t);
  const root = bridgeRoot(ctx, req);
  // An instance's metadata is fixed: kept, rewritten for this root. A series' or study's is not.
  const key = cacheKey(up, t, DICOM_JSON, root);
  const hit = await lookup(ctx.cache, key);
  if (hit) return sendCached(req, res, hit);
  const endFill = key === null ? null : ctx.cache.startFill(key);
  try {
    // Built from checked UIDs only: a 4xx to it is the archive's failure.
    const datasets = await fetchDicomJson(up, t.path, 'bridge');
    const body = Buffer.from(JSON.stringify(rewriteUrls(datasets, up.baseUrl, root, t.study)));
    keepAndSend(key === null ? null : { cache: ctx.cache, key }, req, res, DICOM_JSON, body);
  } finally {
    endFill?.();
  }
}

export function streamed(kind: Exclude<RetrievalKind, 'qido' | 'metadata' | 'ecg'>) {
  return async (ctx: BridgeContext, actor: Actor, req: Request, res: Response) => {
    const t = target(req, kind);
    const up = await openStudy(ctx, actor, t);
    const root = bridgeRoot(ctx, req);
    const key = cacheKey(up, t, req.headers.accept ?? '', root);
    const hit = await lookup(ctx.cache, key);
    if (hit) return sendCached(req, res, hit);
    if (kind === 'frames' && key !== null) readSeriesAhead(ctx, up, t, req.headers.accept ?? '', root);
    const rewrite = (url: string) => rebase(url, up.baseUrl, root, t.study);
    await pipeFromUpstream(req, res, up, t.path, rewrite, key === null ? null : { cache: ctx.cache, key });
  };
}
