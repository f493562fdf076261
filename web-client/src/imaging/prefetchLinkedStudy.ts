// What a linked study (an address with `?study=`) starts before the page's own code: its first
// picture (series, slices, the rendered preview) and its first slice's stored frame with the
// decoder for it. No React and no schemas here: boot.ts runs this before either is evaluated.
import { getToken } from '../api/token';
import { DEFAULT_DICOMWEB_ROOT } from '../dicom/dicomweb';
import { renderedImage } from '../dicom/studyCache';
import { preloadJpegLs } from './firstSlice/decode';
import { loadFirstSlice } from './firstSlice/loadFirstSlice';
import { sliceImage } from './sliceImage';

/**
 * The preview of the study's first slice, at the size the study section will have (its width and
 * `min(72vh, 640px)`, imaging.css): the preview then finds it in the cache under the same URL; and
 * the first slice itself (StudyPreview finds it in the page's cache too).
 */
export function prefetchFirstPicture(studyUid: string): void {
  const box = { width: innerWidth, height: Math.min(0.72 * innerHeight, 640) };
  const first = { seriesUid: null, index: 0 };
  sliceImage(DEFAULT_DICOMWEB_ROOT, studyUid, first)
    .then((slice) => slice && renderedImage(slice.url(box)))
    .catch(() => undefined);
  loadFirstSlice(DEFAULT_DICOMWEB_ROOT, studyUid, first).catch(() => undefined);
}

/** At start-up: an address such as /referrals/:id?study=… opens that study. */
export function prefetchLinkedStudy(): void {
  const study = new URLSearchParams(location.search).get('study');
  if (!study || !/^\/referrals\/[^/]+$/.test(location.pathname) || !getToken()) return;
  prefetchFirstPicture(study);
  // The archives keep images as JPEG-LS: its decoder (~40 kB) comes while the queries run.
  preloadJpegLs();
}
