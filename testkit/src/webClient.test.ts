// The built client's static files: hashed assets in the encoding the browser accepts (brotli,
// gzip or none, precompressed at build time), cached for a year; index.html revalidated each time.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { request, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import express from 'express';
import { serveWebClient } from './webClient';

const SCRIPT = Buffer.from(`export const answer = ${JSON.stringify('x'.repeat(4000))};\n`);
const dist = mkdtempSync(join(tmpdir(), 'web-dist-'));
let base = '';
let server: Server | undefined;

before(async () => {
  mkdirSync(join(dist, 'assets'));
  writeFileSync(join(dist, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(dist, 'assets', 'main-Ab12Cd34.js'), SCRIPT);
  writeFileSync(join(dist, 'assets', 'main-Ab12Cd34.js.br'), brotliCompressSync(SCRIPT));
  writeFileSync(join(dist, 'assets', 'main-Ab12Cd34.js.gz'), gzipSync(SCRIPT));
  writeFileSync(join(dist, 'assets', 'plain-Zz99Yy88.css'), 'body{}');
  const app = express();
  serveWebClient(app, dist);
  const listening = app.listen(0, '127.0.0.1');
  server = listening;
  await new Promise((resolve) => listening.once('listening', resolve));
  base = `http://127.0.0.1:${(listening.address() as AddressInfo).port}`;
});
after(() => {
  server?.close();
  rmSync(dist, { recursive: true, force: true });
});

/** node:http, not fetch: fetch would decode the body and hide the encoding. */
function get(path: string, acceptEncoding?: string) {
  return new Promise<{ status: number; headers: Record<string, string>; body: Buffer }>((resolve, reject) => {
    const req = request(base + path, {
      headers: acceptEncoding === undefined ? {} : { 'accept-encoding': acceptEncoding },
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({
          status: res.statusCode ?? 0,
          headers: Object.fromEntries(Object.entries(res.headers).map(([k, v]) => [k, String(v)])),
          body: Buffer.concat(chunks),
        }),
      );
    });
    req.on('error', reject);
    req.end();
  });
}

function assertAssetHeaders(headers: Record<string, string>): void {
  assert.match(headers['content-type'] ?? '', /^text\/javascript/);
  assert.match(headers.vary ?? '', /accept-encoding/i);
  assert.match(headers['cache-control'] ?? '', /max-age=31536000/);
  assert.match(headers['cache-control'] ?? '', /immutable/);
}

test('a browser accepting brotli gets the brotli file of a hashed asset', async () => {
  const res = await get('/assets/main-Ab12Cd34.js', 'gzip, deflate, br');
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-encoding'], 'br');
  assertAssetHeaders(res.headers);
  assert.deepEqual(brotliDecompressSync(res.body), SCRIPT);
});

test('a browser accepting only gzip gets the gzip file', async () => {
  const res = await get('/assets/main-Ab12Cd34.js', 'gzip, deflate');
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-encoding'], 'gzip');
  assertAssetHeaders(res.headers);
  assert.deepEqual(gunzipSync(res.body), SCRIPT);
});

test('brotli refused with q=0 falls back to gzip', async () => {
  const res = await get('/assets/main-Ab12Cd34.js', 'br;q=0, gzip');
  assert.equal(res.headers['content-encoding'], 'gzip');
});

test('a client accepting no encoding gets the file itself', async () => {
  for (const accept of [undefined, 'identity']) {
    const res = await get('/assets/main-Ab12Cd34.js', accept);
    assert.equal(res.status, 200);
    assert.equal(res.headers['content-encoding'], undefined);
    assertAssetHeaders(res.headers);
    assert.deepEqual(res.body, SCRIPT);
  }
});

test('an asset without precompressed files is served as it is, with its own type', async () => {
  const res = await get('/assets/plain-Zz99Yy88.css', 'gzip, br');
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-encoding'], undefined);
  assert.match(res.headers['content-type'] ?? '', /^text\/css/);
  assert.equal(res.body.toString(), 'body{}');
});

test('a missing asset is a 404, and the compressed files are not addressable as such', async () => {
  assert.equal((await get('/assets/gone-00000000.js', 'gzip')).status, 404);
  assert.equal((await get('/assets/main-Ab12Cd34.js.br', 'br')).status, 404);
});

test('index.html is revalidated on every load, for every client route', async () => {
  for (const path of ['/', '/referrals/abc']) {
    const res = await get(path, 'gzip, br');
    assert.equal(res.status, 200);
    assert.equal(res.headers['cache-control'], 'no-cache');
    assert.match(res.headers['content-type'] ?? '', /^text\/html/);
  }
});
