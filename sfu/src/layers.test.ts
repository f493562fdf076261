import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chooseLayer, DEFAULT_POLICY, type Layer, type LayerStats } from './layers';

const calm = (currentLayer: Layer, extra: Partial<LayerStats> = {}): LayerStats => ({
  currentLayer,
  packetLoss: 0,
  framesPerSecond: currentLayer === 'audio-only' ? undefined : 25,
  msOnCurrentLayer: 60_000,
  ...extra,
});

/** Feeds one stats sample per second through chooseLayer, like a client polling getStats. */
type Sample = Omit<LayerStats, 'currentLayer' | 'msOnCurrentLayer' | 'msSinceTrouble'>;
function simulate(samples: Sample[], start: Layer = 0): Layer[] {
  let layer = start;
  let since = 0;
  let trouble = -Infinity;
  const chosen: Layer[] = [];
  samples.forEach((sample, second) => {
    if (sample.packetLoss >= DEFAULT_POLICY.lossUp) trouble = second;
    const next = chooseLayer({
      ...sample,
      currentLayer: layer,
      msOnCurrentLayer: (second - since) * 1000,
      msSinceTrouble: (second - trouble) * 1000,
    });
    if (next !== layer) {
      layer = next;
      since = second;
    }
    chosen.push(layer);
  });
  return chosen;
}

describe('chooseLayer', () => {
  test('a subscriber with a clean, wide link climbs one layer at a time after the hold time', () => {
    assert.equal(chooseLayer(calm(0, { availableIncomingBitrate: 5_000_000 })), 1);
    assert.equal(chooseLayer(calm(1, { availableIncomingBitrate: 5_000_000 })), 2);
    assert.equal(chooseLayer(calm(2, { availableIncomingBitrate: 5_000_000 })), 2);
  });

  test('it does not step up before the hold time has passed', () => {
    const early = calm(0, {
      availableIncomingBitrate: 5_000_000,
      msOnCurrentLayer: DEFAULT_POLICY.holdUpMs - 1,
    });
    assert.equal(chooseLayer(early), 0);
  });

  test('a shrinking estimate drops at once to the highest layer that still fits', () => {
    assert.equal(chooseLayer(calm(2, { availableIncomingBitrate: 300_000, msOnCurrentLayer: 0 })), 0);
    assert.equal(chooseLayer(calm(2, { availableIncomingBitrate: 600_000, msOnCurrentLayer: 0 })), 1);
  });

  test('when even the lowest layer does not fit the estimate, video is paused: audio only', () => {
    assert.equal(chooseLayer(calm(1, { availableIncomingBitrate: 120_000 })), 'audio-only');
  });

  test('heavy packet loss steps down one layer', () => {
    assert.equal(chooseLayer(calm(2, { packetLoss: 0.12 })), 1);
    assert.equal(chooseLayer(calm(1, { packetLoss: 0.12 })), 0);
  });

  test('moderate loss at the lowest layer keeps video, severe loss switches to audio only', () => {
    assert.equal(chooseLayer(calm(0, { packetLoss: 0.12 })), 0);
    assert.equal(chooseLayer(calm(0, { packetLoss: 0.3 })), 'audio-only');
  });

  test('a stalling stream (few decoded frames) on an upper layer steps down', () => {
    assert.equal(chooseLayer(calm(2, { framesPerSecond: 4 })), 1);
  });

  test('small loss blocks stepping up but does not force a step down', () => {
    assert.equal(chooseLayer(calm(1, { packetLoss: 0.04, availableIncomingBitrate: 5_000_000 })), 1);
  });

  test('a link that only just stopped losing packets must stay calm for the hold time first', () => {
    const recovering = calm(0, { availableIncomingBitrate: 5_000_000, msSinceTrouble: 2_000 });
    assert.equal(chooseLayer(recovering), 0);
  });

  test('without a bandwidth estimate it probes upward only after a longer calm period', () => {
    assert.equal(chooseLayer(calm(0, { msOnCurrentLayer: DEFAULT_POLICY.holdUpBlindMs - 1 })), 0);
    assert.equal(chooseLayer(calm(0, { msOnCurrentLayer: DEFAULT_POLICY.holdUpBlindMs })), 1);
  });

  test('audio only returns to the lowest layer once the link has recovered for a while', () => {
    assert.equal(chooseLayer(calm('audio-only', { availableIncomingBitrate: 400_000 })), 0);
    assert.equal(chooseLayer(calm('audio-only', { availableIncomingBitrate: 150_000 })), 'audio-only');
  });

  test('an estimate wobbling between the down and up thresholds never flaps the layer', () => {
    // Layer 2 needs 1.04 Mbit/s; stepping up to it needs 1.35. Wobble between 1.1 and 1.3.
    const wobble = Array.from({ length: 120 }, (_, i) => ({
      availableIncomingBitrate: i % 2 ? 1_100_000 : 1_300_000,
      packetLoss: 0.005,
      framesPerSecond: 25,
    }));
    const fromOne = simulate(wobble, 1);
    assert.ok(
      fromOne.every((l) => l === 1),
      'stays on layer 1',
    );
    const fromTwo = simulate(wobble, 2);
    assert.ok(
      fromTwo.every((l) => l === 2),
      'stays on layer 2',
    );
  });

  test('a link that degrades and recovers goes down quickly and comes back up slowly', () => {
    const good = { availableIncomingBitrate: 3_000_000, packetLoss: 0, framesPerSecond: 25 };
    const bad = { availableIncomingBitrate: 400_000, packetLoss: 0.1, framesPerSecond: 12 };
    const layers = simulate([...Array(20).fill(good), ...Array(5).fill(bad), ...Array(30).fill(good)], 0);
    assert.equal(layers[19], 2, 'reached the top layer on the good link');
    assert.equal(layers[20], 0, 'dropped on the first bad sample');
    const switches = layers.filter((l, i) => i > 0 && l !== layers[i - 1]).length;
    assert.ok(switches <= 5, `few switches (${switches})`);
    assert.equal(layers[29], 0, 'still waiting on the lowest layer 5 s after recovery');
    assert.equal(layers.at(-1), 2, 'back on top by the end');
  });
});
