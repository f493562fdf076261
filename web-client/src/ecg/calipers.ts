// Calipers: two vertical lines measure time, two horizontal lines measure voltage.
import type { Caliper, CaliperKind } from './types';

export interface Readout {
  /** Time calipers: interval in ms and the rate it implies (bpm). */
  ms?: number;
  bpm?: number;
  /** Amplitude calipers: difference in mV. */
  mv?: number;
}

export function caliperReadout(c: Caliper): Readout {
  const span = Math.abs(c.b - c.a);
  if (c.kind === 'time') {
    const ms = Math.round(span * 1000);
    return { ms, bpm: ms > 0 ? Math.round(60000 / ms) : 0 };
  }
  return { mv: Math.round(span * 100) / 100 };
}

export interface CaliperHit {
  id: string;
  end: 'a' | 'b';
}

/**
 * The caliper line under the pointer, if any. `x` in paper seconds, `y` in paper mV;
 * tolerances are what a few pixels amount to at the current zoom.
 */
export function hitCaliper(
  calipers: readonly Caliper[],
  x: number,
  y: number,
  tolS: number,
  tolMv: number,
): CaliperHit | null {
  let best: (CaliperHit & { d: number }) | null = null;
  for (const c of calipers) {
    const v = c.kind === 'time' ? x : y;
    const tol = c.kind === 'time' ? tolS : tolMv;
    for (const end of ['a', 'b'] as const) {
      const d = Math.abs(c[end] - v) / tol;
      if (d <= 1 && (!best || d < best.d)) best = { id: c.id, end, d };
    }
  }
  return best ? { id: best.id, end: best.end } : null;
}

export function newCaliper(kind: CaliperKind, at: number, id: string): Caliper {
  return { id, kind, a: at, b: at };
}

export function moveCaliperEnd(calipers: readonly Caliper[], hit: CaliperHit, value: number): Caliper[] {
  return calipers.map((c) => (c.id === hit.id ? { ...c, [hit.end]: value } : c));
}

/** A click without a drag leaves a zero-width caliper: not worth keeping. */
export function dropEmpty(
  calipers: readonly Caliper[],
  minSpan: { time: number; amplitude: number },
): Caliper[] {
  return calipers.filter((c) => Math.abs(c.b - c.a) >= minSpan[c.kind]);
}

export const MAX_CALIPERS = 6;
