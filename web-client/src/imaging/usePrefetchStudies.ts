// What a page showing studies starts before anyone opens the viewer: for a linked study (an address
// with `?study=`) its first picture (series, slices, the rendered preview) and its first slice's
// stored frame at once, from the main bundle (the viewer chunk follows once that slice is drawn:
// StudyPreview); on a page without one, once an image study is listed, the viewer chunk, the
// largest download on a clinic's link.
import { useEffect } from 'react';
import { getToken } from '../api/client';
import { DEFAULT_DICOMWEB_ROOT } from '../dicom/dicomweb';
import { renderedImage } from '../dicom/studyCache';
import { loadFirstSlice } from './firstSlice/loadFirstSlice';
import { viewerKindOf } from './selection';
import { sliceImage } from './sliceImage';
import { preloadViewer } from './viewerChunk';

interface Listed {
  studyInstanceUid: string;
  modalities: readonly string[];
  available: boolean;
}

/**
 * The preview of the study's first slice, at the size the study section will have (its width and
 * `min(72vh, 640px)`, imaging.css): the preview then finds it in the cache under the same URL.
 */
function prefetchFirstPicture(studyUid: string): void {
  const box = { width: innerWidth, height: Math.min(0.72 * innerHeight, 640) };
  const first = { seriesUid: null, index: 0 };
  sliceImage(DEFAULT_DICOMWEB_ROOT, studyUid, first)
    .then((slice) => slice && renderedImage(slice.url(box)))
    .catch(() => undefined);
  loadFirstSlice(DEFAULT_DICOMWEB_ROOT, studyUid, first).catch(() => undefined);
}

/** Called at start-up, before the first render: an address such as /referrals/:id?study=… opens that study. */
export function prefetchLinkedStudy(): void {
  const study = new URLSearchParams(location.search).get('study');
  if (!study || !/^\/referrals\/[^/]+$/.test(location.pathname) || !getToken()) return;
  prefetchFirstPicture(study);
}

export function usePrefetchStudies(linkedStudyUid: string | null | undefined, studies: Listed[] | undefined) {
  useEffect(() => {
    if (linkedStudyUid) prefetchFirstPicture(linkedStudyUid);
  }, [linkedStudyUid]);
  const showsImages = studies?.some((s) => s.available && viewerKindOf(s.modalities) === 'image') ?? false;
  // A linked study's viewer asks for the chunk itself, after its first slice.
  useEffect(() => {
    if (showsImages && !linkedStudyUid) preloadViewer();
  }, [showsImages, linkedStudyUid]);
}
