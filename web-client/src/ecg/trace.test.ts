/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { tracePoints, type TraceView } from './trace';

const view = (o: Partial<TraceView> = {}): TraceView => ({
  originX: 0,
  pxPerSample: 1,
  baselineY: 100,
  pxPerMv: 10,
  minX: 0,
  maxX: 1000,
  dpr: 1,
  ...o,
});

test('each sample becomes a point when samples are sparse on screen', () => {
  assert.deepEqual(tracePoints([0, 1, -1], 0, 3, view({ pxPerSample: 5 })), [0, 100, 5, 90, 10, 110]);
});

test('dense samples keep each pixel column’s minimum and maximum, so peaks survive', () => {
  const samples = Array.from({ length: 1000 }, (_, i) => (i === 503 ? 5 : 0));
  const pts = tracePoints(samples, 0, 1000, view({ pxPerSample: 0.1 }));
  assert.ok(pts.length <= 2 * 2 * 101, `${pts.length / 2} points`);
  const ys = pts.filter((_, i) => i % 2 === 1);
  assert.equal(Math.min(...ys), 50);
});

test('only the visible part (plus one sample either side) is produced', () => {
  const samples = Array.from({ length: 100 }, () => 0);
  const pts = tracePoints(samples, 0, 100, view({ pxPerSample: 10, minX: 200, maxX: 300 }));
  const xs = pts.filter((_, i) => i % 2 === 0);
  assert.equal(xs[0], 190);
  assert.equal(xs.at(-1), 310);
});

test('the requested sample range bounds the output', () => {
  const pts = tracePoints([1, 2, 3, 4, 5], 1, 3, view({ pxPerSample: 4 }));
  assert.deepEqual(pts, [4, 80, 8, 70]);
});
