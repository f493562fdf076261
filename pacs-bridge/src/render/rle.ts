// DICOM RLE Lossless (PS3.5 Annex G): a 64-byte header of segment offsets, then one PackBits
// segment per byte plane (most significant byte of each sample first). Decoded into planes, so
// the result is planar (all of sample 0, then sample 1 …), whatever PlanarConfiguration says.
import { Invalid } from '@tiered-care/platform';

const bad = (why: string) => Invalid('cannot_render', `the RLE image is damaged: ${why}`);

function unpackSegment(src: Uint8Array, start: number, end: number, out: Uint8Array): void {
  let i = start;
  let o = 0;
  while (i < end && o < out.length) {
    const n = ((src[i++] ?? 0) << 24) >> 24;
    if (n >= 0) {
      const count = Math.min(n + 1, end - i, out.length - o);
      out.set(src.subarray(i, i + count), o);
      i += n + 1;
      o += count;
    } else if (n > -128) {
      const value = src[i++] ?? 0;
      const count = Math.min(1 - n, out.length - o);
      out.fill(value, o, o + count);
      o += count;
    }
  }
  if (o < out.length) throw bad('a segment is short');
}

/** Byte planes → samples: planar Uint8Array (8-bit) or Uint16Array (16-bit). */
export function decodeRle(frame: Uint8Array, pixels: number, samples: number, bytesPerSample: 1 | 2) {
  if (frame.length < 64) throw bad('no header');
  const view = new DataView(frame.buffer, frame.byteOffset, frame.byteLength);
  const segments = view.getUint32(0, true);
  if (segments !== samples * bytesPerSample) throw bad(`${segments} segments`);
  const offsets = Array.from({ length: segments }, (_, s) => view.getUint32(4 + 4 * s, true));
  const planes = offsets.map((offset, s) => {
    const end = s + 1 < segments ? (offsets[s + 1] ?? frame.length) : frame.length;
    if (offset < 64 || offset > end || end > frame.length) throw bad('an offset is out of range');
    const plane = new Uint8Array(pixels);
    unpackSegment(frame, offset, end, plane);
    return plane;
  });
  if (bytesPerSample === 1) {
    const out = new Uint8Array(pixels * samples);
    planes.forEach((plane, s) => out.set(plane, s * pixels));
    return out;
  }
  const out = new Uint16Array(pixels * samples);
  for (let s = 0; s < samples; s++) {
    const high = planes[2 * s] ?? new Uint8Array(pixels);
    const low = planes[2 * s + 1] ?? new Uint8Array(pixels);
    for (let p = 0; p < pixels; p++) out[s * pixels + p] = ((high[p] ?? 0) << 8) | (low[p] ?? 0);
  }
  return out;
}
