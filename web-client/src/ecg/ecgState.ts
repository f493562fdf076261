// Comparing and clamping the ECG viewer's shareable state.
import type { Caliper, EcgViewState } from './types';

export const MIN_SCALE = 0.5;
export const MAX_SCALE = 8;

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));

function sameCalipers(a: readonly Caliper[], b: readonly Caliper[]): boolean {
  return (
    a.length === b.length &&
    a.every((c, i) => {
      const d = b[i];
      return d !== undefined && c.id === d.id && c.kind === d.kind && close(c.a, d.a) && close(c.b, d.b);
    })
  );
}

export function sameEcgState(a: EcgViewState | null, b: EcgViewState): boolean {
  return (
    a !== null &&
    close(a.position, b.position) &&
    a.zoom.gain === b.zoom.gain &&
    a.zoom.speed === b.zoom.speed &&
    close(a.zoom.scale, b.zoom.scale) &&
    sameCalipers(a.calipers, b.calipers)
  );
}

export function clampScale(scale: number): number {
  return Math.min(MAX_SCALE, Math.max(MIN_SCALE, scale));
}

/** Keeps the view on the paper: from 0 to the point where the paper's end meets the right edge. */
export function clampPosition(position: number, paperSeconds: number, visibleSeconds: number): number {
  return Math.max(0, Math.min(position, Math.max(0, paperSeconds - visibleSeconds)));
}

/** Zooms about a point on screen (paper second `anchor`) so that point stays put. */
export function zoomAbout(position: number, anchor: number, oldScale: number, newScale: number): number {
  return anchor - ((anchor - position) * oldScale) / newScale;
}
