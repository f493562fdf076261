// Stack viewer for one study (lazy-loaded: Cornerstone and its codecs come only with this chunk).
// Uncontrolled by default; pass `state` + `onStateChange` to keep two viewers in step (the
// consult room relays the state over socket.io). Local changes are reported at most every
// ~60 ms; a `state` coming in is applied without being reported back.
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, Loading } from '../ui/states';
import { useAsync } from '../ui/useAsync';
import { ensureCornerstone, type RenderMode } from './cornerstone';
import { DEFAULT_DICOMWEB_ROOT } from './dicomweb';
import { clampIndex, imageCounter } from './imageIds';
import { CT_PRESETS, matchPreset, presetsApply, type Window } from './presets';
import { SeriesThumbs } from './SeriesThumbs';
import { PRIMARY_TOOLS, StackController, type PrimaryTool } from './stackController';
import { loadSeriesList } from './studyLoader';
import { throttle } from './throttle';
import { sameViewerState, type ViewerState } from './viewState';
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
}

const REPORT_INTERVAL_MS = 60;

export default function ViewerPanel({
  studyUid,
  dicomWebRoot = DEFAULT_DICOMWEB_ROOT,
  state,
  onStateChange,
}: ViewerPanelProps) {
  const { t } = useTranslation('viewer');
  const element = useRef<HTMLDivElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const [controller, setController] = useState<StackController | null>(null);
  const [mode, setMode] = useState<RenderMode | null>(null);
  const [fatal, setFatal] = useState<unknown>(null);
  const [viewError, setViewError] = useState<unknown>(null);
  const [attempt, setAttempt] = useState(0);
  const [index, setIndex] = useState(0);
  const [total, setTotal] = useState(0);
  const [win, setWin] = useState<Window | null>(null);
  const [seriesUid, setSeriesUid] = useState<string | null>(null);
  const [tool, setTool] = useState<PrimaryTool>('WindowLevel');

  const series = useAsync(() => loadSeriesList(dicomWebRoot, studyUid), [dicomWebRoot, studyUid, attempt]);

  // The latest props, read from callbacks that outlive a render.
  const onChangeRef = useRef(onStateChange);
  const lastSent = useRef<ViewerState | null>(null);
  // Every state object we reported: a parent that stores it and passes it back (even after we
  // have moved on) is echoing, not sending a remote change.
  const sent = useRef(new WeakSet<ViewerState>());
  /** The last remote state handed to the viewport, and the viewport that showed a first series. */
  const applied = useRef<ViewerState | null>(null);
  const started = useRef<StackController | null>(null);
  useEffect(() => {
    onChangeRef.current = onStateChange;
  });

  const [reporter] = useState(() =>
    throttle((s: ViewerState) => {
      lastSent.current = s;
      sent.current.add(s);
      onChangeRef.current?.(s);
    }, REPORT_INTERVAL_MS),
  );

  // Create the viewport once Cornerstone is ready; one controller per mounted panel and study.
  useEffect(() => {
    const el = element.current;
    if (!el) return;
    let cancelled = false;
    let created: StackController | null = null;
    ensureCornerstone().then(
      (m) => {
        if (cancelled) return;
        setMode(m);
        created = new StackController(el, dicomWebRoot, studyUid, {
          onImage: (i, n) => {
            setIndex(i);
            setTotal(n);
          },
          onWindow: setWin,
          onUserChange: (s) => {
            setSeriesUid(s.seriesUid);
            reporter(s);
          },
          onError: setViewError,
        });
        applied.current = null;
        setController(created);
      },
      (err: unknown) => !cancelled && setFatal(err),
    );
    return () => {
      cancelled = true;
      reporter.flush();
      created?.destroy();
      setController(null);
    };
  }, [dicomWebRoot, studyUid, attempt, reporter]);

  // The shared state when there is one (not our own report echoed back by the parent); else,
  // once per viewport, the first series.
  const list = series.data;
  useEffect(() => {
    if (!controller || !list) return;
    if (state?.studyUid === studyUid && state.seriesUid) {
      started.current = controller;
      if (applied.current === state || sent.current.has(state)) return;
      if (sameViewerState(lastSent.current, state) || sameViewerState(controller.readState(), state)) return;
      applied.current = state;
      setSeriesUid(state.seriesUid);
      void controller.applyState(state);
      return;
    }
    const first = list[0];
    if (started.current === controller || !first) return;
    started.current = controller;
    setSeriesUid(first.seriesUid);
    void controller.showSeries(first.seriesUid);
  }, [controller, list, state, studyUid]);

  useEffect(() => {
    const el = stage.current;
    if (!controller || !el) return;
    const observer = new ResizeObserver(() => controller.resize());
    observer.observe(el);
    return () => observer.disconnect();
  }, [controller]);

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

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (!controller) return;
    const moves: Record<string, number> = { ArrowUp: -1, ArrowDown: 1, PageUp: -10, PageDown: 10 };
    const delta = moves[e.key];
    if (delta !== undefined) {
      e.preventDefault();
      void controller.scrollBy(delta);
    } else if (e.key === 'Home' || e.key === 'End') {
      e.preventDefault();
      void controller.scrollTo(e.key === 'Home' ? 0 : controller.total - 1);
    } else if (e.key === 'Delete' || e.key === 'Backspace') {
      controller.deleteSelected();
    }
  };

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
        <div className="viewer-toolbar" role="toolbar" aria-label={t('tools.label')}>
          {PRIMARY_TOOLS.map((name) => (
            <button
              key={name}
              type="button"
              data-testid={`viewer-tool-${name}`}
              aria-pressed={tool === name}
              onClick={() => chooseTool(name)}
            >
              {t(`tools.${name}`)}
            </button>
          ))}
          {presetsApply(modality) && (
            <span className="viewer-presets" role="group" aria-label={t('presets.label')}>
              {CT_PRESETS.map((p) => (
                <button
                  key={p.id}
                  type="button"
                  data-testid={`viewer-preset-${p.id}`}
                  aria-pressed={activePreset === p.id}
                  onClick={() => controller?.setWindow(p)}
                >
                  {t(`presets.${p.id}`)}
                </button>
              ))}
            </span>
          )}
          <span className="spacer" />
          <button type="button" data-testid="viewer-reset" onClick={() => controller?.reset()}>
            {t('reset')}
          </button>
          <button type="button" data-testid="viewer-clear" onClick={() => controller?.clearMeasurements()}>
            {t('clearMeasurements')}
          </button>
        </div>
        <div
          ref={stage}
          className="viewer-stage"
          tabIndex={0}
          onKeyDown={onKeyDown}
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
        <div className="viewer-scroll">
          <input
            type="range"
            data-testid="image-slider"
            aria-label={t('imageSlider')}
            min={0}
            max={Math.max(0, total - 1)}
            value={clampIndex(index, total)}
            disabled={total <= 1}
            onChange={(e) => void controller?.scrollTo(Number(e.target.value))}
          />
          <span className="viewer-index" data-testid="image-index" aria-label={t('imageLabel')}>
            {imageCounter(index, total)}
          </span>
        </div>
      </div>
    </section>
  );
}
