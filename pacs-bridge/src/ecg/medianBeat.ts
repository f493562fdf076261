// The median beat: every lead filtered (0.5–40 Hz, zero-phase: no delay, baseline wander and
// mains noise gone), cut around each R peak and the median taken sample by sample. Noise and an
// odd ectopic beat fall away; the waves every beat shares stay where they are.
import type { EcgGroup } from './decode';
import { bandPass } from './filters';

/** The window around each R peak, in seconds. */
export const BEFORE_R_S = 0.45;
export const AFTER_R_S = 0.65;

export interface MedianBeat {
  fs: number;
  /** Index of the R peak inside each lead's beat. */
  r: number;
  /** Per lead name, BEFORE_R_S + AFTER_R_S seconds of samples. */
  leads: Map<string, Float64Array>;
  beats: number;
}

function median(values: number[]): number {
  values.sort((a, b) => a - b);
  const mid = values.length >> 1;
  return values.length % 2 ? (values[mid] ?? 0) : ((values[mid - 1] ?? 0) + (values[mid] ?? 0)) / 2;
}

/** Null with fewer than three whole beats (a median of two is only their mean). */
export function medianBeat(group: EcgGroup, rPeaks: number[]): MedianBeat | null {
  const fs = group.samplingFrequency;
  const before = Math.round(BEFORE_R_S * fs);
  const after = Math.round(AFTER_R_S * fs);
  const usable = rPeaks.filter((p) => p - before >= 0 && p + after < group.sampleCount);
  if (usable.length < 3) return null;
  const leads = new Map<string, Float64Array>();
  const column: number[] = new Array<number>(usable.length);
  for (const channel of group.channels) {
    const filtered = bandPass(channel.samples, fs, 0.5, 40);
    const beat = new Float64Array(before + after + 1);
    for (let k = 0; k < beat.length; k++) {
      for (let b = 0; b < usable.length; b++) column[b] = filtered[(usable[b] ?? 0) - before + k] ?? 0;
      beat[k] = median(column);
    }
    leads.set(channel.lead, beat);
  }
  return { fs, r: before, leads, beats: usable.length };
}
