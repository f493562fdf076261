// Frames, bulk data, rendered images and metadata of one SOP Instance never change, so the bridge
// keeps them in memory, behind the access check: a cached answer reaches only a user the
// database lets in at that moment, the browser may keep it only to revalidate it (ETag, 304),
// and an answer that did not arrive whole is never kept.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { test } from 'node:test';
import { multipartParts, useBridgeTestApp } from '@tiered-care/testkit/bridge';
import { ResponseCache } from './responseCache';

const cache = new ResponseCache({ maxBytes: 256 * 1024 ** 2, maxEntryBytes: 64 * 1024 ** 2 });
// Grants are asked of the database every time, so a withdrawn share shows at once.
const t = useBridgeTestApp({ phantom: { slices: 4, size: 256 }, bridge: { accessCacheMs: 0, cache } });

const instance = (i = 0) => {
  const { ct } = t.demo;
  return `/studies/${ct.studyInstanceUid}/series/${ct.seriesInstanceUid}/instances/${ct.sopInstanceUids[i]}`;
};

/** Whether `path` is cached, once the answer that went out has settled (the server side ends after the client has read it). */
async function kept(path: string): Promise<boolean> {
  for (let i = 0; i < 40; i++) {
    if (cache.keys().some((k) => k.endsWith(path))) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return false;
}

async function get(path: string, username: string, headers: Record<string, string> = {}) {
  return t.fetch(`/dicom-web${path}`, { token: await t.login(username), headers });
}

test('a cached frame is byte-identical to the archive’s, private, revalidated, with a strong ETag', async () => {
  const path = `${instance(0)}/frames/1`;
  const direct = await multipartParts(await t.direct(path));
  const first = await get(path, 'specialist.h1');
  const etag = first.headers.get('etag');
  assert.match(etag ?? '', /^"[^"]+"$/, 'a strong ETag');
  assert.equal(first.headers.get('cache-control'), 'private, no-cache');
  // Read whole from the archive and sent in one piece with its length, not chunk by chunk (the
  // length is checked against the body by multipartParts).
  assert.match(first.headers.get('content-length') ?? '', /^\d+$/, 'the first answer has a length');
  assert.deepEqual((await multipartParts(first)).parts, direct.parts);
  assert.ok(
    cache.keys().some((k) => k.includes(path)),
    'kept after the first answer',
  );

  const second = await get(path, 'specialist.h1');
  assert.equal(second.headers.get('etag'), etag, 'the same bytes, the same tag');
  assert.equal(second.headers.get('cache-control'), 'private, no-cache');
  const parts = await multipartParts(second);
  assert.deepEqual(parts.parts, direct.parts);
  assert.equal(parts.parts.length, 1);
  assert.ok(parts.parts[0]?.equals(direct.parts[0] ?? Buffer.alloc(0)));

  const meta = await get(`${instance(0)}/metadata`, 'specialist.h1');
  const metaAgain = await get(`${instance(0)}/metadata`, 'specialist.h1');
  assert.equal(metaAgain.headers.get('etag'), meta.headers.get('etag'));
  assert.equal(await metaAgain.text(), await meta.text());
  // A series can gain instances: its metadata is asked of the archive each time and not kept.
  const { ct } = t.demo;
  const series = await get(
    `/studies/${ct.studyInstanceUid}/series/${ct.seriesInstanceUid}/metadata`,
    'specialist.h1',
  );
  assert.equal(series.status, 200);
  assert.equal(series.headers.get('cache-control'), 'private, no-store');
  await series.body?.cancel();
});

test('If-None-Match answers 304 after the access check; a user without the share gets 404 though it is cached', async () => {
  const path = `${instance(1)}/frames/1`;
  const first = await get(path, 'specialist.h1');
  await first.arrayBuffer();
  const etag = first.headers.get('etag') ?? '';
  const again = await get(path, 'specialist.h1', { 'if-none-match': etag });
  assert.equal(again.status, 304);
  assert.equal(again.headers.get('etag'), etag);
  assert.equal((await again.arrayBuffer()).byteLength, 0);
  const stale = await get(path, 'specialist.h1', { 'if-none-match': '"something-else"' });
  assert.equal(stale.status, 200);
  await stale.arrayBuffer();

  assert.ok(
    cache.keys().some((k) => k.includes(path)),
    'the frame is cached',
  );
  for (const user of ['coordinator.h2', 'doctor.c2']) {
    for (const headers of [{}, { 'if-none-match': etag }] as Record<string, string>[]) {
      const res = await get(path, user, headers);
      assert.equal(res.status, 404, user);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'not_found');
    }
  }
});

test('a client that goes away in the middle of a body leaves no cache entry', async () => {
  // The same frame 100 times in one answer: 13 MB, far more than the sockets buffer.
  const path = `${instance(2)}/frames/${Array.from({ length: 100 }, () => '1').join(',')}`;
  const token = await t.login('specialist.h1');
  const url = new URL(`/dicom-web${path}`, t.baseUrl);
  await new Promise<void>((done, fail) => {
    const req = request(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      assert.equal(res.statusCode, 200);
      res.once('data', () => {
        req.destroy();
        done();
      });
    });
    req.on('error', (err) => (req.destroyed ? undefined : fail(err)));
    req.end();
  });
  await new Promise((r) => setTimeout(r, 500));
  assert.ok(!cache.keys().some((k) => k.endsWith(path)), 'no partial entry');
  // The whole answer, read to its end, is kept.
  const whole = await get(path, 'specialist.h1');
  assert.equal((await multipartParts(whole)).parts.length, 100);
  assert.ok(await kept(path), 'the whole answer is kept');
});

test('a consultation guest whose share ended gets 404 on revalidating a cached frame', async () => {
  const path = `${instance(3)}/frames/1`;
  const first = await get(path, 'specialist.h2');
  assert.equal(first.status, 200, 'a guest of the demo consultation');
  await first.arrayBuffer();
  const etag = first.headers.get('etag') ?? '';
  assert.equal((await get(path, 'specialist.h2', { 'if-none-match': etag })).status, 304);

  const consultation = `/api/consultations/${t.demo.consultationId}`;
  const host = await t.login('specialist.h1');
  const detail = (await (await t.fetch(consultation, { token: host })).json()) as { version: number };
  const cancel = await t.fetch(`${consultation}/actions/cancel`, {
    method: 'POST',
    token: host,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ version: detail.version, reason: '会诊取消' }),
  });
  assert.equal(cancel.status, 200);
  const revalidated = await get(path, 'specialist.h2', { 'if-none-match': etag });
  assert.equal(revalidated.status, 404);
  await revalidated.body?.cancel();
  assert.equal(
    (await get(path, 'specialist.h1', { 'if-none-match': etag })).status,
    304,
    'the host keeps it',
  );
});
