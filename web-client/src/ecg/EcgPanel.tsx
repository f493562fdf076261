// 12-lead ECG on standard paper (lazy-loaded). Gain, speed and free zoom, horizontal scrolling,
// time and voltage calipers. Like the image viewer it is uncontrolled by default and can be kept
// in step with a peer through `state` / `onStateChange` (reports throttled to ~60 ms).
import {
  useCallback,
  useEffect,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type PointerEvent,
  type WheelEvent,
} from 'react';
import { useTranslation } from 'react-i18next';
import { Empty, ErrorState, Loading } from '../ui/states';
import { useAsync } from '../ui/useAsync';
import { throttle } from '../viewer/throttle';
import {
  MAX_CALIPERS,
  caliperReadout,
  dropEmpty,
  hitCaliper,
  moveCaliperEnd,
  newCaliper,
  type CaliperHit,
} from './calipers';
import { drawFrame } from './draw';
import { EcgToolbar, type PointerMode } from './EcgToolbar';
import { fetchEcg } from './ecgApi';
import { clampPosition, clampScale, sameEcgState, zoomAbout } from './ecgState';
import { buildLayout, defaultGroupIndex } from './layout';
import { CSS_PX_PER_MM, backingSize, millivoltsToPx, pxToMillivolts, pxToSeconds } from './paper';
import { DEFAULT_ECG_STATE, type Caliper, type EcgData, type EcgViewState } from './types';
import './ecg.css';

export type { EcgViewState, Caliper, EcgData } from './types';

export interface EcgPanelProps {
  studyUid: string;
  seriesUid: string;
  instanceUid: string;
  /** Shared state from the other side; applied whenever it changes. */
  state?: EcgViewState;
  /** Called (throttled) when the local user scrolls, zooms or moves a caliper. */
  onStateChange?: (state: EcgViewState) => void;
}

const REPORT_INTERVAL_MS = 60;
const HIT_PX = 6;

type Drag = { kind: 'caliper'; hit: CaliperHit } | { kind: 'pan'; startX: number; startPosition: number };

let idCounter = 0;
const newId = () => `c${Date.now().toString(36)}${(idCounter++).toString(36)}`;

export default function EcgPanel({ studyUid, seriesUid, instanceUid, state, onStateChange }: EcgPanelProps) {
  const { t } = useTranslation('viewer');
  const ecg = useAsync(
    (signal) => fetchEcg(studyUid, seriesUid, instanceUid, signal),
    [studyUid, seriesUid, instanceUid],
  );

  if (ecg.error) return <ErrorState error={ecg.error} onRetry={ecg.reload} />;
  if (!ecg.data) return <Loading />;
  if (!ecg.data.groups.some((g) => g.channels.length > 0)) return <Empty text={t('ecg.noData')} />;
  return <EcgView data={ecg.data} state={state} onStateChange={onStateChange} />;
}

function EcgView({
  data,
  state,
  onStateChange,
}: {
  data: EcgData;
  state?: EcgViewState;
  onStateChange?: (state: EcgViewState) => void;
}) {
  const { t } = useTranslation('viewer');
  const canvas = useRef<HTMLCanvasElement>(null);
  const stage = useRef<HTMLDivElement>(null);
  const [groupIndex, setGroupIndex] = useState(() => defaultGroupIndex(data.groups));
  const group = data.groups[groupIndex] ?? data.groups[0];
  const layout = useMemo(() => (group ? buildLayout(group) : null), [group]);
  const [view, setView] = useState<EcgViewState>(() => state ?? DEFAULT_ECG_STATE);
  const [size, setSize] = useState({ width: 0, dpr: 1 });
  const [mode, setMode] = useState<PointerMode>('none');
  const drag = useRef<Drag | null>(null);
  const fitted = useRef(state !== undefined);

  const onChangeRef = useRef(onStateChange);
  const lastSent = useRef<EcgViewState | null>(null);
  // Every state object we reported: passed back by the parent, it is an echo, not a remote change.
  const sent = useRef(new WeakSet<EcgViewState>());
  useEffect(() => {
    onChangeRef.current = onStateChange;
  });
  const [reporter] = useState(() =>
    throttle((s: EcgViewState) => {
      lastSent.current = s;
      sent.current.add(s);
      onChangeRef.current?.(s);
    }, REPORT_INTERVAL_MS),
  );
  useEffect(() => () => reporter.flush(), [reporter]);

  const visibleSeconds = size.width > 0 ? pxToSeconds(size.width, view.zoom.speed, view.zoom.scale) : 0;
  const paperSeconds = layout?.width ?? 0;

  /** A change made here by the user: shown at once, reported to the peer (throttled). */
  const change = useCallback(
    (next: EcgViewState) => {
      setView(next);
      reporter(next);
    },
    [reporter],
  );

  // A state from the peer: applied, not reported back. Our own report echoed back is ignored.
  useEffect(() => {
    if (!state || sent.current.has(state) || sameEcgState(lastSent.current, state)) return;
    fitted.current = true;
    setView((v) => (sameEcgState(v, state) ? v : state));
  }, [state]);

  useEffect(() => {
    const el = stage.current;
    if (!el) return;
    const measure = () => setSize({ width: el.clientWidth, dpr: window.devicePixelRatio || 1 });
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  const fitScale = useCallback(
    (speed: number) =>
      paperSeconds > 0 && size.width > 0
        ? clampScale(size.width / (paperSeconds * speed * CSS_PX_PER_MM))
        : 1,
    [paperSeconds, size.width],
  );

  // Without a shared state the paper first fits the panel's width (a local default, not reported).
  useEffect(() => {
    if (fitted.current || size.width === 0 || paperSeconds === 0) return;
    fitted.current = true;
    setView((v) => ({ ...v, zoom: { ...v.zoom, scale: fitScale(v.zoom.speed) } }));
  }, [size.width, paperSeconds, fitScale]);

  const cssHeight = layout ? Math.ceil(millivoltsToPx(layout.height, view.zoom.gain, view.zoom.scale)) : 0;
  const position = clampPosition(view.position, paperSeconds, visibleSeconds);

  const readout = useCallback(
    (c: Caliper) => {
      const r = caliperReadout(c);
      return c.kind === 'time'
        ? t('ecg.caliper.timeReadout', { ms: r.ms, bpm: r.bpm })
        : t('ecg.caliper.amplitudeReadout', { mv: r.mv?.toFixed(2) });
    },
    [t],
  );

  useEffect(() => {
    const el = canvas.current;
    const ctx = el?.getContext('2d');
    if (!el || !ctx || !layout || size.width === 0) return;
    const backing = backingSize(size.width, cssHeight, size.dpr);
    if (el.width !== backing.width) el.width = backing.width;
    if (el.height !== backing.height) el.height = backing.height;
    el.style.width = `${size.width}px`;
    el.style.height = `${cssHeight}px`;
    const frame = requestAnimationFrame(() =>
      drawFrame({
        ctx,
        width: size.width,
        height: cssHeight,
        dpr: size.dpr,
        layout,
        zoom: view.zoom,
        position,
        calipers: view.calipers,
        readout,
        paperNote: t('ecg.paper', { speed: view.zoom.speed, gain: view.zoom.gain }),
      }),
    );
    return () => cancelAnimationFrame(frame);
  }, [layout, size, cssHeight, view, position, readout, t]);

  const paperPoint = (e: PointerEvent<HTMLCanvasElement> | WheelEvent<HTMLCanvasElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const px = e.clientX - rect.left;
    const py = e.clientY - rect.top;
    return {
      px,
      x: position + pxToSeconds(px, view.zoom.speed, view.zoom.scale),
      y: pxToMillivolts(py, view.zoom.gain, view.zoom.scale),
    };
  };

  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    if (e.button !== 0) return;
    const p = paperPoint(e);
    const tolS = pxToSeconds(HIT_PX, view.zoom.speed, view.zoom.scale);
    const tolMv = pxToMillivolts(HIT_PX, view.zoom.gain, view.zoom.scale);
    const hit = hitCaliper(view.calipers, p.x, p.y, tolS, tolMv);
    e.currentTarget.setPointerCapture(e.pointerId);
    if (hit) {
      drag.current = { kind: 'caliper', hit };
    } else if (mode !== 'none' && view.calipers.length < MAX_CALIPERS) {
      const c = newCaliper(mode, mode === 'time' ? p.x : p.y, newId());
      drag.current = { kind: 'caliper', hit: { id: c.id, end: 'b' } };
      setView({ ...view, calipers: [...view.calipers, c] });
    } else {
      drag.current = { kind: 'pan', startX: p.px, startPosition: position };
    }
  };

  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const d = drag.current;
    if (!d) return;
    const p = paperPoint(e);
    if (d.kind === 'pan') {
      const next = d.startPosition - pxToSeconds(p.px - d.startX, view.zoom.speed, view.zoom.scale);
      change({ ...view, position: clampPosition(next, paperSeconds, visibleSeconds) });
      return;
    }
    const c = view.calipers.find((k) => k.id === d.hit.id);
    if (!c) return;
    change({ ...view, calipers: moveCaliperEnd(view.calipers, d.hit, c.kind === 'time' ? p.x : p.y) });
  };

  const onPointerUp = () => {
    const d = drag.current;
    drag.current = null;
    if (d?.kind !== 'caliper') return;
    const minSpan = {
      time: pxToSeconds(2, view.zoom.speed, view.zoom.scale),
      amplitude: pxToMillivolts(2, view.zoom.gain, view.zoom.scale),
    };
    const kept = dropEmpty(view.calipers, minSpan);
    change({ ...view, calipers: kept });
    reporter.flush();
  };

  const zoomTo = (scale: number, anchorPx = size.width / 2) => {
    const next = clampScale(scale);
    const anchor = position + pxToSeconds(anchorPx, view.zoom.speed, view.zoom.scale);
    const visible = pxToSeconds(size.width, view.zoom.speed, next);
    const pos = clampPosition(zoomAbout(position, anchor, view.zoom.scale, next), paperSeconds, visible);
    change({ ...view, position: pos, zoom: { ...view.zoom, scale: next } });
  };

  const onWheel = (e: WheelEvent<HTMLCanvasElement>) => {
    if (e.ctrlKey || e.metaKey) {
      zoomTo(view.zoom.scale * Math.exp(-e.deltaY * 0.002), paperPoint(e).px);
      return;
    }
    const delta = Math.abs(e.deltaX) > Math.abs(e.deltaY) ? e.deltaX : e.shiftKey ? e.deltaY : 0;
    if (delta === 0) return;
    const next = position + pxToSeconds(delta, view.zoom.speed, view.zoom.scale);
    change({ ...view, position: clampPosition(next, paperSeconds, visibleSeconds) });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const step = { ArrowLeft: -0.2, ArrowRight: 0.2 }[e.key];
    if (step === undefined) return;
    e.preventDefault();
    change({
      ...view,
      position: clampPosition(position + step * visibleSeconds, paperSeconds, visibleSeconds),
    });
  };

  const maxPosition = Math.max(0, paperSeconds - visibleSeconds);

  return (
    <section className="ecg" data-testid="ecg">
      <EcgToolbar
        data={data}
        groupIndex={groupIndex}
        onGroup={setGroupIndex}
        zoom={view.zoom}
        mode={mode}
        onMode={setMode}
        hasCalipers={view.calipers.length > 0}
        onGain={(gain) => change({ ...view, zoom: { ...view.zoom, gain } })}
        onSpeed={(speed) =>
          change({
            ...view,
            position: clampPosition(position, paperSeconds, pxToSeconds(size.width, speed, view.zoom.scale)),
            zoom: { ...view.zoom, speed },
          })
        }
        onScale={(factor) => zoomTo(view.zoom.scale * factor)}
        onFit={() => zoomTo(fitScale(view.zoom.speed), 0)}
        onClearCalipers={() => change({ ...view, calipers: [] })}
      />
      <div ref={stage} className="ecg-stage" tabIndex={0} onKeyDown={onKeyDown}>
        <canvas
          ref={canvas}
          data-testid="ecg-canvas"
          className={mode === 'none' ? 'ecg-canvas pan' : 'ecg-canvas measure'}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={onPointerUp}
          onWheel={onWheel}
        />
      </div>
      <input
        type="range"
        className="ecg-scroll"
        data-testid="ecg-scroll"
        aria-label={t('ecg.scroll')}
        min={0}
        max={maxPosition}
        step={0.01}
        value={position}
        disabled={maxPosition <= 0}
        onChange={(e) => change({ ...view, position: Number(e.target.value) })}
      />
      {view.calipers.length > 0 && (
        <ul className="ecg-readouts">
          {view.calipers.map((c) => (
            <li key={c.id} data-testid="ecg-caliper-readout">
              {readout(c)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
