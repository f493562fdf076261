/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COLUMN_SECONDS, LEFT_MARGIN_S, ROW_MV, buildLayout, defaultGroupIndex } from './layout';
import { millivoltFactor, normalizeLead, STANDARD_LEADS } from './leads';
import type { EcgGroup } from './types';

// The twelve leads as a modality writes them: "Lead I (Einthoven)", "Lead II" … "Lead aVF", "V1" … "V6".
const LEADS = [
  'Lead I (Einthoven)',
  ...STANDARD_LEADS.slice(1, 6).map((l) => `Lead ${l}`),
  ...STANDARD_LEADS.slice(6),
];

function group(label: string, seconds: number, fs = 100, leads = LEADS): EcgGroup {
  const n = Math.round(seconds * fs);
  return {
    label,
    samplingFrequency: fs,
    channels: leads.map((lead, i) => ({
      lead,
      unit: 'uV',
      samples: Array.from({ length: n }, () => (i + 1) * 100),
    })),
  };
}

test('lead names from DICOM code meanings become standard names', () => {
  assert.equal(normalizeLead('Lead I (Einthoven)'), 'I');
  assert.equal(normalizeLead('lead avr'), 'aVR');
  assert.equal(normalizeLead('V5'), 'V5');
  assert.equal(normalizeLead('Lead III'), 'III');
  assert.equal(normalizeLead('Pleth'), 'Pleth');
});

test('microvolts, millivolts and volts all end up in millivolts', () => {
  assert.equal(millivoltFactor('uV'), 0.001);
  assert.equal(millivoltFactor('µV'), 0.001);
  assert.equal(millivoltFactor('mV'), 1);
  assert.equal(millivoltFactor('V'), 1000);
  assert.equal(millivoltFactor('microvolt'), 0.001);
});

test('a 10 s 12-lead record is laid out 3 × 4 with a lead II rhythm strip', () => {
  const layout = buildLayout(group('RHYTHM', 10));
  assert.equal(layout.traces.length, 13);
  assert.deepEqual(
    layout.labels.map((l) => l.text),
    ['I', 'aVR', 'V1', 'V4', 'II', 'aVL', 'V2', 'V5', 'III', 'aVF', 'V3', 'V6', 'II'],
  );
  const v4 = layout.traces.find((t) => t.lead === 'V4');
  assert.ok(v4);
  // Fourth column: 7.5–10 s of the record, placed after three columns of paper.
  assert.equal(v4.from, 750);
  assert.equal(v4.to, 1000);
  assert.equal(v4.x, LEFT_MARGIN_S + 3 * COLUMN_SECONDS);
  const rhythm = layout.traces.at(-1);
  assert.equal(rhythm?.lead, 'II');
  assert.equal(rhythm.to - rhythm.from, 1000);
  assert.equal(layout.height, 4 * ROW_MV);
  assert.equal(layout.calibrations.length, 4);
  assert.equal(layout.separators.length, 9);
});

test('samples are converted to millivolts once, at layout', () => {
  const layout = buildLayout(group('RHYTHM', 10));
  const lead2 = layout.traces.find((t) => t.lead === 'II');
  assert.ok(Math.abs((lead2?.samples[0] ?? 0) - 0.2) < 1e-6);
});

test('a median beat shows the whole beat in every column', () => {
  const layout = buildLayout(group('MEDIAN BEAT', 1.2));
  const v1 = layout.traces.find((t) => t.lead === 'V1');
  assert.equal(v1?.from, 0);
  assert.equal(v1.to, 120);
  assert.ok(Math.abs(layout.width - (LEFT_MARGIN_S + 4 * 1.2 + 0.2)) < 1e-9);
});

test('records without the twelve standard leads get one row per channel', () => {
  const layout = buildLayout(group('RHYTHM', 4, 100, ['Lead II', 'Lead V5', 'Pleth']));
  assert.deepEqual(
    layout.traces.map((t) => t.lead),
    ['II', 'V5', 'Pleth'],
  );
  assert.equal(layout.height, 3 * ROW_MV);
  assert.ok(layout.traces.every((t) => t.from === 0 && t.to === 400));
});

test('the rhythm group is shown first, else the longest', () => {
  assert.equal(defaultGroupIndex([group('MEDIAN BEAT', 1.2), group('RHYTHM', 10)]), 1);
  assert.equal(defaultGroupIndex([group('A', 1), group('B', 3), group('C', 2)]), 1);
});
