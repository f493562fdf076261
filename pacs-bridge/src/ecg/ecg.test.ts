// The real 12-lead ECG from pydicom's test files, decoded through Orthanc and the bridge.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { startBridgeTestApp, type BridgeTestApp } from '@tiered-care/testkit/bridge';

interface EcgJson {
  groups: {
    label: string;
    samplingFrequency: number;
    sampleCount: number;
    channels: { lead: string; unit: { code: string; meaning: string }; samples: number[] }[];
  }[];
  heartRate: { lead: string; group: string; bpm: number; rPeaks: number[]; rrIntervalsMs: number[] };
}

let t: BridgeTestApp;
let path: string;

before(async () => {
  t = await startBridgeTestApp({ phantom: { slices: 4, size: 256 } });
  const { ecg } = t.demo;
  path = `/api/ecg/${ecg.studyInstanceUid}/${ecg.seriesInstanceUid}/${ecg.sopInstanceUid}`;
});
after(() => t.close());

/**
 * Expected values in µV, computed independently with pydicom 2.3 (Debian python3-pydicom):
 *   ds = pydicom.dcmread('.../waveform_ecg.dcm'); a = ds.waveform_array(0); b = ds.waveform_array(1)
 *   a[i, c] / b[i, c] for the sample indices and channels below.
 * (Baselines are 0 in this file, so pydicom's baseline convention doesn't matter here.)
 */
const RHYTHM: [sample: number, lead: string, microvolts: number][] = [
  [0, 'Lead I (Einthoven)', 100],
  [1, 'Lead I (Einthoven)', 81.25],
  [0, 'Lead II', 112.5],
  [527, 'Lead II', 1137.5],
  [4485, 'Lead II', 1037.5],
  [527, 'Lead III', 412.5],
  [527, 'Lead V1', -1100],
  [527, 'Lead V6', 1350],
  [1000, 'Lead aVR', -56.25],
  [9999, 'Lead V6', -112.5],
];
const MEDIAN: [number, string, number][] = [
  [0, 'Lead II', 100],
  [600, 'Lead III', 37.5],
  [1199, 'Lead V4', 37.5],
];

test('waveform_ecg.dcm decodes to the sample values pydicom gives, for several leads of both groups', async () => {
  const res = await t.fetch(path, { token: await t.login('specialist.h1') });
  assert.equal(res.status, 200);
  const ecg = (await res.json()) as EcgJson;
  assert.deepEqual(
    ecg.groups.map((g) => [g.label, g.samplingFrequency, g.sampleCount, g.channels.length]),
    [
      ['RHYTHM', 1000, 10_000, 12],
      ['MEDIAN BEAT', 1000, 1200, 12],
    ],
  );
  const lead = (g: number, name: string) => ecg.groups[g]?.channels.find((c) => c.lead === name);
  for (const [i, name, uv] of RHYTHM) assert.equal(lead(0, name)?.samples[i], uv, `${name}[${i}]`);
  for (const [i, name, uv] of MEDIAN) assert.equal(lead(1, name)?.samples[i], uv, `median ${name}[${i}]`);
  assert.deepEqual(lead(0, 'Lead II')?.unit, { code: 'uV', meaning: 'microvolt' });
});

test('the heart rate from lead II is within 2 bpm of the hand count', async () => {
  const ecg = (await (await t.fetch(path, { token: await t.login('doctor.c1') })).json()) as EcgJson;
  /*
   * Hand count: lead II raw samples (pydicom, /1.25 µV) printed as local maxima over ±100 ms
   * windows show two kinds of peak: sharp ones of 807–910 counts that rise ~850 counts within
   * 30 ms (R waves) at samples 527, 1527, 2505, 3490, 4485, 5468, 6443, 7444, 8418, 9370, and
   * broad ones of 375–450 counts 250 ms later (T waves). 10 R peaks, 9 RR intervals spanning
   * 9370 − 527 = 8843 ms: mean RR 982.6 ms → 61.1 bpm. (The file's own measurement says RR 982 ms.)
   */
  const handCount = 60_000 / ((9370 - 527) / 9);
  assert.equal(ecg.heartRate.lead, 'Lead II');
  assert.equal(ecg.heartRate.group, 'RHYTHM');
  assert.equal(ecg.heartRate.rPeaks.length, 10);
  assert.ok(Math.abs(ecg.heartRate.bpm - handCount) <= 2, `${ecg.heartRate.bpm} bpm`);
  const handPeaks = [527, 1527, 2505, 3490, 4485, 5468, 6443, 7444, 8418, 9370];
  ecg.heartRate.rPeaks.forEach((p, i) => assert.ok(Math.abs(p - (handPeaks[i] ?? 0)) <= 10));
  assert.equal(ecg.heartRate.rrIntervalsMs.length, 9);
});

test('?format=float32 carries the same samples in a compact binary form', async () => {
  const token = await t.login('specialist.h1');
  const res = await t.fetch(`${path}?format=float32`, { token });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get('content-type'), 'application/octet-stream');
  const buf = Buffer.from(await res.arrayBuffer());
  const headerLength = buf.readUInt32LE(0);
  interface Channel {
    lead: string;
    offset: number;
    length: number;
  }
  const header = JSON.parse(buf.toString('utf8', 4, 4 + headerLength)) as {
    groups: { channels: Channel[] }[];
    heartRate: { rPeaks: number[] };
  };
  const data = 4 + headerLength;
  const leadII = header.groups[0]?.channels.find((c) => c.lead === 'Lead II');
  const v6 = header.groups[0]?.channels.find((c) => c.lead === 'Lead V6');
  assert.ok(leadII && v6);
  assert.equal(leadII.length, 10_000);
  assert.equal(buf.readFloatLE(data + (leadII.offset + 527) * 4), 1137.5);
  assert.equal(buf.readFloatLE(data + (v6.offset + 9999) * 4), -112.5);
  assert.equal(buf.length, data + 12 * (10_000 + 1200) * 4);
  assert.equal(header.heartRate.rPeaks.length, 10);
});

test('an image instance is not an ECG', async () => {
  const { ctSmall } = t.demo;
  const res = await t.fetch(
    `/api/ecg/${ctSmall.studyInstanceUid}/${ctSmall.seriesInstanceUid}/${ctSmall.sopInstanceUid}`,
    {
      token: await t.login('specialist.h1'),
    },
  );
  assert.equal(res.status, 400);
  assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'not_a_waveform');
});

interface EcgAnalysisJson {
  measurements: Record<'heartRate' | 'prMs' | 'qrsMs' | 'qtMs' | 'qtcMs' | 'axisDeg', number | null> & {
    rhythm: string | null;
  };
  lead: string | null;
  beats: number;
}

test("measurements agree with the viewer's heart rate and with the file's own intervals", async () => {
  const token = await t.login('specialist.h1');
  const ecg = (await (await t.fetch(path, { token })).json()) as EcgJson;
  const res = await t.fetch(`${path}/measurements`, { token });
  assert.equal(res.status, 200);
  const { measurements: m, lead, beats } = (await res.json()) as EcgAnalysisJson;
  assert.equal(m.heartRate, Math.round(ecg.heartRate.bpm));
  assert.equal(lead, 'Lead II');
  // Ten beats; the last (R at 9370 ms of 10 000) has no whole window after it.
  assert.equal(beats, 9);
  // The recording's own annotations (WaveformAnnotationSequence, read with pydicom): RITMO
  // SINUSALE, PR 161 ms, QRS 75 ms, QT 368 ms, QTc 370 ms, QRS axis 52°.
  assert.equal(m.rhythm, '窦性心律');
  const near = (got: number | null, want: number, tol: number, what: string) =>
    assert.ok(got !== null && Math.abs(got - want) <= tol, `${what}: ${got} (file ${want} ± ${tol})`);
  near(m.prMs, 161, 20, 'PR');
  near(m.qrsMs, 75, 20, 'QRS');
  near(m.qtMs, 368, 25, 'QT');
  near(m.qtcMs, 370, 25, 'QTc');
  near(m.axisDeg, 52, 15, 'axis');
});

test('measurements follow the ECG access rule: outsiders get 404, an image is not a waveform', async () => {
  const outsider = await t.fetch(`${path}/measurements`, { token: await t.login('doctor.c2') });
  assert.equal(outsider.status, 404);
  assert.equal(((await outsider.json()) as { error: { code: string } }).error.code, 'not_found');
  const { ctSmall } = t.demo;
  const image = await t.fetch(
    `/api/ecg/${ctSmall.studyInstanceUid}/${ctSmall.seriesInstanceUid}/${ctSmall.sopInstanceUid}/measurements`,
    { token: await t.login('specialist.h1') },
  );
  assert.equal(image.status, 400);
  assert.equal(((await image.json()) as { error: { code: string } }).error.code, 'not_a_waveform');
});
