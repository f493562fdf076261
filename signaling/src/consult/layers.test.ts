import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LayerControl } from './layers';

const feed = 'c0ffee00-0000-4000-8000-000000000001:camera';
const report = (lost: number, fps: number) => [
  { feedId: feed, packetsReceived: 1000 - lost, packetsLost: lost, framesPerSecond: fps },
];

test('heavy loss steps a subscription down at once and marks the link poor', () => {
  const c = new LayerControl();
  assert.deepEqual(c.report(report(0, 24), 0.05, 0), []);
  assert.equal(c.quality(), 'good');
  assert.deepEqual(c.report(report(150, 12), 0.05, 2000), [{ feedId: feed, layer: 1 }]);
  assert.equal(c.quality(), 'poor');
  assert.deepEqual(c.report(report(150, 12), 0.05, 4000), [{ feedId: feed, layer: 0 }]);
  assert.deepEqual(c.report(report(300, 5), 0.05, 6000), [{ feedId: feed, layer: 'audio-only' }]);
});

test('a recovered link climbs back one layer at a time, only after staying calm', () => {
  const c = new LayerControl();
  c.report(report(150, 12), undefined, 0); // → 1
  c.report(report(0, 24), undefined, 2000);
  assert.deepEqual(c.report(report(0, 24), undefined, 10_000), [], 'not calm for long enough yet');
  assert.deepEqual(c.report(report(0, 24), undefined, 20_000), [{ feedId: feed, layer: 2 }]);
  assert.equal(c.quality(), 'good');
});

test('a slow round trip alone makes the quality fair or poor; nothing reported is unknown', () => {
  const c = new LayerControl();
  assert.equal(c.quality(), 'unknown');
  c.report([], 0.4);
  assert.equal(c.quality(), 'fair');
  c.report([], 0.9);
  assert.equal(c.quality(), 'poor');
  c.report(report(0, 24), 0.05);
  c.forget();
  c.report([], 0.05);
  assert.equal(c.quality(), 'good');
});
