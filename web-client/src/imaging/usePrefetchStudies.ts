// What a page showing studies starts before anyone opens the viewer: for a linked study (an address
// with `?study=`) its first picture (series, slices, the rendered preview) and the viewer chunk at
// once, from the main bundle; once an image study is listed, the viewer chunk, the largest
// download on a clinic's link.
import { useEffect } from 'react';
import { getToken } from '../api/client';
import { DEFAULT_DICOMWEB_ROOT } from '../dicom/dicomweb';
import { renderedImage } from '../dicom/studyCache';
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
  sliceImage(DEFAULT_DICOMWEB_ROOT, studyUid, { seriesUid: null, index: 0 })
    .then((slice) => slice && renderedImage(slice.url(box)))
    .catch(() => undefined);
}

/** Called at start-up: an address such as /referrals/:id?study=… opens that study. */
export function prefetchLinkedStudy(): void {
  const study = new URLSearchParams(location.search).get('study');
  if (!study || !/^\/referrals\/[^/]+$/.test(location.pathname) || !getToken()) return;
  prefetchFirstPicture(study);
  preloadViewer();
}

export function usePrefetchStudies(linkedStudyUid: string | null | undefined, studies: Listed[] | undefined) {
  useEffect(() => {
    if (!linkedStudyUid) return;
    prefetchFirstPicture(linkedStudyUid);
    preloadViewer();
  }, [linkedStudyUid]);
  const showsImages = studies?.some((s) => s.available && viewerKindOf(s.modalities) === 'image') ?? false;
  useEffect(() => {
    if (showsImages) preloadViewer();
  }, [showsImages]);
}
