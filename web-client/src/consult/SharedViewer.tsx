// The shared viewer: the image stack viewer or the ECG viewer (both lazy: Cornerstone and the
// ECG code load only when a study is opened). The presenter's panel reports its changes; a
// follower's panel is driven by the presenter's state and made inert, so a stray click or wheel
// can't move it away from what is being shown.
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { Frame } from '../ui/Frame';
import type { EcgViewState } from '../ecg/types';
import { findEcg } from '../imaging/api';
import { ImageStudyViewer } from '../imaging/ImageStudyViewer';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useAsync } from '../ui/useAsync';
import type { ViewerState } from '../viewer/viewState';
import type { OpenView } from './sharedView';
import './sharedViewer.css';

const EcgPanel = lazy(() => import('../ecg/EcgPanel'));

interface Props {
  view: OpenView;
  following: boolean;
  onImageChange: (state: ViewerState) => void;
  onEcgChange: (state: EcgViewState) => void;
  onClose: () => void;
}

export function SharedViewer({ view, following, onImageChange, onEcgChange, onClose }: Props) {
  const { t } = useTranslation('consult');
  return (
    <Frame
      as="section"
      className="shared-viewer"
      testId="shared-viewer"
      data={{ 'study-uid': view.studyUid, kind: view.kind, following }}
    >
      <div className="shared-viewer-bar">
        {following && <span className="muted small">{t('room.viewer.following')}</span>}
        <span className="spacer" />
        <button type="button" data-testid="close-viewer" onClick={onClose}>
          {t('room.viewer.close')}
        </button>
      </div>
      <div className="shared-viewer-body" inert={following}>
        <Suspense fallback={<Loading />}>
          {view.kind === 'image' ? (
            <ImageStudyViewer
              key={view.studyUid}
              studyUid={view.studyUid}
              state={view.viewer ?? undefined}
              onStateChange={following ? undefined : onImageChange}
            />
          ) : (
            <EcgWaveform
              key={view.studyUid}
              studyUid={view.studyUid}
              state={view.ecg ?? undefined}
              onStateChange={following ? undefined : onEcgChange}
            />
          )}
        </Suspense>
      </div>
    </Frame>
  );
}

/** The study's first ECG waveform, found the same way on every screen (see sharedView.ts). */
function EcgWaveform(props: {
  studyUid: string;
  state: EcgViewState | undefined;
  onStateChange: ((state: EcgViewState) => void) | undefined;
}) {
  const { t } = useTranslation('consult');
  const found = useAsync((signal) => findEcg(props.studyUid, signal), [props.studyUid]);
  if (found.error) return <ErrorState error={found.error} onRetry={found.reload} />;
  if (found.data === undefined) return <Loading />;
  if (found.data === null) return <Empty text={t('room.viewer.ecgMissing')} />;
  return <EcgPanel {...props} seriesUid={found.data.seriesUid} instanceUid={found.data.instanceUid} />;
}
