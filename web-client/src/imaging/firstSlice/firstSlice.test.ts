/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toRgba, type Greyscale } from './greyscale';
import { firstPart } from './multipart';

const grey = (g: Partial<Greyscale>): Greyscale => ({
  rows: 1,
  columns: 4,
  pixels: new Int16Array([0, 1000, 1040, 3000]),
  slope: 1,
  intercept: -1024,
  window: { center: 40, width: 400 },
  inverted: false,
  ...g,
});
const greys = (rgba: Uint8ClampedArray) => Array.from(rgba).filter((_, i) => i % 4 === 0);

test('stored CT values go through the rescale, then the linear window, to grey levels', () => {
  // -1024 HU is below the window's low end (-160), -24 and 16 HU inside, 1976 HU above.
  assert.deepEqual(greys(toRgba(grey({}))), [0, 87, 112, 255]);
  assert.deepEqual(
    Array.from(toRgba(grey({}))).filter((_, i) => i % 4 === 3),
    [255, 255, 255, 255],
  );
});

test('MONOCHROME1 shows the lowest value white, and an image without a window spans its values', () => {
  assert.deepEqual(greys(toRgba(grey({ inverted: true }))), [255, 168, 143, 0]);
  const spread = greys(toRgba(grey({ window: null, pixels: new Uint16Array([0, 500, 1000, 1000]) })));
  assert.equal(spread[0], 0);
  assert.equal(spread[3], 255);
  assert.ok((spread[1] ?? 0) > 100 && (spread[1] ?? 0) < 155);
});

test('the frame and its transfer syntax come out of a WADO-RS multipart answer', () => {
  const type = 'multipart/related; type="application/octet-stream"; boundary="b-42"';
  const frame = [0xff, 0xd8, 0x0d, 0x0a, 0x2d, 0x2d, 0xff, 0xd9];
  const body = new Uint8Array([
    ...new TextEncoder().encode(
      '--b-42\r\nContent-Type: application/octet-stream; transfer-syntax=1.2.840.10008.1.2.4.80\r\n\r\n',
    ),
    ...frame,
    ...new TextEncoder().encode('\r\n--b-42--\r\n'),
  ]);
  const part = firstPart(body, type);
  assert.ok(part);
  assert.equal(part.transferSyntax, '1.2.840.10008.1.2.4.80');
  assert.deepEqual(Array.from(part.bytes), frame);
  assert.equal(firstPart(body, 'application/octet-stream'), null);
});
