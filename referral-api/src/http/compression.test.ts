// The compression middleware stays out of answers asked for as binary (frames, images), which
// are compressed already, and still gzips text for the clinics' slow links.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import express from 'express';
import { asksForBinary, compressText } from './compression';

let baseUrl = '';
const server = createServer(
  express()
    .use(compressText())
    .get('/answer', (_req, res) => {
      res.type('text/plain').send('a compressible answer '.repeat(200));
    }),
);
before(async () => {
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
after(() => server.close());

async function encodingFor(accept: string): Promise<string | null> {
  const res = await fetch(`${baseUrl}/answer`, { headers: { accept, 'accept-encoding': 'gzip' } });
  await res.arrayBuffer();
  return res.headers.get('content-encoding');
}

test('an answer asked as DICOM frames or an image is not passed through gzip; JSON and text are', async () => {
  const frames = 'multipart/related; type="application/octet-stream"; transfer-syntax=*';
  assert.equal(await encodingFor(frames), null);
  assert.equal(await encodingFor('image/jpeg, image/png'), null);
  assert.equal(await encodingFor('application/dicom+json'), 'gzip');
  assert.equal(await encodingFor('text/plain'), 'gzip');
  assert.equal(await encodingFor('*/*'), 'gzip');
});

test('which Accept headers count as binary', () => {
  assert.equal(asksForBinary(undefined), false);
  assert.equal(asksForBinary('application/dicom'), true);
  assert.equal(asksForBinary('application/dicom+json'), false);
  assert.equal(asksForBinary('multipart/related; type="application/dicom+xml"'), false);
  assert.equal(asksForBinary('image/jpeg, application/json'), false, 'one textual range is enough');
});
