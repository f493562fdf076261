/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { caliperReadout, dropEmpty, hitCaliper, moveCaliperEnd, newCaliper } from './calipers';
import { clampPosition, clampScale, sameEcgState, zoomAbout } from './ecgState';
import { DEFAULT_ECG_STATE, type Caliper } from './types';

test('a time caliper reads milliseconds and the matching heart rate', () => {
  assert.deepEqual(caliperReadout({ id: 'a', kind: 'time', a: 1.2, b: 2.0 }), { ms: 800, bpm: 75 });
  assert.deepEqual(caliperReadout({ id: 'a', kind: 'time', a: 2.0, b: 1.2 }), { ms: 800, bpm: 75 });
});

test('an amplitude caliper reads millivolts to two decimals', () => {
  assert.deepEqual(caliperReadout({ id: 'a', kind: 'amplitude', a: 3.1, b: 1.855 }), { mv: 1.25 });
});

test('the caliper line nearest the pointer is picked within tolerance', () => {
  const calipers: Caliper[] = [
    { id: 't', kind: 'time', a: 1, b: 2 },
    { id: 'v', kind: 'amplitude', a: 3, b: 4 },
  ];
  assert.deepEqual(hitCaliper(calipers, 2.01, 0, 0.02, 0.05), { id: 't', end: 'b' });
  assert.deepEqual(hitCaliper(calipers, 5, 3.03, 0.02, 0.05), { id: 'v', end: 'a' });
  assert.equal(hitCaliper(calipers, 1.5, 3.5, 0.02, 0.05), null);
});

test('dragging moves one end; a caliper without width is dropped', () => {
  const c = newCaliper('time', 1, 'x');
  assert.deepEqual(moveCaliperEnd([c], { id: 'x', end: 'b' }, 1.4), [
    { id: 'x', kind: 'time', a: 1, b: 1.4 },
  ]);
  assert.deepEqual(dropEmpty([c], { time: 0.01, amplitude: 0.01 }), []);
});

test('scrolling stays on the paper', () => {
  assert.equal(clampPosition(-1, 10, 4), 0);
  assert.equal(clampPosition(9, 10, 4), 6);
  assert.equal(clampPosition(3, 10, 40), 0);
  assert.equal(clampScale(100), 8);
  assert.equal(clampScale(0.01), 0.5);
});

test('zooming about a point keeps that point under the pointer', () => {
  const anchor = 5;
  const pos = zoomAbout(2, anchor, 1, 2);
  // Before: the anchor is 3 s from the left edge; at twice the zoom it is 1.5 s from it.
  assert.equal(anchor - pos, 1.5);
});

test('states compare by value', () => {
  const a = { ...DEFAULT_ECG_STATE, calipers: [{ id: 'c', kind: 'time' as const, a: 1, b: 2 }] };
  assert.equal(sameEcgState(a, structuredClone(a)), true);
  assert.equal(sameEcgState(a, { ...a, position: 1 }), false);
  assert.equal(sameEcgState(a, { ...a, zoom: { ...a.zoom, gain: 20 } }), false);
  assert.equal(sameEcgState(null, a), false);
});
