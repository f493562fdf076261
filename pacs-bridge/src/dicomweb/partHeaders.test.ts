import assert from 'node:assert/strict';
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import { test } from 'node:test';
import { boundaryOf, parseMultipart } from '../dicom/multipart';
import { PartHeaderRewriter, rewritePartHeaders } from './partHeaders';

const frame = (n: number) => Buffer.from(Array.from({ length: 300 }, (_, i) => (i * 7 + n) % 256));

function body(withLength: boolean): Buffer {
  const chunks: Buffer[] = [];
  for (const n of [1, 2]) {
    const f = frame(n);
    chunks.push(
      Buffer.from(
        `--bd\r\nContent-Location: http://pacs.internal:8042/dicom-web/studies/1/series/2/instances/3/frames/${n}\r\n` +
          `Content-Type: application/octet-stream\r\n${withLength ? `Content-Length: ${f.length}\r\n` : ''}\r\n`,
      ),
      f,
      Buffer.from('\r\n'),
    );
  }
  chunks.push(Buffer.from('--bd--\r\n'));
  return Buffer.concat(chunks);
}

async function run(input: Buffer, chunkSize: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for (let i = 0; i < input.length; i += chunkSize) chunks.push(input.subarray(i, i + chunkSize));
  const out: Buffer[] = [];
  const rewriter = new PartHeaderRewriter((url) =>
    url.replace('http://pacs.internal:8042', 'https://bridge'),
  );
  for await (const c of Readable.from(chunks).pipe(rewriter)) out.push(c as Buffer);
  return Buffer.concat(out);
}

test('part Content-Location headers move to the bridge and frames stay byte-identical, however the stream is cut', async () => {
  for (const size of [1, 2, 7, 64, 301, 10_000]) {
    const out = await run(body(true), size);
    assert.ok(!out.includes('pacs.internal'), `chunk size ${size}`);
    const parts = parseMultipart(out, boundaryOf('multipart/related; boundary=bd') ?? '');
    assert.equal(parts.length, 2);
    assert.ok(parts[0]?.body.equals(frame(1)));
    assert.ok(parts[1]?.body.equals(frame(2)));
    assert.equal(
      parts[1]?.headers['content-location'],
      'https://bridge/dicom-web/studies/1/series/2/instances/3/frames/2',
    );
  }
});

test('without part lengths the rest of the stream passes through unchanged', async () => {
  const out = await run(body(false), 50);
  assert.equal(
    out.subarray(out.indexOf('\r\n\r\n')).toString('latin1'),
    body(false).subarray(body(false).indexOf('\r\n\r\n')).toString('latin1'),
  );
  assert.match(await text(Readable.from([out])), /Content-Location: https:\/\/bridge/);
});

test('a body held whole comes out as the stream would have it', async () => {
  const rewrite = (url: string) => url.replace('http://pacs.internal:8042', 'https://bridge');
  for (const withLength of [true, false]) {
    const whole = body(withLength);
    const inChunks = [whole.subarray(0, 40), whole.subarray(40, 400), whole.subarray(400)];
    assert.ok(rewritePartHeaders([whole], rewrite).equals(await run(whole, 64)));
    assert.ok(rewritePartHeaders(inChunks, rewrite).equals(await run(whole, 64)));
  }
});
