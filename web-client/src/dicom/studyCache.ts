// The DICOMweb answers about a study that the page, the preview, the thumbnails and the viewer all
// need, each fetched once per page: the referral or consultation page starts them as soon as it
// knows the study, and the viewer chunk, arriving later, finds them here instead of asking again.
import type { DicomJson } from '@tiered-care/common/dicomJson';
import { parseSeriesList, type SeriesSummary } from '../viewer/imageIds';
import { TAG } from './attributes';
import { str } from '@tiered-care/common/dicomJson';
import { instancesSearchUrl, seriesMetadataUrl, seriesSearchUrl, studyInstancesSearchUrl } from './dicomweb';
import { dicomGet, getDicomJson } from './fetchJson';

const cache = new Map<string, Promise<unknown>>();

/** `load`'s promise under `key` for the page's lifetime; keys are prefixed by what they hold. */
export function cached<T>(key: string, load: () => Promise<T>): Promise<T> {
  let p = cache.get(key) as Promise<T> | undefined;
  if (!p) {
    p = load();
    cache.set(key, p);
    // A failed load is not remembered: the next attempt (retry button) asks again.
    p.catch(() => cache.delete(key));
  }
  return p;
}

/** The study's image series, in series-number order. */
export function seriesList(root: string, studyUid: string): Promise<SeriesSummary[]> {
  return cached(`series|${root}|${studyUid}`, async () =>
    parseSeriesList(await getDicomJson(seriesSearchUrl(root, studyUid))),
  );
}

/** Full WADO-RS metadata of a series (what the viewer's loader needs: large for a CT). */
export function seriesMetadata(root: string, studyUid: string, seriesUid: string): Promise<DicomJson[]> {
  return cached(`metadata|${root}|${studyUid}|${seriesUid}`, () =>
    getDicomJson(seriesMetadataUrl(root, studyUid, seriesUid)),
  );
}

/**
 * What ordering the slices, rendering one of them and drawing the first one's stored pixels
 * (imaging/firstSlice) take: a few attributes per instance.
 */
const BRIEF_FIELDS = [
  TAG.instanceNumber,
  TAG.imagePositionPatient,
  TAG.imageOrientationPatient,
  TAG.numberOfFrames,
  TAG.rows,
  TAG.columns,
  TAG.windowCenter,
  TAG.windowWidth,
  TAG.samplesPerPixel,
  TAG.photometricInterpretation,
  TAG.bitsAllocated,
  TAG.pixelRepresentation,
  TAG.rescaleSlope,
  TAG.rescaleIntercept,
];

/** QIDO-RS instances of a series with BRIEF_FIELDS: a few kB where the metadata is hundreds. */
export function seriesBrief(root: string, studyUid: string, seriesUid: string): Promise<DicomJson[]> {
  const query = BRIEF_FIELDS.map((tag) => `includefield=${tag}`).join('&');
  return cached(`brief|${root}|${studyUid}|${seriesUid}`, () =>
    getDicomJson(`${instancesSearchUrl(root, studyUid, seriesUid)}?${query}`),
  );
}

/**
 * The study's first image series (seriesList's first: same filter, same order) with its brief
 * instances, from one QIDO-RS search at study level instead of two in a row (series, then their
 * instances): the first picture of a linked study waits for one round trip less. Leaves the
 * instances in seriesBrief's cache.
 */
export function firstSeriesBrief(
  root: string,
  studyUid: string,
): Promise<{ seriesUid: string; instances: DicomJson[] } | null> {
  return cached(`first-series|${root}|${studyUid}`, async () => {
    const fields = [...BRIEF_FIELDS, TAG.seriesInstanceUid, TAG.seriesNumber, TAG.modality];
    const query = fields.map((tag) => `includefield=${tag}`).join('&');
    const bySeries = new Map<string, DicomJson[]>();
    for (const instance of await getDicomJson(`${studyInstancesSearchUrl(root, studyUid)}?${query}`)) {
      const uid = str(instance, TAG.seriesInstanceUid);
      if (uid) bySeries.set(uid, [...(bySeries.get(uid) ?? []), instance]);
    }
    // Each series' first instance carries the series' number and modality.
    const [first] = parseSeriesList([...bySeries.values()].map((list) => list[0] ?? {}));
    if (!first) return null;
    const instances = bySeries.get(first.seriesUid) ?? [];
    const key = `brief|${root}|${studyUid}|${first.seriesUid}`;
    if (!cache.has(key)) cache.set(key, Promise.resolve(instances));
    return { seriesUid: first.seriesUid, instances };
  });
}

/** A rendered image (WADO-RS `/rendered`, JPEG) by URL: a prefetched preview is used, not asked again. */
export function renderedImage(url: string): Promise<Blob> {
  return cached(`rendered|${url}`, async () => (await dicomGet(url, 'image/jpeg')).blob());
}
