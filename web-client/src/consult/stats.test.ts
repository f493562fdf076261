/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inboundTotal, inboundVideo, nextReading, selectedRtt, statsWindow, STALL_WINDOWS } from './stats';

const video = (packetsReceived: number, packetsLost: number, framesPerSecond?: number) => ({
  id: 'IT01V',
  type: 'inbound-rtp',
  kind: 'video',
  packetsReceived,
  packetsLost,
  ...(framesPerSecond === undefined ? {} : { framesPerSecond }),
});
const audio = (packetsReceived: number) => ({
  id: 'IT01A',
  type: 'inbound-rtp',
  kind: 'audio',
  packetsReceived,
});

test('the video counters are read from the inbound video stream only', () => {
  assert.deepEqual(inboundVideo([audio(500), video(1000, 12, 23.5), { type: 'transport' }]), {
    packetsReceived: 1000,
    packetsLost: 12,
    framesPerSecond: 23.5,
  });
  assert.equal(inboundVideo([audio(500)]), null);
});

test('negative loss (duplicates) counts as none', () => {
  assert.deepEqual(inboundVideo([video(10, -3)]), { packetsReceived: 10, packetsLost: 0 });
});

test('a window reports what arrived and was lost since the previous reading', () => {
  const prev = { packetsReceived: 1000, packetsLost: 10 };
  assert.deepEqual(statsWindow(prev, { packetsReceived: 1450, packetsLost: 25, framesPerSecond: 24 }), {
    packetsReceived: 450,
    packetsLost: 15,
    framesPerSecond: 24,
  });
});

test('the first reading of a connection is its own window', () => {
  assert.deepEqual(statsWindow(undefined, { packetsReceived: 300, packetsLost: 2 }), {
    packetsReceived: 300,
    packetsLost: 2,
  });
});

test('counters that went backwards belong to a new connection and are taken whole', () => {
  const prev = { packetsReceived: 5000, packetsLost: 40 };
  assert.deepEqual(statsWindow(prev, { packetsReceived: 120, packetsLost: 1 }), {
    packetsReceived: 120,
    packetsLost: 1,
  });
});

test('an absurd frame rate is clamped to what the protocol accepts', () => {
  const w = statsWindow(undefined, { packetsReceived: 1, packetsLost: 0, framesPerSecond: 1000 });
  assert.equal(w.framesPerSecond, 240);
});

test('packets of every inbound stream add up when checking that a feed flows', () => {
  assert.equal(
    inboundTotal([audio(500), video(1000, 0), { type: 'outbound-rtp', packetsReceived: 9 }]),
    1500,
  );
});

test("the round trip comes from the transport's selected candidate pair", () => {
  const entries = [
    { type: 'candidate-pair', id: 'CP1', nominated: true, state: 'succeeded', currentRoundTripTime: 0.2 },
    { type: 'candidate-pair', id: 'CP2', currentRoundTripTime: 0.035 },
    { type: 'transport', id: 'T1', selectedCandidatePairId: 'CP2' },
  ];
  assert.equal(selectedRtt(entries), 0.035);
});

test('without a transport entry the nominated, succeeded pair is used', () => {
  const entries = [
    { type: 'candidate-pair', id: 'CP1', state: 'failed', currentRoundTripTime: 3 },
    { type: 'candidate-pair', id: 'CP2', nominated: true, state: 'succeeded', currentRoundTripTime: 0.05 },
  ];
  assert.equal(selectedRtt(entries), 0.05);
  assert.equal(selectedRtt([]), undefined);
});

test('a connected camera feed that receives nothing for several reports is dead', () => {
  const silent = [video(100, 0), audio(50)];
  let r = nextReading(null, silent, true);
  for (let i = 0; i < STALL_WINDOWS - 1; i++) {
    r = nextReading(r.reading, silent, true);
    assert.equal(r.dead, false);
  }
  assert.equal(nextReading(r.reading, silent, true).dead, true);
});

test('a feed whose audio still flows is alive even while its video is paused', () => {
  let r = nextReading(null, [video(100, 0), audio(50)], true);
  for (let i = 1; i <= STALL_WINDOWS + 1; i++)
    r = nextReading(r.reading, [video(100, 0), audio(50 + i * 100)], true);
  assert.equal(r.dead, false);
  assert.deepEqual(r.window, { packetsReceived: 0, packetsLost: 0 });
});

test('silence is not held against a feed whose flow is not checked (a still screen share)', () => {
  let r = nextReading(null, [video(10, 0)], false);
  for (let i = 0; i < STALL_WINDOWS + 2; i++) r = nextReading(r.reading, [video(10, 0)], false);
  assert.equal(r.dead, false);
});
