/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { normalizeLead } from './leads';
import { EcgFormatError, parseEcgFloat32, parseEcgJson } from './wire';

/** The float32 answer as pacs-bridge lays it out (see its ecg/binary.ts). */
function float32Answer(header: object, samples: number[]): ArrayBuffer {
  const json = new TextEncoder().encode(JSON.stringify(header));
  const padded = Math.ceil(json.length / 4) * 4;
  const buf = new ArrayBuffer(4 + padded + samples.length * 4);
  const view = new DataView(buf);
  view.setUint32(0, padded, true);
  new Uint8Array(buf, 4, padded).fill(0x20);
  new Uint8Array(buf, 4).set(json);
  samples.forEach((v, i) => view.setFloat32(4 + padded + i * 4, v, true));
  return buf;
}

const heartRate = {
  rPeaks: [10, 1010],
  rrIntervalsMs: [1000],
  bpm: 60,
  lead: 'Lead II',
  group: 'RHYTHM',
  samplingFrequency: 500,
};

test('the float32 answer gives each channel its own slice of samples', () => {
  const header = {
    groups: [
      {
        label: 'RHYTHM',
        samplingFrequency: 500,
        sampleCount: 3,
        channels: [
          { lead: 'Lead I (Einthoven)', unit: { code: 'uV', meaning: 'microvolt' }, offset: 0, length: 3 },
          { lead: 'Lead II', unit: { code: 'uV', meaning: 'microvolt' }, offset: 3, length: 3 },
        ],
      },
    ],
    heartRate,
  };
  const ecg = parseEcgFloat32(float32Answer(header, [1, 2, 3, -4.5, 5, 6]));
  assert.equal(ecg.heartRate, 60);
  assert.deepEqual(ecg.rrIntervals, [1000]);
  const g = ecg.groups[0];
  assert.ok(g);
  assert.equal(g.samplingFrequency, 500);
  assert.deepEqual(Array.from(g.channels[1]?.samples ?? []), [-4.5, 5, 6]);
  assert.equal(g.channels[0]?.unit, 'uV');
  assert.deepEqual(
    g.channels.map((c) => normalizeLead(c.lead)),
    ['I', 'II'],
  );
});

test('a float32 answer whose offsets run past the data is rejected', () => {
  const header = {
    groups: [
      { label: 'R', samplingFrequency: 500, channels: [{ lead: 'II', unit: 'uV', offset: 2, length: 5 }] },
    ],
    heartRate: null,
  };
  assert.throws(() => parseEcgFloat32(float32Answer(header, [1, 2, 3])), EcgFormatError);
  assert.throws(() => parseEcgFloat32(new ArrayBuffer(2)), EcgFormatError);
});

test('the JSON answer reads the same, heart rate null when too few beats', () => {
  const ecg = parseEcgJson({
    groups: [
      {
        label: 'RHYTHM',
        samplingFrequency: 250,
        sampleCount: 2,
        channels: [{ lead: 'II', unit: { code: null, meaning: 'millivolt' }, samples: [0.1, 0.2] }],
      },
    ],
    heartRate: null,
  });
  assert.equal(ecg.heartRate, null);
  assert.deepEqual(ecg.rrIntervals, []);
  assert.equal(ecg.groups[0]?.channels[0]?.unit, 'millivolt');
});

test('the simple shape (numeric heart rate, string units) is accepted too', () => {
  const ecg = parseEcgJson({
    groups: [
      { label: 'RHYTHM', samplingFrequency: 250, channels: [{ lead: 'II', unit: 'mV', samples: [1] }] },
    ],
    heartRate: 72,
    rrIntervals: [830, 840],
  });
  assert.equal(ecg.heartRate, 72);
  assert.deepEqual(ecg.rrIntervals, [830, 840]);
});
