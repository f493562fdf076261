import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AuditBursts } from './bursts';

test('a retrieval burst opens one window per key, and a new one after the window passes', () => {
  let now = 0;
  const bursts = new AuditBursts(1000, () => now);
  assert.equal(bursts.open('u|study|series|frames'), true);
  now = 999;
  assert.equal(bursts.open('u|study|series|frames'), false);
  assert.equal(bursts.open('u|study|other|frames'), true);
  now = 1000;
  assert.equal(bursts.open('u|study|series|frames'), true);
});

test('a forgotten window is opened again by the next call', () => {
  const bursts = new AuditBursts(1000, () => 0);
  assert.equal(bursts.open('k'), true);
  bursts.forget('k');
  assert.equal(bursts.open('k'), true);
});

test('the oldest windows are dropped when too many keys are tracked', () => {
  const bursts = new AuditBursts(1000, () => 0, 2);
  bursts.open('a');
  bursts.open('b');
  bursts.open('c');
  assert.equal(bursts.open('a'), true);
  assert.equal(bursts.open('c'), false);
});
