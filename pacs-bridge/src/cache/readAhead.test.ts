// Series read-ahead (readAhead.ts): a frame that was not cached makes the bridge read the
// series' other frames into the cache, bounded; an answer read ahead is the archive's, byte for
// byte, and reaches only callers the access check lets in, like every cached answer.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { multipartParts, useBridgeTestApp } from '@tiered-care/testkit/bridge';
import { SeriesReadAhead, type ReadAheadItem } from './readAhead';
import { ResponseCache } from './responseCache';

const cache = new ResponseCache({ maxBytes: 256 * 1024 ** 2 });
const t = useBridgeTestApp({
  phantom: { slices: 8, size: 256 },
  bridge: { accessCacheMs: 0, cache, seriesReadAhead: 4 },
});

const frame = (i: number) => {
  const { ct } = t.demo;
  return `/studies/${ct.studyInstanceUid}/series/${ct.seriesInstanceUid}/instances/${ct.sopInstanceUids[i]}/frames/1`;
};
const keptFrames = () => cache.keys().filter((k) => k.endsWith('/frames/1')).length;

async function get(path: string, username: string) {
  return t.fetch(`/dicom-web${path}`, { token: await t.login(username) });
}

test('one frame reads at most 4 more of its series ahead, and they pass the access check as any cached answer', async () => {
  const first = await get(frame(0), 'specialist.h1');
  assert.equal(first.status, 200);
  await first.arrayBuffer();
  for (let i = 0; i < 60 && keptFrames() < 5; i++) await sleep(50);
  await sleep(200);
  assert.equal(keptFrames(), 5, 'its own frame and 4 read ahead, of 8');

  const readAhead = t.demo.ct.sopInstanceUids.findIndex(
    (_, i) => i > 0 && cache.keys().some((k) => k.endsWith(frame(i))),
  );
  assert.ok(readAhead > 0, 'another instance of the series was read ahead');
  const key = cache.keys().find((k) => k.endsWith(frame(readAhead))) ?? '';
  for (const user of ['coordinator.h2', 'doctor.c2']) {
    const refused = await get(frame(readAhead), user);
    assert.equal(refused.status, 404, user);
    await refused.arrayBuffer();
  }
  const served = await get(frame(readAhead), 'specialist.h1');
  assert.equal(served.headers.get('etag'), cache.get(key)?.etag, 'answered from what was read ahead');
  const direct = await multipartParts(await t.direct(frame(readAhead)));
  assert.deepEqual((await multipartParts(served)).parts, direct.parts);
  assert.match(
    served.headers.get('content-type') ?? '',
    new RegExp(`^${direct.contentType.split(';')[0]}`),
    'the archive’s media type',
  );
});

test('one read per series at a time; kept entries are not asked again; a series takes at most a quarter of the cache', async () => {
  const small = new ResponseCache({ maxBytes: 4000, maxEntryBytes: 1000 });
  const ahead = new SeriesReadAhead({ maxFrames: 100, inFlight: 2 });
  const items: ReadAheadItem[] = Array.from({ length: 10 }, (_, i) => ({ key: `k${i}`, path: `/p${i}` }));
  small.put('k0', { contentType: 'x', etag: '"0"', body: Buffer.alloc(10) });
  const asked: string[] = [];
  const read = async (item: ReadAheadItem) => {
    asked.push(item.path);
    await sleep(5);
    small.put(item.key, { contentType: 'x', etag: `"${item.key}"`, body: Buffer.alloc(400) });
    return 400;
  };
  const running = ahead.start('s', small, items, read);
  assert.ok(running);
  assert.equal(ahead.start('s', small, items, read), null, 'the same series is being read');
  await running;
  assert.ok(!asked.includes('/p0'), 'a kept entry is not asked for');
  // A quarter of 4000 bytes: reading stops once 1000 are read (each worker may finish its item).
  assert.ok(asked.length >= 3 && asked.length <= 4, `asked ${asked.length}`);
  assert.equal(new SeriesReadAhead({ maxFrames: 0 }).start('s', small, items, read), null, 'off');
});
