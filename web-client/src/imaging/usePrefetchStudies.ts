// What a page showing studies starts before anyone opens the viewer: for a linked study its first
// picture and first slice (prefetchLinkedStudy.ts; the viewer chunk follows once that slice is
// settled: StudyPreview); on a page without one, once an image study is listed, the viewer chunk,
// the largest download on a clinic's link.
import { useEffect } from 'react';
import { prefetchFirstPicture } from './prefetchLinkedStudy';
import { viewerKindOf } from './selection';
import { preloadViewer } from './viewerChunk';

interface Listed {
  studyInstanceUid: string;
  modalities: readonly string[];
  available: boolean;
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
