// Starting the series read-ahead (../cache/readAhead.ts) from a frame request the cache could
// not answer: frame 1 of the series' other instances, as the archive lists them (the hierarchy
// the access check has just confirmed), starting after this one, asked with this request's
// Accept header and kept under the keys the viewer's own requests will have.
import { newEtag } from '../cache/responseCache';
import type { ReadAheadItem } from '../cache/readAhead';
import type { BridgeContext } from '../context';
import type { Upstream } from '../pacs/endpoints';
import { upstreamFetch } from '../pacs/upstream';
import { cacheKey } from './cached';
import { readsWhole, wholeAnswer } from './passthrough';
import { rebase } from './rewrite';

interface FrameTarget {
  study: string;
  series?: string;
  instance?: string;
  frames?: string;
}

export function readSeriesAhead(
  ctx: BridgeContext,
  up: Upstream,
  t: FrameTarget,
  accept: string,
  root: string,
): void {
  if (!t.series || !t.instance || t.frames !== '1') return;
  const seriesKey = [up.endpointId, root, accept, t.study, t.series].join('\n');
  if (ctx.readAhead.reading(seriesKey)) return;
  const sops = ctx.hierarchies.listed(up, t.study, t.series);
  const at = sops.indexOf(t.instance);
  const items: ReadAheadItem[] = [];
  for (const sop of [...sops.slice(at + 1), ...sops.slice(0, Math.max(at, 0))]) {
    const path = `/studies/${t.study}/series/${t.series}/instances/${sop}/frames/1`;
    const key = cacheKey(up, { kind: 'frames', instance: sop, path }, accept, root);
    if (key !== null) items.push({ key, path });
  }
  const rewrite = (url: string) => rebase(url, up.baseUrl, root, t.study);
  void ctx.readAhead.start(seriesKey, ctx.cache, items, async (item) => {
    const upstream = await upstreamFetch(up, item.path, { accept });
    const contentType = upstream.headers.get('content-type');
    const declared = Number(upstream.headers.get('content-length') ?? 0);
    if (upstream.status !== 200 || !contentType || !readsWhole(declared, ctx.cache)) {
      upstream.body.on('error', () => undefined).destroy();
      return 0;
    }
    const body = await wholeAnswer(upstream, contentType, rewrite);
    return ctx.cache.put(item.key, { contentType, etag: newEtag(), body }) ? body.length : 0;
  });
}
