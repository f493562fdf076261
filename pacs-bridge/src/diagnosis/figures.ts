// What the report PDF shows beside the text, fetched from the archive holding the study (already
// opened for the caller, or named by the store-back claim): the ECG's waveform, or the key images
// rendered as JPEG (the study's first image when the reader chose none). The archive renders;
// where it refuses (a codec it lacks) the bridge renders the frame itself, as its /rendered does.
import { num, str, type DicomJson } from '@tiered-care/common/dicomJson';
import { AppError } from '@tiered-care/platform';
import { TAG } from '../dicom/tags';
import { fetchEcgGroups } from '../ecg/load';
import type { Upstream } from '../pacs/endpoints';
import { failFromUpstream, fetchDicomJson, upstreamFetch } from '../pacs/upstream';
import { renderFrame } from '../render/route';
import type { FrameRequest } from '../render/source';
import type { ReportDocument } from './reportDocument';
import type { ReportFigures } from './reportPdf';

const WAVEFORM_CLASSES = '1.2.840.10008.5.1.4.1.1.9.';
/** Not images: waveforms, SR, encapsulated documents (an earlier report), presentation states. */
const NOT_IMAGE = /^1\.2\.840\.10008\.5\.1\.4\.1\.1\.(9\.|88\.|104\.|11\.)/;
const SIDE = 512;

/** Instance-level attributes of every instance in the study, in series then instance order. */
async function instances(up: Upstream, study: string): Promise<DicomJson[]> {
  const fields = [TAG.SOPClassUID, TAG.SeriesNumber, TAG.InstanceNumber, TAG.SeriesInstanceUID]
    .map((t) => `includefield=${t}`)
    .join('&');
  const found = await fetchDicomJson(up, `/studies/${study}/instances?${fields}`, 'bridge');
  const order = (ds: DicomJson) => [num(ds, TAG.SeriesNumber) ?? 0, num(ds, TAG.InstanceNumber) ?? 0];
  return found.sort((a, b) => {
    const [sa = 0, ia = 0] = order(a);
    const [sb = 0, ib = 0] = order(b);
    return sa - sb || ia - ib;
  });
}

interface Instance {
  series: string;
  instance: string;
}

function uidsOf(ds: DicomJson): Instance | null {
  const series = str(ds, TAG.SeriesInstanceUID);
  const instance = str(ds, TAG.SOPInstanceUID);
  return series && instance ? { series, instance } : null;
}

export async function renderedJpeg(up: Upstream, r: FrameRequest & Instance): Promise<Buffer> {
  const path = `/studies/${r.study}/series/${r.series}/instances/${r.instance}/frames/${r.frame}/rendered?viewport=${SIDE},${SIDE}`;
  const res = await upstreamFetch(up, path, { accept: 'image/jpeg' });
  if (res.ok) return Buffer.from(await res.arrayBuffer());
  // Missing or refused credentials are failures; anything else is the archive declining to render.
  if ([401, 403, 404].includes(res.status)) return failFromUpstream(res, 'bridge');
  res.body.on('error', () => undefined).resume();
  const viewport = {
    width: SIDE,
    height: SIDE,
    sx: 0,
    sy: 0,
    sw: null,
    sh: null,
    flipX: false,
    flipY: false,
  };
  return renderFrame(up, r, { type: 'image/jpeg', quality: 90, window: null, viewport });
}

/**
 * A kept-alive connection the archive closed just as it was reused (Orthanc keeps them 1 s; a
 * busy machine renders longer than that between two requests) is not an outage: asked once more
 * on a fresh connection. Every request here is a read.
 */
function closedUnderUs(err: unknown): boolean {
  if (!(err instanceof AppError) || err.code !== 'pacs_unavailable') return false;
  return /other side closed|ECONNRESET|socket hang up/i.test(JSON.stringify(err.details ?? ''));
}

/**
 * `verify` checks a reader-named key image belongs to the study (the bridge's hierarchy rule),
 * as every retrieval is checked.
 */
export async function loadFigures(
  up: Upstream,
  d: ReportDocument,
  verify: (i: Instance) => Promise<void>,
): Promise<ReportFigures> {
  try {
    return await figuresOnce(up, d, verify);
  } catch (err) {
    if (!closedUnderUs(err)) throw err;
    return figuresOnce(up, d, verify);
  }
}

async function figuresOnce(
  up: Upstream,
  d: ReportDocument,
  verify: (i: Instance) => Promise<void>,
): Promise<ReportFigures> {
  const study = d.studyInstanceUid;
  if (d.kind === 'ecg') {
    const all = await instances(up, study);
    const waveform = all.find((ds) => str(ds, TAG.SOPClassUID)?.startsWith(WAVEFORM_CLASSES));
    const uids = waveform ? uidsOf(waveform) : null;
    return { ecg: uids ? await fetchEcgGroups(up, { study, ...uids }) : null, images: [] };
  }
  const keys = d.report.content.keyImages ?? [];
  const chosen = keys.map((k, i) => ({
    series: k.seriesInstanceUid,
    instance: k.sopInstanceUid,
    frame: k.frame ?? 1,
    caption: `关键图像 ${i + 1}${k.note ? `：${k.note}` : ''}`,
  }));
  if (chosen.length === 0) {
    const first = (await instances(up, study)).find((ds) => !NOT_IMAGE.test(str(ds, TAG.SOPClassUID) ?? ''));
    const uids = first ? uidsOf(first) : null;
    if (uids) chosen.push({ ...uids, frame: 1, caption: '检查首幅图像（未选关键图像）' });
  }
  const images: ReportFigures['images'] = [];
  for (const c of chosen) {
    await verify(c);
    images.push({ jpeg: await renderedJpeg(up, { study, ...c }), caption: c.caption });
  }
  return { ecg: null, images };
}
