// Stack viewer for one study (lazy-loaded: Cornerstone and its codecs come only with this chunk).
// Uncontrolled by default; pass `state` + `onStateChange` to keep two viewers in step (the
// consult room relays the state over socket.io). Local changes are reported at most every
// ~60 ms; a `state` coming in is applied without being reported back.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, Loading } from '../ui/states';
import { useAsync } from '../ui/useAsync';
import { DEFAULT_DICOMWEB_ROOT } from '../dicom/dicomweb';
import { ImageSlider } from './ImageSlider';
import { matchPreset } from './presets';
import { SeriesThumbs } from './SeriesThumbs';
import type { PrimaryTool } from './toolNames';
import { onStageKey } from './stageKeys';
import { loadSeriesList } from './studyLoader';
import { useFollowState } from './useFollowState';
import { useStackController } from './useStackController';
import { useStateReporter } from './useStateReporter';
import { ViewerToolbar } from './ViewerToolbar';
import type { ViewerState } from './viewState';
import './viewer.css';

export type { ViewerState, Measurement } from './viewState';

export interface ViewerPanelProps {
  studyUid: string;
  /** DICOMweb root on this origin; pacs-bridge serves `/dicom-web`. */
  dicomWebRoot?: string;
  /** Shared state from the other side; applied whenever it changes. */
  state?: ViewerState;
  /** Called (throttled) when the local user changes what is shown. */
  onStateChange?: (state: ViewerState) => void;
  /** Called once the viewer shows something of its own: its first image, an error, "no series". */
  onShown?: () => void;
}

export default function ViewerPanel({
  studyUid,
  dicomWebRoot = DEFAULT_DICOMWEB_ROOT,
  state,
  onStateChange,
  onShown,
}: ViewerPanelProps) {
  const { t } = useTranslation('viewer');
  const element = useRef<HTMLDivElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const [attempt, setAttempt] = useState(0);
  const [seriesUid, setSeriesUid] = useState<string | null>(null);
  const [tool, setTool] = useState<PrimaryTool>('WindowLevel');

  const series = useAsync(() => loadSeriesList(dicomWebRoot, studyUid), [dicomWebRoot, studyUid, attempt]);

  const reported = useStateReporter(onStateChange);
  /** The last remote state handed to the viewport. */
  const applied = useRef<ViewerState | null>(null);

  const { controller, mode, fatal, viewError, index, total, win } = useStackController({
    element,
    stage,
    dicomWebRoot,
    studyUid,
    attempt,
    reporter: reported.reporter,
    onUserSeries: setSeriesUid,
    onCreated: () => {
      applied.current = null;
    },
  });

  const list = series.data;
  useFollowState({ controller, list, state, studyUid, reported, applied, setSeriesUid });

  const selectSeries = useCallback(
    (uid: string) => {
      if (!controller || uid === controller.currentSeriesUid) return;
      setSeriesUid(uid);
      void controller.showSeries(uid, 0, true);
    },
    [controller],
  );

  const chooseTool = (next: PrimaryTool) => {
    setTool(next);
    controller?.setPrimaryTool(next);
  };

  const showsSomething =
    total > 0 || viewError !== null || fatal !== null || series.error !== null || list?.length === 0;
  useShown(showsSomething, onShown);

  if (fatal) return <ErrorState error={fatal} />;
  if (series.error) return <ErrorState error={series.error} onRetry={() => setAttempt((n) => n + 1)} />;

  const modality = list?.find((s) => s.seriesUid === seriesUid)?.modality ?? null;
  const activePreset = matchPreset(win);

  return (
    <section className="viewer" data-testid="viewer" data-render-mode={mode ?? ''}>
      {list ? (
        <SeriesThumbs
          root={dicomWebRoot}
          studyUid={studyUid}
          series={list}
          activeSeriesUid={seriesUid}
          paused={total === 0 && viewError === null}
          onSelect={selectSeries}
        />
      ) : (
        <div className="viewer-series">
          <Loading />
        </div>
      )}
      <div className="viewer-main">
        <ViewerToolbar
          controller={controller}
          tool={tool}
          onTool={chooseTool}
          modality={modality}
          activePreset={activePreset}
        />
        <div
          ref={stage}
          className="viewer-stage"
          tabIndex={0}
          onKeyDown={(e) => onStageKey(controller, e)}
          onContextMenu={(e) => e.preventDefault()}
          title={t('help')}
        >
          <div ref={element} className="viewer-element" />
          <div className="viewer-overlay top-left">
            {mode === 'cpu' && <span className="viewer-cpu">{t('cpuMode')}</span>}
          </div>
          <div className="viewer-overlay bottom-left" data-testid="viewer-window">
            {win && t('window', { ww: Math.round(win.windowWidth), wc: Math.round(win.windowCenter) })}
          </div>
          {viewError !== null && (
            <div className="viewer-overlay center">
              <ErrorState error={viewError} onRetry={() => setAttempt((n) => n + 1)} />
            </div>
          )}
          {list?.length === 0 && <div className="viewer-overlay center">{t('noSeries')}</div>}
        </div>
        <ImageSlider controller={controller} index={index} total={total} />
      </div>
    </section>
  );
}

/** Calls `onShown` once, after the frame that paints what is shown (Cornerstone renders on a frame). */
function useShown(shows: boolean, onShown: (() => void) | undefined): void {
  const told = useRef(false);
  useEffect(() => {
    if (!shows || told.current || !onShown) return;
    told.current = true;
    requestAnimationFrame(() => requestAnimationFrame(onShown));
  }, [shows, onShown]);
}
