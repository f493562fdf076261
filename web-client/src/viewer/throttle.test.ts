/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { throttle, type Clock } from './throttle';

function fakeClock() {
  let now = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.push({ at: now + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      timers = timers.filter((t) => t.id !== id);
    },
  };
  const advance = (ms: number) => {
    now += ms;
    const due = timers.filter((t) => t.at <= now);
    timers = timers.filter((t) => t.at > now);
    for (const t of due) t.fn();
  };
  return { clock, advance };
}

/** A 60 ms throttle on the fake clock, and what it has sent so far. */
function throttled() {
  const { clock, advance } = fakeClock();
  const sent: number[] = [];
  const t = throttle((n: number) => sent.push(n), 60, clock);
  return { t, sent, advance };
}

test('the first call goes out at once and a burst ends on its last value', () => {
  const { t, sent, advance } = throttled();
  t(1);
  t(2);
  t(3);
  assert.deepEqual(sent, [1]);
  advance(60);
  assert.deepEqual(sent, [1, 3]);
  advance(200);
  assert.deepEqual(sent, [1, 3]);
});

test('no more than one call per interval during a long drag', () => {
  const { t, sent, advance } = throttled();
  for (let i = 0; i < 30; i++) {
    t(i);
    advance(10);
  }
  advance(100);
  assert.ok(sent.length <= 7, `sent ${sent.length}`);
  assert.equal(sent.at(-1), 29);
});

test('flush sends the pending call now and cancel drops it', () => {
  const { t, sent, advance } = throttled();
  t(1);
  t(2);
  t.flush();
  assert.deepEqual(sent, [1, 2]);
  t(3);
  t.cancel();
  advance(100);
  assert.deepEqual(sent, [1, 2]);
});
