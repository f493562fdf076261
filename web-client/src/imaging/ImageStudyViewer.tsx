// An image study: the preview and then the first slice's own pixels at once (main bundle, no
// Cornerstone), the Cornerstone viewer once the first slice is settled and its chunk is in; the
// preview goes when the viewer has something of its own to show.
import { lazy, Suspense, useState } from 'react';
import { DEFAULT_DICOMWEB_ROOT } from '../dicom/dicomweb';
import type { ViewerState } from '../viewer/viewState';
import { StudyPreview } from './StudyPreview';
import { loadViewerChunk } from './viewerChunk';

const ViewerPanel = lazy(loadViewerChunk);

export function ImageStudyViewer({
  studyUid,
  state,
  onStateChange,
}: {
  studyUid: string;
  state?: ViewerState;
  onStateChange?: (state: ViewerState) => void;
}) {
  const [shown, setShown] = useState(false);
  const [viewerWanted, setViewerWanted] = useState(false);
  // The slice a shared state points at when the viewer opens (consult room), else the first of
  // the first series; later changes are the viewer's to show.
  const [pick] = useState(() =>
    state?.studyUid === studyUid && state.seriesUid
      ? { seriesUid: state.seriesUid, index: state.imageIndex }
      : { seriesUid: null, index: 0 },
  );
  return (
    <div className="viewer-host">
      {viewerWanted && (
        <Suspense fallback={null}>
          <ViewerPanel
            studyUid={studyUid}
            state={state}
            onStateChange={onStateChange}
            onShown={() => setShown(true)}
          />
        </Suspense>
      )}
      {!shown && (
        <StudyPreview
          root={DEFAULT_DICOMWEB_ROOT}
          studyUid={studyUid}
          pick={pick}
          onSettled={() => setViewerWanted(true)}
        />
      )}
    </div>
  );
}
