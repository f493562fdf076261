/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CSS_PX_PER_MM,
  backingSize,
  crisp,
  gridLines,
  millivoltsToPx,
  pxToMillivolts,
  pxToSeconds,
  secondsToPx,
} from './paper';

test('one second at 25 mm/s is 25 mm of paper', () => {
  assert.ok(Math.abs(secondsToPx(1, 25, 1) - 25 * CSS_PX_PER_MM) < 1e-9);
  assert.ok(Math.abs(secondsToPx(1, 50, 2) - 100 * CSS_PX_PER_MM) < 1e-9);
});

test('one millivolt at 10 mm/mV is 10 mm of paper', () => {
  assert.ok(Math.abs(millivoltsToPx(1, 10, 1) - 10 * CSS_PX_PER_MM) < 1e-9);
  assert.ok(Math.abs(millivoltsToPx(1, 20, 1) - 2 * millivoltsToPx(1, 10, 1)) < 1e-9);
});

test('pixels convert back to seconds and millivolts', () => {
  assert.ok(Math.abs(pxToSeconds(secondsToPx(0.84, 25, 1.7), 25, 1.7) - 0.84) < 1e-12);
  assert.ok(Math.abs(pxToMillivolts(millivoltsToPx(1.3, 5, 0.8), 5, 0.8) - 1.3) < 1e-12);
});

test('every fifth millimetre line is a major line', () => {
  const { minor, major } = gridLines(20, 2);
  assert.deepEqual(major, [0, 10, 20]);
  assert.deepEqual(minor, [2, 4, 6, 8, 12, 14, 16, 18]);
});

test('the grid scrolls with the paper', () => {
  const { minor, major } = gridLines(10, 2, 7);
  // Paper millimetres 4…8 are visible (x = mm*2 - 7): 4→1, 5→3 (major), 6→5, 7→7, 8→9.
  assert.deepEqual(major, [3]);
  assert.deepEqual(minor, [1, 5, 7, 9]);
});

test('lines snap to the middle of a device pixel', () => {
  assert.equal(crisp(10.2, 1), 10.5);
  assert.equal(crisp(10.2, 2), 10.25);
  assert.equal(crisp(0, 1), 0.5);
});

test('the backing store is the CSS size times the pixel ratio', () => {
  assert.deepEqual(backingSize(500, 200, 2), { width: 1000, height: 400 });
  assert.deepEqual(backingSize(333, 100, 1.5), { width: 500, height: 150 });
});
