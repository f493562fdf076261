// Rendered images through the bridge for every transfer syntax the archives hold: what Orthanc
// renders streams through; what it refuses (JPEG 2000 without its GDCM plugin, palette colour)
// the bridge decodes itself, with the same query parameters and content types. Found by trying:
// a multi-frame palette-colour RLE ultrasound and a JPEG 2000 MR answered 400.
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { PNG } from 'pngjs';
import { JPEG_LS_LOSSLESS } from '@tiered-care/testkit';
import { useBridgeTestApp } from '@tiered-care/testkit/bridge';
import { syntaxSamples, truthFrame, type SyntaxSample } from '@tiered-care/testkit/fixtures';

const t = useBridgeTestApp({ phantom: { slices: 2, size: 256 } });
let samples: SyntaxSample[] = [];
const sample = (name: string) => samples.find((s) => s.name === name) as SyntaxSample;
const base = (s: SyntaxSample) => `/dicom-web/studies/${s.study}/series/${s.series}/instances/${s.sop}`;

before(async () => {
  samples = syntaxSamples();
  await t.storeInRegion(samples.map((s) => s.file));
  for (const s of samples) await t.shareToDemoReferral(s.study);
});

async function get(path: string, accept?: string): Promise<Response> {
  return t.fetch(path, { token: await t.login('specialist.h1'), headers: accept ? { accept } : {} });
}

async function png(path: string): Promise<PNG> {
  const res = await get(path, 'image/png');
  assert.equal(res.status, 200, `${path}: ${res.status} ${res.status === 200 ? '' : await res.text()}`);
  assert.equal(res.headers.get('content-type'), 'image/png');
  return PNG.sync.read(Buffer.from(await res.arrayBuffer()));
}

/** RGB values of a decoded PNG (pngjs gives RGBA). */
const rgb = (p: PNG) => Array.from(p.data).filter((_, i) => i % 4 !== 3);
const distinct = (values: number[]) => new Set(values).size;

test('uncompressed images are kept as JPEG-LS lossless, compressed ones as they came', async () => {
  for (const s of samples) {
    const res = await t.direct(`/studies/${s.study}/series/${s.series}/instances/${s.sop}/frames/1`, {
      headers: { accept: 'multipart/related; type="application/octet-stream"; transfer-syntax=*' },
    });
    await res.body?.cancel();
    const stored = s.transferSyntax === '1.2.840.10008.1.2.1' ? JPEG_LS_LOSSLESS : s.transferSyntax;
    assert.match(
      res.headers.get('content-type') ?? '',
      new RegExp(`transfer-syntax=${stored.replace(/\./g, '\\.')}`),
      s.name,
    );
  }
});

test('every syntax renders as PNG and JPEG, each frame of a multi-frame image too', async () => {
  for (const s of samples) {
    for (let frame = 1; frame <= s.frames; frame++) {
      const path = `${base(s)}/frames/${frame}/rendered`;
      const image = await png(path);
      assert.deepEqual([image.width, image.height], [s.columns, s.rows], path);
      assert.ok(distinct(rgb(image)) > 3, `${path} is not blank`);
      const jpeg = await get(path);
      assert.equal(jpeg.status, 200, path);
      assert.equal(jpeg.headers.get('content-type'), 'image/jpeg');
      assert.equal(Buffer.from(await jpeg.arrayBuffer()).readUInt16BE(0), 0xffd8, `${path} is a JPEG`);
    }
    const whole = await png(`${base(s)}/rendered`);
    assert.deepEqual([whole.width, whole.height], [s.columns, s.rows]);
  }
});

test('the palette-colour ultrasound renders through its palette, every frame exactly', async () => {
  const us = sample('us-palette-rle');
  for (let frame = 1; frame <= us.frames; frame++) {
    const image = await png(`${base(us)}/frames/${frame}/rendered`);
    assert.deepEqual(rgb(image), Array.from(truthFrame(us, frame)), `frame ${frame}`);
  }
  const series = await png(`/dicom-web/studies/${us.study}/series/${us.series}/rendered`);
  assert.deepEqual(rgb(series), Array.from(truthFrame(us, 1)));
});

// Compared at full size with an explicit linear window: there the two must agree exactly. They
// differ on purpose elsewhere: without a window the bridge applies the image's own (as PS3.18
// asks), where Orthanc's plugin stretches the whole range; its linear-exact is offset by half a
// width from PS3.3's formula, which the bridge follows; and scaling resamples differently.
test('the bridge renders a JPEG 2000 image as the archive renders the same pixels', async () => {
  const query = '?window=600,1200,linear';
  const mine = await png(`${base(sample('mr-j2k-lossless'))}/rendered${query}`);
  const archives = await png(`${base(sample('mr-uncompressed'))}/rendered${query}`);
  const small = await png(`${base(sample('mr-j2k-lossless'))}/rendered${query}&viewport=48,32`);
  assert.deepEqual([small.width, small.height], [48, 32]);
  const a = rgb(mine);
  const b = rgb(archives);
  const mad = a.reduce((sum, v, i) => sum + Math.abs(v - (b[i] ?? 0)), 0) / a.length;
  assert.equal(mad, 0, `mean absolute difference ${mad}`);
});

test('a bad query, an unknown type or an undecodable image is a clear 400, and the bridge goes on', async () => {
  const j2k = base(sample('mr-j2k-lossless'));
  for (const [query, code] of [
    ['?viewport=abc,12', 'invalid_query'],
    ['?window=40,400,cubic', 'invalid_query'],
    ['?quality=0', 'invalid_query'],
  ] as const) {
    const res = await get(`${j2k}/rendered${query}`);
    assert.equal(res.status, 400, query);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, code, query);
  }
  const gif = await get(`${j2k}/rendered`, 'image/gif');
  assert.equal(gif.status, 400);
  assert.equal(((await gif.json()) as { error: { code: string } }).error.code, 'not_acceptable');

  // The same JPEG 2000 file with the image size in its code stream's header zeroed.
  const good = sample('mr-j2k-lossless');
  const damaged = Buffer.from(good.file);
  const stream = damaged.indexOf(Buffer.from([0xff, 0x4f, 0xff, 0x51]));
  damaged.fill(0, stream + 6, stream + 22);
  // Another instance of the same series: the same UID with its last digit changed, everywhere.
  const sop = good.sop.slice(0, -1) + (good.sop.endsWith('7') ? '8' : '7');
  for (let at = damaged.indexOf(good.sop); at >= 0; at = damaged.indexOf(good.sop, at + 1)) {
    damaged.write(sop, at, 'latin1');
  }
  await t.storeInRegion([damaged]);
  const res = await get(`/dicom-web/studies/${good.study}/series/${good.series}/instances/${sop}/rendered`);
  assert.equal(res.status, 400);
  assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'cannot_render');
  assert.equal((await get(`${j2k}/rendered`)).status, 200);
});
