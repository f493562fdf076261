// Fetching an ECG through the bridge: the instance's metadata, then each multiplex group's
// WaveformData bulk data, decoded and analysed. Access and audit as for any retrieval.
import { openStudy } from '../access/studyAccess';
import type { BridgeContext } from '../context';
import { boundaryOf, parseMultipart } from '../dicom/multipart';
import { pacsClient } from '../pacs/client';
import type { Upstream } from '../pacs/endpoints';
import { failFromUpstream, upstreamFetch } from '../pacs/upstream';
import { Invalid, NotFound, type Actor } from '@tiered-care/platform';
import {
  decodeGroup,
  findLeadII,
  waveformDataOf,
  waveformGroups,
  WaveformError,
  type EcgGroup,
} from './decode';
import { detectRPeaks, heartRate, type HeartRate } from './panTompkins';

export interface EcgInstance {
  study: string;
  series: string;
  instance: string;
}

export interface Ecg {
  groups: EcgGroup[];
  /** From lead II of the first group that has one; null when there is none. */
  heartRate: (HeartRate & { lead: string; group: string; samplingFrequency: number }) | null;
}

/**
 * A BulkDataURI is followed only below this instance on the same PACS: the URI comes from the
 * PACS's answer, and the request carries the PACS's credentials.
 */
function bulkPathOf(uri: string, up: Upstream, e: EcgInstance): string {
  const root = new URL(up.baseUrl).pathname.replace(/\/+$/, '');
  const prefix = `${root}/studies/${e.study}/series/${e.series}/instances/${e.instance}/`;
  const path = new URL(uri, up.baseUrl).pathname;
  if (!path.startsWith(prefix) || path.includes('..'))
    throw Invalid('bad_bulk_uri', 'unexpected waveform location');
  return path.slice(root.length);
}

async function fetchBulk(up: Upstream, path: string): Promise<Buffer> {
  const res = await upstreamFetch(up, path, { accept: 'multipart/related; type="application/octet-stream"' });
  if (!res.ok) return failFromUpstream(res, 'bridge');
  const body = Buffer.from(await res.arrayBuffer());
  const boundary = boundaryOf(res.headers.get('content-type'));
  if (!boundary) return body;
  const part = parseMultipart(body, boundary)[0];
  if (!part) throw Invalid('empty_waveform', 'the archive returned no waveform data');
  return part.body;
}

export async function loadEcg(ctx: BridgeContext, actor: Actor, e: EcgInstance): Promise<Ecg> {
  const up = await openStudy(ctx, actor, {
    kind: 'ecg',
    study: e.study,
    series: e.series,
    instance: e.instance,
  });
  return withHeartRate(await fetchEcgGroups(up, e));
}

/** The decoded multiplex groups of a waveform instance, from an archive already opened. */
export async function fetchEcgGroups(up: Upstream, e: EcgInstance): Promise<EcgGroup[]> {
  const meta = await pacsClient(up).instanceMetadata(e.study, e.series, e.instance);
  if (!meta) throw NotFound('instance');
  const items = waveformGroups(meta);
  if (items.length === 0) throw Invalid('not_a_waveform', 'this instance holds no waveform');
  const groups: EcgGroup[] = [];
  try {
    for (const item of items) {
      const where = waveformDataOf(item);
      const data =
        'inline' in where ? where.inline : await fetchBulk(up, bulkPathOf(where.bulkDataUri, up, e));
      groups.push(decodeGroup(item, data));
    }
  } catch (err) {
    if (err instanceof WaveformError) throw Invalid('unreadable_waveform', err.message);
    throw err;
  }
  return groups;
}

/** The decoded groups with the heart rate from lead II (the figure the viewer shows). */
export function withHeartRate(groups: EcgGroup[]): Ecg {
  const leadII = findLeadII(groups);
  if (!leadII) return { groups, heartRate: null };
  const fs = leadII.group.samplingFrequency;
  return {
    groups,
    heartRate: {
      ...heartRate(detectRPeaks(leadII.channel.samples, fs), fs),
      lead: leadII.channel.lead,
      group: leadII.group.label,
      samplingFrequency: fs,
    },
  };
}
