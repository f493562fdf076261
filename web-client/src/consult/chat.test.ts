/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ChatLine } from '@tiered-care/common';
import { lastMessageId, mergeMessages } from './chat';

const line = (id: number, text = `m${id}`): ChatLine => ({
  id,
  userId: 'u',
  displayName: '李医生',
  at: '2025-01-01T08:00:00Z',
  text,
});

test('a live message already in the history is shown once', () => {
  const merged = mergeMessages([line(1), line(2)], [line(2), line(3)]);
  assert.deepEqual(
    merged.map((m) => m.id),
    [1, 2, 3],
  );
});

test('messages that arrive out of order are shown oldest first', () => {
  const merged = mergeMessages([line(5)], [line(3), line(4)]);
  assert.deepEqual(
    merged.map((m) => m.id),
    [3, 4, 5],
  );
});

test('the catch-up after a reconnect asks for what came after the newest message held', () => {
  assert.equal(lastMessageId([line(3), line(9), line(4)]), 9);
  assert.equal(lastMessageId([]), 0);
});
