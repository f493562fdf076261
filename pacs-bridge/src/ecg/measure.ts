// What the bridge measures on a 12-lead ECG (EcgAnalysis): the heart rate the viewer shows
// (Pan-Tompkins on lead II), a rhythm label from P waves and RR variability, PR, QRS and QT from
// the median beat, QTc (Bazett) and the frontal QRS axis. A value the waveform does not clearly
// give is null: the reader fills it in.
import type { EcgAnalysis, EcgMeasurements } from '@tiered-care/common';
import { findLeadII } from './decode';
import { delineateQrs, isoelectric, pOnset, tEnd, type Qrs } from './delineate';
import type { Ecg } from './load';
import { medianBeat, type MedianBeat } from './medianBeat';

const NOTHING: EcgMeasurements = {
  heartRate: null,
  rhythm: null,
  prMs: null,
  qrsMs: null,
  qtMs: null,
  qtcMs: null,
  axisDeg: null,
};

/** An interval in ms when it lies in the range any recording can show, else null. */
function ms(samples: number | null, fs: number, min: number, max: number): number | null {
  if (samples === null) return null;
  const v = Math.round((samples * 1000) / fs);
  return v >= min && v <= max ? v : null;
}

/**
 * 心律不齐 when the RR intervals vary by more than 120 ms and more than 10 % of their mean (the
 * usual sinus-arrhythmia bound); sinus (窦性) only with a P wave before QRS; null when unsure.
 */
function rhythmOf(rr: number[], bpm: number, hasP: boolean): string | null {
  if (rr.length < 3) return null;
  const mean = rr.reduce((a, b) => a + b, 0) / rr.length;
  const range = Math.max(...rr) - Math.min(...rr);
  const irregular = range > 120 && range > 0.1 * mean;
  if (irregular) return hasP ? '窦性心律不齐' : '心律不齐';
  if (!hasP) return null;
  if (bpm < 60) return '窦性心动过缓';
  if (bpm > 100) return '窦性心动过速';
  return '窦性心律';
}

function lead(beat: MedianBeat, pattern: RegExp): Float64Array | null {
  for (const [name, x] of beat.leads) if (pattern.test(name)) return x;
  return null;
}

/** Net QRS area (baseline-corrected) in a lead. */
function netArea(x: Float64Array, qrs: Qrs, fs: number): number {
  const base = isoelectric(x, qrs.onset, fs);
  let sum = 0;
  for (let k = qrs.onset; k <= qrs.offset; k++) sum += (x[k] ?? 0) - base;
  return sum;
}

/** Frontal axis from leads I and aVF (aVF = II − I/2 when it is not recorded). */
function axisOf(beat: MedianBeat, qrs: Qrs, leadII: Float64Array): number | null {
  const i = lead(beat, /\bI\b/);
  if (!i) return null;
  const areaI = netArea(i, qrs, beat.fs);
  const aVF = lead(beat, /\baVF\b/i);
  const areaF = aVF ? netArea(aVF, qrs, beat.fs) : netArea(leadII, qrs, beat.fs) - areaI / 2;
  if (areaI === 0 && areaF === 0) return null;
  const deg = Math.round((Math.atan2(areaF, areaI) * 180) / Math.PI);
  return deg === -180 ? 180 : deg;
}

export function measureEcg(ecg: Ecg): EcgAnalysis {
  const found = findLeadII(ecg.groups);
  const hr = ecg.heartRate;
  if (!found || !hr || hr.bpm === null) return { measurements: NOTHING, lead: null, beats: 0 };
  const heartRate = Math.min(350, Math.max(10, Math.round(hr.bpm)));
  const rr = hr.rrIntervalsMs;
  const beat = medianBeat(found.group, hr.rPeaks);
  const leadII = beat?.leads.get(found.channel.lead);
  const qrs = beat && leadII ? delineateQrs([...beat.leads.values()], beat.r, beat.fs) : null;
  if (!beat || !leadII || !qrs) {
    const rhythm = rhythmOf(rr, heartRate, false);
    return {
      measurements: { ...NOTHING, heartRate, rhythm },
      lead: found.channel.lead,
      beats: beat?.beats ?? 0,
    };
  }
  const fs = beat.fs;
  const meanRr = rr.reduce((a, b) => a + b, 0) / rr.length;
  // The T wave ends before the next beat's P wave: at most 80 % of the shortest usual RR.
  const sortedRr = [...rr].sort((a, b) => a - b);
  const shortRr = sortedRr[Math.floor(sortedRr.length / 4)] ?? meanRr;
  const limit = beat.r + Math.round((0.8 * shortRr * fs) / 1000);
  const p = pOnset(leadII, qrs, fs);
  const t = tEnd(leadII, qrs, fs, limit);
  const prMs = ms(p === null ? null : qrs.onset - p, fs, 60, 400);
  const qtMs = ms(t === null ? null : t - qrs.onset, fs, 200, 700);
  return {
    measurements: {
      heartRate,
      rhythm: rhythmOf(rr, heartRate, prMs !== null),
      prMs,
      qrsMs: ms(qrs.offset - qrs.onset, fs, 40, 250),
      qtMs,
      qtcMs: qtMs === null ? null : Math.min(2000, Math.round(qtMs / Math.sqrt(meanRr / 1000))),
      axisDeg: axisOf(beat, qrs, leadII),
    },
    lead: found.channel.lead,
    beats: beat.beats,
  };
}
