// What a page showing studies starts before anyone opens the viewer: for a linked study (an address
// with `?study=`) its series and first slices at once, and, once an image study is listed, the
// viewer chunk, the largest download on a clinic's link.
import { useEffect } from 'react';
import { DEFAULT_DICOMWEB_ROOT } from '../dicom/dicomweb';
import { prefetchStudy } from '../dicom/studyCache';
import { viewerKindOf } from './selection';
import { preloadViewer } from './viewerChunk';

interface Listed {
  studyInstanceUid: string;
  modalities: readonly string[];
  available: boolean;
}

export function usePrefetchStudies(linkedStudyUid: string | null | undefined, studies: Listed[] | undefined) {
  useEffect(() => {
    if (!linkedStudyUid) return;
    prefetchStudy(DEFAULT_DICOMWEB_ROOT, linkedStudyUid);
    preloadViewer();
  }, [linkedStudyUid]);
  const showsImages = studies?.some((s) => s.available && viewerKindOf(s.modalities) === 'image') ?? false;
  useEffect(() => {
    if (showsImages) preloadViewer();
  }, [showsImages]);
}
