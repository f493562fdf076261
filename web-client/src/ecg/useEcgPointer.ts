// Mouse and wheel on the ECG paper: drag to pan, place and drag calipers, ctrl+wheel to zoom about
// the pointer, horizontal wheel to scroll.
import { useRef, type PointerEvent, type WheelEvent } from 'react';
import type { Throttled } from '../viewer/throttle';
import { MAX_CALIPERS, dropEmpty, hitCaliper, moveCaliperEnd, newCaliper, type CaliperHit } from './calipers';
import type { PointerMode } from './EcgToolbar';
import { clampPosition, clampScale, zoomAbout } from './ecgState';
import { pxToMillivolts, pxToSeconds } from './paper';
import type { EcgViewState } from './types';

const HIT_PX = 6;

type Drag = { kind: 'caliper'; hit: CaliperHit } | { kind: 'pan'; startX: number; startPosition: number };

let idCounter = 0;
const newId = () => `c${Date.now().toString(36)}${(idCounter++).toString(36)}`;

interface Options {
  view: EcgViewState;
  setView: (view: EcgViewState) => void;
  change: (view: EcgViewState) => void;
  reporter: Throttled<[EcgViewState]>;
  mode: PointerMode;
  /** Left edge of the visible paper, seconds (already clamped). */
  position: number;
  paperSeconds: number;
  visibleSeconds: number;
  width: number;
}

export function useEcgPointer(o: Options) {
  const { view, setView, change, reporter, mode, position, paperSeconds, visibleSeconds, width } = o;
  const drag = useRef<Drag | null>(null);

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

  const zoomTo = (scale: number, anchorPx = width / 2) => {
    const next = clampScale(scale);
    const anchor = position + pxToSeconds(anchorPx, view.zoom.speed, view.zoom.scale);
    const visible = pxToSeconds(width, view.zoom.speed, next);
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

  return { onPointerDown, onPointerMove, onPointerUp, onWheel, zoomTo };
}
