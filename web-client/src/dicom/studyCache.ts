// The DICOMweb answers about a study that the page, the preview, the thumbnails and the viewer all
// need, each fetched once per page: the referral or consultation page starts them as soon as it
// knows the study, and the viewer chunk, arriving later, finds them here instead of asking again.
import type { DicomJson } from '@tiered-care/common/dicomJson';
import { parseSeriesList, type SeriesSummary } from '../viewer/imageIds';
import { TAG } from './attributes';
import { instancesSearchUrl, seriesMetadataUrl, seriesSearchUrl } from './dicomweb';
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

/** A rendered image (WADO-RS `/rendered`, JPEG) by URL: a prefetched preview is used, not asked again. */
export function renderedImage(url: string): Promise<Blob> {
  return cached(`rendered|${url}`, async () => (await dicomGet(url, 'image/jpeg')).blob());
}
