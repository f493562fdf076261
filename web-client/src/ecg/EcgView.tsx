// The ECG on its paper once loaded: toolbar, canvas, scroll bar and caliper readouts. State and
// peer sync in useSharedEcgView, mouse handling in useEcgPointer, drawing in useDrawEcg.
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { EcgToolbar, type PointerMode } from './EcgToolbar';
import { clampPosition, clampScale } from './ecgState';
import { buildLayout, defaultGroupIndex } from './layout';
import { CSS_PX_PER_MM, millivoltsToPx, pxToSeconds } from './paper';
import type { EcgData, EcgViewState } from './types';
import { useCaliperReadout } from './useCaliperReadout';
import { useDrawEcg } from './useDrawEcg';
import { useEcgPointer } from './useEcgPointer';
import { useSharedEcgView } from './useSharedEcgView';
import { useStageSize } from './useStageSize';
import './ecg.css';

export function EcgView({
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
  const size = useStageSize(stage);
  const [mode, setMode] = useState<PointerMode>('none');
  const { view, setView, change, reporter, fitted } = useSharedEcgView(state, onStateChange);

  const visibleSeconds = size.width > 0 ? pxToSeconds(size.width, view.zoom.speed, view.zoom.scale) : 0;
  const paperSeconds = layout?.width ?? 0;

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
  }, [size.width, paperSeconds, fitScale, fitted, setView]);

  const cssHeight = layout ? Math.ceil(millivoltsToPx(layout.height, view.zoom.gain, view.zoom.scale)) : 0;
  const position = clampPosition(view.position, paperSeconds, visibleSeconds);

  const readout = useCaliperReadout();

  useDrawEcg({
    canvas,
    layout,
    size,
    cssHeight,
    view,
    position,
    readout,
    paperNote: t('ecg.paper', { speed: view.zoom.speed, gain: view.zoom.gain }),
  });

  const { onPointerDown, onPointerMove, onPointerUp, onWheel, zoomTo } = useEcgPointer({
    view,
    setView,
    change,
    reporter,
    mode,
    position,
    paperSeconds,
    visibleSeconds,
    width: size.width,
  });

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
