/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RoomPublisher } from '@tiered-care/common';
import { diffFeeds, isRetryableSubscribeError } from './subscriptions';

const ME = '11111111-1111-4111-8111-111111111111';
const ANN = '22222222-2222-4222-8222-222222222222';
const BOB = '33333333-3333-4333-8333-333333333333';
const pub = (userId: string, source: 'camera' | 'screen'): RoomPublisher => ({
  feedId: `${userId}:${source}`,
  userId,
  source,
});

test("every other participant's camera and screen is subscribed, never one's own feeds", () => {
  const diff = diffFeeds(
    [],
    [pub(ME, 'camera'), pub(ME, 'screen'), pub(ANN, 'camera'), pub(BOB, 'screen')],
    ME,
  );
  assert.deepEqual(
    diff.add.map((p) => p.feedId),
    [`${ANN}:camera`, `${BOB}:screen`],
  );
  assert.deepEqual(diff.remove, []);
});

test('feeds already held are left alone and feeds gone from the room are dropped', () => {
  const diff = diffFeeds([`${ANN}:camera`, `${BOB}:camera`], [pub(ANN, 'camera'), pub(ANN, 'screen')], ME);
  assert.deepEqual(
    diff.add.map((p) => p.feedId),
    [`${ANN}:screen`],
  );
  assert.deepEqual(diff.remove, [`${BOB}:camera`]);
});

test('an empty publisher list drops everything held', () => {
  assert.deepEqual(diffFeeds([`${ANN}:camera`], [], ME), { add: [], remove: [`${ANN}:camera`] });
});

test('a feed that is not up yet is asked for again, a refusal is not', () => {
  assert.equal(isRetryableSubscribeError('feed_not_ready'), true);
  assert.equal(isRetryableSubscribeError('timeout'), true);
  assert.equal(isRetryableSubscribeError('forbidden'), false);
});
