import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectRPeaks, heartRate } from './panTompkins';

/** A deterministic pseudo-random sequence, so a failing case can be replayed. */
function noise(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648 - 0.5;
  };
}

const gauss = (t: number, centre: number, width: number) => Math.exp(-((t - centre) ** 2) / (2 * width ** 2));

/**
 * Synthetic lead II in µV: P, QRS (narrow, 1 mV), T (broad, `tHeight` µV) around each beat,
 * plus 0.3 Hz baseline wander and white noise.
 */
function syntheticEcg(fs: number, beatsAt: number[], seconds: number, tHeight = 300) {
  const rand = noise(42);
  const x = new Float64Array(Math.round(fs * seconds));
  for (let i = 0; i < x.length; i++) {
    const t = i / fs;
    let v = 150 * Math.sin(2 * Math.PI * 0.3 * t) + 30 * rand();
    for (const b of beatsAt) {
      v += 120 * gauss(t, b - 0.16, 0.025);
      v += -100 * gauss(t, b - 0.025, 0.008) + 1000 * gauss(t, b, 0.01) - 150 * gauss(t, b + 0.03, 0.01);
      v += tHeight * gauss(t, b + 0.28, 0.045);
    }
    x[i] = v;
  }
  return x;
}

function beats(start: number, intervals: number[]): number[] {
  const out = [start];
  for (const rr of intervals) out.push((out.at(-1) ?? 0) + rr);
  return out;
}

for (const fs of [250, 500, 1000]) {
  test(`R peaks of a synthetic rhythm sampled at ${fs} Hz are found within 15 ms`, () => {
    const truth = beats(0.6, [0.82, 0.9, 0.78, 1.0, 0.86, 0.8, 0.95, 0.88, 0.84]);
    const peaks = detectRPeaks(syntheticEcg(fs, truth, 9.8), fs);
    assert.equal(peaks.length, truth.length, `found ${peaks.map((p) => p / fs).join(', ')}`);
    peaks.forEach((p, i) => assert.ok(Math.abs(p / fs - (truth[i] ?? 0)) <= 0.015, `beat ${i} at ${p / fs}`));
  });
}

test('tall T waves are not counted as beats', () => {
  const truth = beats(0.5, Array<number>(9).fill(0.75));
  const peaks = detectRPeaks(syntheticEcg(500, truth, 7.5, 650), 500);
  assert.equal(peaks.length, truth.length);
});

test('a beat smaller than the running threshold after a pause is recovered by search-back', () => {
  const fs = 500;
  const truth = beats(0.5, [0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8, 0.8]);
  const x = syntheticEcg(fs, truth, 7.5);
  // Shrink the sixth beat's QRS to a third of its height.
  const small = truth[5] ?? 0;
  for (let i = Math.round((small - 0.06) * fs); i < Math.round((small + 0.06) * fs); i++) {
    x[i] = (x[i] ?? 0) - 666 * gauss(i / fs, small, 0.01);
  }
  const peaks = detectRPeaks(x, fs);
  assert.equal(peaks.length, truth.length);
});

test('a flat line has no beats and no heart rate', () => {
  const peaks = detectRPeaks(new Float64Array(5000), 500);
  assert.deepEqual(peaks, []);
  assert.equal(heartRate(peaks, 500).bpm, null);
});

test('heart rate is 60000 over the mean RR interval in milliseconds', () => {
  const hr = heartRate([100, 600, 1100, 1650], 500);
  assert.deepEqual(hr.rrIntervalsMs, [1000, 1000, 1100]);
  assert.equal(hr.bpm, 58.1);
});
