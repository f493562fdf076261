import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setImmediate as tick } from 'node:timers/promises';
import { MalformedMultipart, streamParts } from './multipartStream';

const CRLF = '\r\n';

/** The body cut into pieces of `size` bytes, as a socket might deliver it. */
async function* pieces(body: Buffer, size: number): AsyncGenerator<Buffer> {
  for (let i = 0; i < body.length; i += size) {
    await tick();
    yield body.subarray(i, i + size);
  }
}

async function collect(body: Buffer, boundary: string, size: number) {
  const out: { headers: Record<string, string>; body: Buffer }[] = [];
  for await (const part of streamParts(pieces(body, size), boundary)) {
    const chunks: Buffer[] = [];
    for await (const c of part.body) chunks.push(c);
    out.push({ headers: part.headers, body: Buffer.concat(chunks) });
  }
  return out;
}

const binary = Buffer.from([0, 13, 10, 45, 45, 98, 50, 255, 13, 10, 45, 45, 98]);
const body = Buffer.concat([
  Buffer.from(`preamble${CRLF}--b1${CRLF}Content-Type: application/dicom${CRLF}${CRLF}`),
  binary,
  Buffer.from(`${CRLF}--b1${CRLF}${CRLF}--b2 not ours${CRLF}--b1--${CRLF}epilogue`),
]);

test('parts come out byte for byte however the body is split, boundary-like bytes included', async () => {
  for (const size of [1, 2, 3, 7, 64, body.length]) {
    const parts = await collect(body, 'b1', size);
    assert.equal(parts.length, 2, `split every ${size}`);
    const [first, second] = parts;
    assert.ok(first && second);
    assert.deepEqual(first.body, binary);
    assert.equal(first.headers['content-type'], 'application/dicom');
    assert.deepEqual(second.headers, {});
    assert.equal(second.body.toString(), '--b2 not ours');
  }
});

test('a part nobody reads is skipped; truncated and boundary-less bodies are refused', async () => {
  const seen: Record<string, string>[] = [];
  for await (const part of streamParts(pieces(body, 5), 'b1')) seen.push(part.headers);
  assert.equal(seen.length, 2);
  const truncated = body.subarray(0, body.indexOf('--b1--'));
  await assert.rejects(collect(truncated, 'b1', 4), MalformedMultipart);
  await assert.rejects(collect(Buffer.from('no boundary here'), 'b1', 4), MalformedMultipart);
  await assert.rejects(
    collect(Buffer.from(`--b1${CRLF}${'x'.repeat(20_000)}`), 'b1', 1000),
    MalformedMultipart,
  );
});

test('a large part streams in chunks, never held whole', async () => {
  const chunk = Buffer.alloc(64 * 1024, 7);
  async function* big(): AsyncGenerator<Buffer> {
    await tick();
    yield Buffer.from(`--x${CRLF}${CRLF}`);
    for (let i = 0; i < 160; i++) yield chunk;
    yield Buffer.from(`${CRLF}--x--`);
  }
  let total = 0;
  let largest = 0;
  for await (const part of streamParts(big(), 'x')) {
    for await (const c of part.body) {
      total += c.length;
      largest = Math.max(largest, c.length);
    }
  }
  assert.equal(total, 160 * chunk.length);
  assert.ok(largest <= chunk.length + 16, `largest piece ${largest} bytes`);
});
