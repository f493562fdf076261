// The viewer for the chosen study: the Cornerstone viewer (with its preview) for images, the ECG
// viewer for waveforms (both lazy, so the page around stays small until someone opens a study).
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import type { EcgViewState } from '../ecg/types';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useAsync } from '../ui/useAsync';
import type { ViewerState } from '../viewer/viewState';
import { findEcg } from './api';
import { ImageStudyViewer } from './ImageStudyViewer';
import type { StudySelection } from './selection';

const EcgPanel = lazy(() => import('../ecg/EcgPanel'));

export function StudyViewer({
  selection,
  viewerState,
  onViewerStateChange,
  ecgState,
  onEcgStateChange,
}: {
  selection: StudySelection;
  viewerState?: ViewerState;
  onViewerStateChange?: (state: ViewerState) => void;
  ecgState?: EcgViewState;
  onEcgStateChange?: (state: EcgViewState) => void;
}) {
  return (
    <Suspense fallback={<Loading />}>
      {selection.kind === 'ecg' ? (
        <EcgStudy
          key={selection.studyUid}
          studyUid={selection.studyUid}
          state={ecgState}
          onStateChange={onEcgStateChange}
        />
      ) : (
        <ImageStudyViewer
          key={selection.studyUid}
          studyUid={selection.studyUid}
          state={viewerState}
          onStateChange={onViewerStateChange}
        />
      )}
    </Suspense>
  );
}

/** The ECG viewer needs the waveform's series and instance; the list knows only the study. */
function EcgStudy({
  studyUid,
  state,
  onStateChange,
}: {
  studyUid: string;
  state?: EcgViewState;
  onStateChange?: (state: EcgViewState) => void;
}) {
  const { t } = useTranslation('imaging');
  const target = useAsync((signal) => findEcg(studyUid, signal), [studyUid]);
  if (target.error) return <ErrorState error={target.error} onRetry={target.reload} />;
  if (target.data === undefined) return <Loading />;
  if (target.data === null) return <Empty text={t('noWaveform')} />;
  return (
    <EcgPanel
      studyUid={studyUid}
      seriesUid={target.data.seriesUid}
      instanceUid={target.data.instanceUid}
      state={state}
      onStateChange={onStateChange}
    />
  );
}
