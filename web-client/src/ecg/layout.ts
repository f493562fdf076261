// Where each lead goes on the paper. Coordinates are paper seconds (x) and paper millivolts down
// from the top (y), so one layout serves every gain, speed and zoom.
import { millivoltFactor, normalizeLead } from './leads';
import type { EcgGroup } from './types';

/** The classic 3 × 4 arrangement; a column holds simultaneous 2.5 s segments. */
export const TWELVE_LEAD_ROWS = [
  ['I', 'aVR', 'V1', 'V4'],
  ['II', 'aVL', 'V2', 'V5'],
  ['III', 'aVF', 'V3', 'V6'],
] as const;
export const RHYTHM_LEAD = 'II';

export const COLUMN_SECONDS = 2.5;
export const ROW_MV = 3;
/** Room for the calibration pulse before the traces. */
export const LEFT_MARGIN_S = 0.4;
export const RIGHT_MARGIN_S = 0.2;
export const CAL_START_S = 0.1;
export const CAL_WIDTH_S = 0.2;
export const CAL_MV = 1;

export interface Trace {
  lead: string;
  /** Samples in millivolts. */
  samples: Float32Array;
  samplingFrequency: number;
  /** First and last-plus-one sample index drawn. */
  from: number;
  to: number;
  /** Paper x (s) of sample `from`. */
  x: number;
  /** Paper y (mV) of the 0 mV baseline. */
  baseline: number;
}

export interface Label {
  text: string;
  x: number;
  y: number;
}

export interface EcgLayout {
  width: number;
  height: number;
  traces: Trace[];
  labels: Label[];
  /** Baselines (mV) that get a 1 mV calibration pulse at the left. */
  calibrations: number[];
  /** Short marks where one column's segment ends and the next begins: x (s), baseline (mV). */
  separators: { x: number; baseline: number }[];
}

function toMillivolts(samples: ArrayLike<number>, unit: string): Float32Array {
  const f = millivoltFactor(unit);
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = (samples[i] ?? 0) * f;
  return out;
}

export function groupDuration(group: EcgGroup): number {
  const n = Math.max(0, ...group.channels.map((c) => c.samples.length));
  return group.samplingFrequency > 0 ? n / group.samplingFrequency : 0;
}

/**
 * 12-lead groups get the 3 × 4 grid plus a rhythm strip of lead II. A record of 10 s or more
 * shows consecutive 2.5 s per column; a short one (a median beat) shows the whole record in
 * every column. Anything else (fewer or unnamed leads) gets one full-length row per channel.
 */
export function buildLayout(group: EcgGroup): EcgLayout {
  const fs = group.samplingFrequency;
  const byLead = new Map<string, Float32Array>();
  for (const c of group.channels) byLead.set(normalizeLead(c.lead), toMillivolts(c.samples, c.unit));
  const duration = groupDuration(group);
  const twelve = TWELVE_LEAD_ROWS.every((row) => row.every((l) => byLead.has(l)));
  const traces: Trace[] = [];
  const labels: Label[] = [];
  const calibrations: number[] = [];
  const separators: EcgLayout['separators'] = [];
  const baselineOf = (row: number) => row * ROW_MV + ROW_MV * 0.6;

  if (twelve && fs > 0) {
    const sequential = duration >= COLUMN_SECONDS * 4 * 0.999;
    const colSeconds = sequential ? COLUMN_SECONDS : duration;
    TWELVE_LEAD_ROWS.forEach((row, r) => {
      const baseline = baselineOf(r);
      calibrations.push(baseline);
      row.forEach((lead, c) => {
        const samples = byLead.get(lead);
        if (!samples) return;
        const x = LEFT_MARGIN_S + c * colSeconds;
        const t0 = sequential ? c * colSeconds : 0;
        const from = Math.round(t0 * fs);
        traces.push({
          lead,
          samples,
          samplingFrequency: fs,
          from,
          to: Math.min(samples.length, from + Math.round(colSeconds * fs)),
          x,
          baseline,
        });
        labels.push({ text: lead, x: x + 0.05, y: baseline - ROW_MV * 0.4 });
        if (c > 0) separators.push({ x, baseline });
      });
    });
    const rhythm = byLead.get(RHYTHM_LEAD);
    const baseline = baselineOf(TWELVE_LEAD_ROWS.length);
    if (rhythm) {
      calibrations.push(baseline);
      const span = sequential ? colSeconds * 4 : duration;
      traces.push({
        lead: RHYTHM_LEAD,
        samples: rhythm,
        samplingFrequency: fs,
        from: 0,
        to: Math.min(rhythm.length, Math.round(span * fs)),
        x: LEFT_MARGIN_S,
        baseline,
      });
      labels.push({ text: RHYTHM_LEAD, x: LEFT_MARGIN_S + 0.05, y: baseline - ROW_MV * 0.4 });
    }
    return {
      width: LEFT_MARGIN_S + colSeconds * 4 + RIGHT_MARGIN_S,
      height: ROW_MV * (TWELVE_LEAD_ROWS.length + 1),
      traces,
      labels,
      calibrations,
      separators,
    };
  }

  group.channels.forEach((c, r) => {
    const lead = normalizeLead(c.lead);
    const samples = byLead.get(lead) ?? toMillivolts(c.samples, c.unit);
    const baseline = baselineOf(r);
    calibrations.push(baseline);
    traces.push({
      lead,
      samples,
      samplingFrequency: fs,
      from: 0,
      to: samples.length,
      x: LEFT_MARGIN_S,
      baseline,
    });
    labels.push({ text: lead, x: LEFT_MARGIN_S + 0.05, y: baseline - ROW_MV * 0.4 });
  });
  return {
    width: LEFT_MARGIN_S + duration + RIGHT_MARGIN_S,
    height: ROW_MV * Math.max(1, group.channels.length),
    traces,
    labels,
    calibrations,
    separators,
  };
}

/** The rhythm group when there is one (the 10 s record), else the longest. */
export function defaultGroupIndex(groups: EcgGroup[]): number {
  const rhythm = groups.findIndex((g) => /rhythm/i.test(g.label));
  if (rhythm >= 0) return rhythm;
  let best = 0;
  groups.forEach((g, i) => {
    const bestGroup = groups[best];
    if (bestGroup && groupDuration(g) > groupDuration(bestGroup)) best = i;
  });
  return best;
}
