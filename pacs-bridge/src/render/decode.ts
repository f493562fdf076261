// One frame's bytes, in the transfer syntax the archive sent, to sample values: grey (one value a
// pixel, signed where the image says so) or colour (three, interleaved). JPEG answers come back
// as RGB whatever the image's YBR photometric says, as libjpeg converts them.
import { codecs, runDecoder } from './codecs';
import { cannotRender, type ImageAttributes } from './image';
import { decodeRle } from './rle';

export interface Decoded {
  /** Interleaved samples: `components` values per pixel. */
  values: Int32Array;
  components: 1 | 3;
  /** The colour model of `values` after decoding. */
  photometric: string;
}

const NATIVE_LE = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1']);
const BIG_ENDIAN = '1.2.840.10008.1.2.2';
const RLE = '1.2.840.10008.1.2.5';
const JPEG_BASELINE = '1.2.840.10008.1.2.4.50';
const JPEG_LS = new Set(['1.2.840.10008.1.2.4.80', '1.2.840.10008.1.2.4.81']);
const JPEG_2000 = new Set(['1.2.840.10008.1.2.4.90', '1.2.840.10008.1.2.4.91']);

/** Raw sample bytes (little endian unless `bigEndian`) to signed/unsigned integers. */
function samplesOf(bytes: Uint8Array, a: ImageAttributes, count: number, bigEndian = false): Int32Array {
  const out = new Int32Array(count);
  if (a.bitsAllocated === 8) {
    for (let i = 0; i < count; i++) out[i] = a.signed ? ((bytes[i] ?? 0) << 24) >> 24 : (bytes[i] ?? 0);
    return out;
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let i = 0; i < count; i++)
    out[i] = a.signed ? view.getInt16(2 * i, !bigEndian) : view.getUint16(2 * i, !bigEndian);
  return out;
}

function interleave(planar: Int32Array, pixels: number): Int32Array {
  const out = new Int32Array(planar.length);
  for (let p = 0; p < pixels; p++) {
    for (let s = 0; s < 3; s++) out[3 * p + s] = planar[s * pixels + p] ?? 0;
  }
  return out;
}

/** Keeps only BitsStored bits, sign-extended for signed images (high bits may hold overlays). */
function maskStored(values: Int32Array, a: ImageAttributes): Int32Array {
  if (a.bitsStored >= a.bitsAllocated || a.samples !== 1) return values;
  const shift = 32 - a.bitsStored;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] ?? 0;
    values[i] = a.signed ? (v << shift) >> shift : (v << shift) >>> shift;
  }
  return values;
}

async function viaWasm(pick: 'jpegLs' | 'jpeg2000' | 'jpeg', frame: Uint8Array, a: ImageAttributes) {
  const all = await codecs();
  let decoded;
  try {
    decoded = runDecoder(all[pick], frame);
  } catch {
    throw cannotRender('the compressed frame does not decode');
  }
  const { info, bytes } = decoded;
  const wanted = a.rows * a.columns * info.componentCount * (info.bitsPerSample > 8 ? 2 : 1);
  if (bytes.length < wanted) throw cannotRender('the compressed frame does not decode');
  if (info.width !== a.columns || info.height !== a.rows)
    throw cannotRender('the frame size disagrees with its header');
  const count = a.rows * a.columns * info.componentCount;
  const wide = info.bitsPerSample > 8;
  return {
    values: samplesOf(bytes, { ...a, bitsAllocated: wide ? 16 : 8 }, count),
    components: info.componentCount,
  };
}

export async function decodeFrame(frame: Uint8Array, syntax: string, a: ImageAttributes): Promise<Decoded> {
  const pixels = a.rows * a.columns;
  const count = pixels * a.samples;
  const colour = a.samples === 3;
  if (a.samples !== 1 && a.samples !== 3) throw cannotRender(`${a.samples} samples per pixel`);
  const result = (values: Int32Array, photometric = a.photometric): Decoded => ({
    values: maskStored(values, a),
    components: colour ? 3 : 1,
    photometric,
  });
  if (NATIVE_LE.has(syntax) || syntax === BIG_ENDIAN) {
    if (frame.length < count * (a.bitsAllocated / 8))
      throw cannotRender('the frame is shorter than its header says');
    const values = samplesOf(frame, a, count, syntax === BIG_ENDIAN);
    return result(colour && a.planar ? interleave(values, pixels) : values);
  }
  if (syntax === RLE) {
    const planes = decodeRle(frame, pixels, a.samples, a.bitsAllocated === 8 ? 1 : 2);
    const values = samplesOf(new Uint8Array(planes.buffer, planes.byteOffset, planes.byteLength), a, count);
    return result(colour ? interleave(values, pixels) : values);
  }
  const codec =
    syntax === JPEG_BASELINE
      ? 'jpeg'
      : JPEG_LS.has(syntax)
        ? 'jpegLs'
        : JPEG_2000.has(syntax)
          ? 'jpeg2000'
          : null;
  if (!codec) throw cannotRender('its transfer syntax is not supported here', { transferSyntax: syntax });
  const { values, components } = await viaWasm(codec, frame, a);
  if (components !== a.samples)
    throw cannotRender('the frame has another number of samples than its header says');
  // libjpeg and OpenJPEG undo the colour transform themselves; JPEG-LS keeps what was encoded.
  const photometric = colour && codec !== 'jpegLs' ? 'RGB' : a.photometric;
  return result(values, photometric);
}
