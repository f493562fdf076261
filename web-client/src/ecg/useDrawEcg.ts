// Draws the paper, the traces and the calipers on the canvas after every change (one frame).
import { useEffect, type RefObject } from 'react';
import { drawFrame } from './draw';
import type { buildLayout } from './layout';
import { backingSize } from './paper';
import type { Caliper, EcgViewState } from './types';

interface Options {
  canvas: RefObject<HTMLCanvasElement | null>;
  layout: ReturnType<typeof buildLayout> | null;
  size: { width: number; dpr: number };
  cssHeight: number;
  view: EcgViewState;
  position: number;
  readout: (c: Caliper) => string;
  paperNote: string;
}

export function useDrawEcg(o: Options): void {
  const { canvas, layout, size, cssHeight, view, position, readout, paperNote } = o;
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
        paperNote,
      }),
    );
    return () => cancelAnimationFrame(frame);
  }, [canvas, layout, size, cssHeight, view, position, readout, paperNote]);
}
