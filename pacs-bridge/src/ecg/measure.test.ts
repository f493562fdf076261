// ECG measurements on synthetic 12-lead recordings whose intervals and axis are known by
// construction: every wave is a smooth pulse with a finite support, so its onset and end are exact.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { EcgGroup } from './decode';
import { withHeartRate } from './load';
import { measureEcg } from './measure';

/** A deterministic pseudo-random sequence, so a failing case can be replayed. */
function noise(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648 - 0.5;
  };
}

/** sin² pulse of height `amp` from `from` to `to` seconds (0 outside). */
const pulse = (t: number, from: number, to: number, amp: number) =>
  t <= from || t >= to ? 0 : amp * Math.sin((Math.PI * (t - from)) / (to - from)) ** 2;

/** A T wave rising for `rise` s and falling for `fall` s, ending at `end`. */
function tWave(t: number, end: number, rise: number, fall: number, amp: number) {
  const peak = end - fall;
  if (t <= peak - rise || t >= end) return 0;
  const u = t < peak ? (t - (peak - rise)) / rise : 1 - (t - peak) / fall;
  return (amp * (1 - Math.cos(Math.PI * u))) / 2;
}

interface Truth {
  fs: number;
  /** QRS onsets in seconds. */
  onsets: number[];
  seconds: number;
  prMs: number;
  qrsMs: number;
  qtMs: number;
  /** Frontal QRS axis in degrees; P and T keep a normal 60° axis. */
  axisDeg: number;
  pWaves?: boolean;
}

// Frontal lead angles (hexaxial reference) and a fixed projection for the chest leads.
const FRONTAL: [string, number][] = [
  ['Lead I (Einthoven)', 0],
  ['Lead II', 60],
  ['Lead III', 120],
  ['Lead aVR', -150],
  ['Lead aVL', -30],
  ['Lead aVF', 90],
];
const CHEST: [string, number][] = [
  ['Lead V1', -0.6],
  ['Lead V2', -0.2],
  ['Lead V3', 0.4],
  ['Lead V4', 0.9],
  ['Lead V5', 1],
  ['Lead V6', 0.8],
];

function synthetic(truth: Truth): EcgGroup {
  const { fs, onsets, prMs, qrsMs, qtMs } = truth;
  const n = Math.round(fs * truth.seconds);
  const rand = noise(7);
  const cos = (deg: number) => Math.cos((deg * Math.PI) / 180);
  const leads = [
    ...FRONTAL.map(([lead, angle]): [string, number, number] => [
      lead,
      cos(truth.axisDeg - angle),
      cos(60 - angle),
    ]),
    ...CHEST.map(([lead, gain]): [string, number, number] => [lead, gain, Math.abs(gain)]),
  ];
  const wander = Float64Array.from({ length: n }, (_, i) => 80 * Math.sin(2 * Math.PI * 0.3 * (i / fs)));
  const channels = leads.map(([lead, gain, pGain]) => {
    const samples = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const t = i / fs;
      let v = (wander[i] ?? 0) + 16 * rand();
      for (const q of onsets) {
        if (t < q - 0.5 || t > q + 0.8) continue;
        const d = qrsMs / 1000;
        if (truth.pWaves !== false) v += pGain * pulse(t, q - prMs / 1000, q - prMs / 1000 + 0.1, 150);
        v += gain * pulse(t, q, q + 0.2 * d, -120);
        v += gain * pulse(t, q + 0.15 * d, q + 0.75 * d, 1200);
        v += gain * pulse(t, q + 0.65 * d, q + d, -250);
        v += pGain * tWave(t, q + qtMs / 1000, 0.14, 0.08, 350);
      }
      samples[i] = v;
    }
    return { lead, unit: { code: 'uV', meaning: 'microvolt' }, samples };
  });
  return { label: 'RHYTHM', samplingFrequency: fs, sampleCount: n, channels };
}

function onsetsEvery(first: number, intervals: number[]): number[] {
  const out = [first];
  for (const rr of intervals) out.push((out.at(-1) ?? 0) + rr);
  return out;
}

const regular = { prMs: 160, qrsMs: 96, qtMs: 380, axisDeg: 60, seconds: 10 };

for (const fs of [500, 1000]) {
  test(`a regular synthetic ECG at ${fs} Hz: PR ±15 ms, QRS ±15 ms, QT ±20 ms, axis ±10°, rate exact`, () => {
    const truth = { ...regular, fs, onsets: onsetsEvery(0.5, Array<number>(11).fill(0.8)) };
    const ecg = withHeartRate([synthetic(truth)]);
    const { measurements: m, lead, beats } = measureEcg(ecg);
    assert.equal(lead, 'Lead II');
    assert.ok(beats >= 10, `${beats} beats`);
    assert.equal(m.heartRate, 75);
    assert.equal(m.heartRate, Math.round(ecg.heartRate?.bpm ?? 0), 'the rate the viewer shows');
    assert.equal(m.rhythm, '窦性心律');
    const near = (got: number | null, want: number, tol: number, what: string) =>
      assert.ok(got !== null && Math.abs(got - want) <= tol, `${what}: ${got} (want ${want} ± ${tol})`);
    near(m.prMs, 160, 15, 'PR');
    near(m.qrsMs, 96, 15, 'QRS');
    near(m.qtMs, 380, 20, 'QT');
    // Bazett with RR 800 ms: QT / √0.8.
    near(m.qtcMs, Math.round((m.qtMs ?? 0) / Math.sqrt(0.8)), 1, 'QTc');
    near(m.axisDeg, 60, 10, 'axis');
  });
}

test('a right axis (+100°) and a long QT (480 ms) at a slow rate are measured as such', () => {
  const truth = {
    ...regular,
    fs: 500,
    qtMs: 480,
    axisDeg: 100,
    seconds: 12,
    onsets: onsetsEvery(0.6, Array<number>(9).fill(1.2)),
  };
  const { measurements: m } = measureEcg(withHeartRate([synthetic(truth)]));
  assert.equal(m.heartRate, 50);
  assert.equal(m.rhythm, '窦性心动过缓');
  assert.ok(m.qtMs !== null && Math.abs(m.qtMs - 480) <= 20, `QT ${m.qtMs}`);
  assert.ok(m.axisDeg !== null && Math.abs(m.axisDeg - 100) <= 10, `axis ${m.axisDeg}`);
});

test('an irregular rhythm without P waves is 心律不齐 with no PR; QRS and QT are still measured', () => {
  const rr = [0.62, 1.05, 0.71, 0.93, 0.58, 1.12, 0.77, 0.66, 1.01, 0.84, 0.7];
  const truth = { ...regular, fs: 500, pWaves: false, seconds: 10.5, onsets: onsetsEvery(0.5, rr) };
  const { measurements: m } = measureEcg(withHeartRate([synthetic(truth)]));
  assert.equal(m.rhythm, '心律不齐');
  assert.equal(m.prMs, null);
  assert.ok(m.qrsMs !== null && Math.abs(m.qrsMs - 96) <= 15, `QRS ${m.qrsMs}`);
});

test('a flat line and a recording without lead II measure nothing, without failing', () => {
  const flat = synthetic({ ...regular, fs: 500, onsets: [] });
  for (const c of flat.channels) c.samples.fill(0);
  const none = measureEcg(withHeartRate([flat]));
  assert.deepEqual(none.measurements, {
    heartRate: null,
    rhythm: null,
    prMs: null,
    qrsMs: null,
    qtMs: null,
    qtcMs: null,
    axisDeg: null,
  });
  assert.equal(none.beats, 0);
  const noLeadII = synthetic({ ...regular, fs: 500, onsets: onsetsEvery(0.5, [0.8, 0.8, 0.8]) });
  noLeadII.channels = noLeadII.channels.filter((c) => c.lead !== 'Lead II');
  const result = measureEcg(withHeartRate([noLeadII]));
  assert.equal(result.lead, null);
  assert.equal(result.measurements.qtMs, null);
});
