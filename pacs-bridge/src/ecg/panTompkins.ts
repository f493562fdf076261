// R-peak detection after Pan & Tompkins (IEEE TBME 1985): band-pass 5–15 Hz, derivative,
// squaring, 150 ms moving-window integration, then adaptive signal/noise thresholds with a
// 200 ms refractory period, T-wave rejection within 360 ms and search-back after a long gap.
// Offline and zero-phase (the whole strip is available), so no filter delay bookkeeping.
import { bandPass, derivative, movingAverage } from './filters';

export interface HeartRate {
  /** Sample indices of the R peaks. */
  rPeaks: number[];
  rrIntervalsMs: number[];
  /** From the mean RR interval; null with fewer than two beats. */
  bpm: number | null;
}

const REFRACTORY_S = 0.2;
const T_WAVE_WINDOW_S = 0.36;
const INTEGRATION_S = 0.15;
const LEARNING_S = 2;

interface Candidate {
  at: number;
  height: number;
  slope: number;
}

function localMaxima(x: Float64Array, slope: Float64Array, halfWidth: number): Candidate[] {
  const out: Candidate[] = [];
  for (let i = 1; i < x.length - 1; i++) {
    const v = x[i] ?? 0;
    if (v <= 0 || v < (x[i - 1] ?? 0) || v < (x[i + 1] ?? 0) || v === (x[i - 1] ?? 0)) continue;
    let maxSlope = 0;
    for (let j = Math.max(0, i - halfWidth); j <= Math.min(x.length - 1, i + halfWidth); j++) {
      maxSlope = Math.max(maxSlope, Math.abs(slope[j] ?? 0));
    }
    out.push({ at: i, height: v, slope: maxSlope });
  }
  return out;
}

/** The sample of largest magnitude in the band-passed signal near an integrated peak. */
function locateR(filtered: Float64Array, around: number, halfWidth: number): number {
  let best = around;
  for (let i = Math.max(0, around - halfWidth); i <= Math.min(filtered.length - 1, around + halfWidth); i++) {
    if (Math.abs(filtered[i] ?? 0) > Math.abs(filtered[best] ?? 0)) best = i;
  }
  return best;
}

export function detectRPeaks(signal: ArrayLike<number>, fs: number): number[] {
  if (signal.length < fs) return [];
  const filtered = bandPass(signal, fs, 5, 15);
  const slope = derivative(filtered, fs);
  const window = Math.max(1, Math.round(INTEGRATION_S * fs));
  const integrated = movingAverage(
    slope.map((v) => v * v),
    window,
  );
  const refractory = Math.round(REFRACTORY_S * fs);
  const candidates = localMaxima(integrated, slope, Math.round(window / 2));

  const learning = integrated.subarray(0, Math.min(integrated.length, Math.round(LEARNING_S * fs)));
  let spk = Math.max(...learning) / 3;
  let npk = learning.reduce((a, b) => a + b, 0) / learning.length / 2;
  const threshold = () => npk + 0.25 * (spk - npk);

  const qrs: Candidate[] = [];
  let sinceLast: Candidate[] = [];
  const rr: number[] = [];
  const accept = (c: Candidate, weight: number) => {
    const last = qrs.at(-1);
    if (last) rr.push(c.at - last.at);
    if (rr.length > 8) rr.shift();
    qrs.push(c);
    spk = weight * c.height + (1 - weight) * spk;
    sinceLast = [];
  };

  for (const c of candidates) {
    const last = qrs.at(-1);
    if (last && c.at - last.at < refractory) continue;
    // Search back: a gap well beyond the recent rhythm means a beat was missed; take the
    // largest earlier candidate above half the threshold.
    if (last && rr.length > 0) {
      const meanRr = rr.reduce((a, b) => a + b, 0) / rr.length;
      if (c.at - last.at > 1.66 * meanRr) {
        const missed = sinceLast
          .filter((m) => m.at - last.at >= refractory && c.at - m.at >= refractory)
          .filter((m) => m.height > threshold() / 2)
          .sort((a, b) => b.height - a.height)[0];
        if (missed) accept(missed, 0.25);
      }
    }
    const previous = qrs.at(-1);
    const isTWave =
      previous !== undefined && c.at - previous.at < T_WAVE_WINDOW_S * fs && c.slope < 0.5 * previous.slope;
    if (c.height > threshold() && !isTWave) {
      accept(c, 0.125);
    } else {
      npk = 0.125 * c.height + 0.875 * npk;
      sinceLast.push(c);
    }
  }
  const peaks = qrs.map((c) => locateR(filtered, c.at, window));
  return peaks.filter((p, i) => i === 0 || p - (peaks[i - 1] ?? 0) >= refractory);
}

export function heartRate(rPeaks: number[], fs: number): HeartRate {
  const rrIntervalsMs = rPeaks.slice(1).map((p, i) => ((p - (rPeaks[i] ?? 0)) * 1000) / fs);
  const mean = rrIntervalsMs.reduce((a, b) => a + b, 0) / (rrIntervalsMs.length || 1);
  return {
    rPeaks,
    rrIntervalsMs,
    bpm: rrIntervalsMs.length ? Math.round((60_000 / mean) * 10) / 10 : null,
  };
}
