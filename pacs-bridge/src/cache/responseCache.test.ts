// The cache of immutable answers holds at most its byte bound, however it is filled: the least
// recently used answers go first, and one answer bigger than the per-entry limit is never kept.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ResponseCache } from './responseCache';

const entry = (bytes: number, tag = 'x') => ({
  contentType: 'application/octet-stream',
  etag: `"${tag}"`,
  body: Buffer.alloc(bytes, 1),
});

test('the cache never holds more than its byte bound, evicting the least recently used first', () => {
  const cache = new ResponseCache({ maxBytes: 10_000, maxEntryBytes: 4_000 });
  for (const key of ['a', 'b', 'c']) assert.ok(cache.put(key, entry(3_000, key)));
  assert.ok(cache.bytes <= 10_000);
  // Reading `a` makes `b` the oldest: the next answer pushes `b` out, not `a`.
  assert.equal(cache.get('a')?.etag, '"a"');
  assert.ok(cache.put('d', entry(3_000, 'd')));
  assert.deepEqual(cache.keys(), ['c', 'a', 'd']);
  assert.equal(cache.get('b'), undefined);
  for (let i = 0; i < 100; i++) {
    cache.put(`k${i}`, entry(1_000 + ((i * 997) % 2_900), `k${i}`));
    assert.ok(cache.bytes <= 10_000, `after ${i}: ${cache.bytes} bytes`);
  }
  assert.deepEqual(cache.keys().slice(-2), ['k98', 'k99'], 'the newest stay');
});

test('an answer over the per-entry limit is not kept, and replacing a key counts its bytes once', () => {
  const cache = new ResponseCache({ maxBytes: 10_000, maxEntryBytes: 4_000 });
  assert.equal(cache.put('big', entry(4_001)), false);
  assert.equal(cache.size, 0);
  assert.equal(cache.bytes, 0);
  cache.put('a', entry(2_000));
  const once = cache.bytes;
  cache.put('a', entry(2_000, 'y'));
  assert.equal(cache.bytes, once);
  assert.equal(cache.get('a')?.etag, '"y"');
});

test('a cache of 0 bytes keeps nothing', () => {
  const cache = new ResponseCache({ maxBytes: 0 });
  assert.equal(cache.put('a', entry(1)), false);
  assert.equal(cache.get('a'), undefined);
});
