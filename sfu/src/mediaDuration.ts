// Durations of the files janus-pp-rec writes, read from the containers themselves: ffprobe comes
// with Debian's ffmpeg, which the SFU does not otherwise need.
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

function readRange(file: string, from: 'start' | 'end', bytes: number): Buffer {
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(bytes, size);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, from === 'start' ? 0 : size - length);
    return buffer;
  } finally {
    closeSync(fd);
  }
}

/** An EBML variable-length integer; `keepMarker` for element IDs, which keep their length bits. */
function vint(buf: Buffer, pos: number, keepMarker: boolean): { value: number; length: number } {
  const first = buf[pos];
  if (first === undefined || first === 0) throw new Error(`bad EBML vint at ${pos}`);
  const length = Math.clz32(first) - 23;
  let value = keepMarker ? first : first & (0xff >> length);
  let unknown = value === 0xff >> length;
  for (let i = 1; i < length; i++) {
    const byte = buf[pos + i] ?? 0;
    value = value * 256 + byte;
    unknown &&= byte === 0xff;
  }
  return { value: !keepMarker && unknown ? Infinity : value, length };
}

const EBML_HEADER = 0x1a45dfa3;
const SEGMENT = 0x18538067;
const INFO = 0x1549a966;
const CLUSTER = 0x1f43b675;
const TIMECODE_SCALE = 0x2ad7b1;
const DURATION = 0x4489;

/** Seconds from the Segment Info of a WebM/Matroska file (written by libavformat on close). */
export function webmDuration(file: string): number {
  const buf = readRange(file, 'start', 1 << 20);
  let pos = 0;
  let end = buf.length;
  let scale = 1_000_000;
  let duration: number | undefined;
  let inInfo = false;
  while (pos < end) {
    const id = vint(buf, pos, true);
    if (pos + id.length >= buf.length) break;
    const size = vint(buf, pos + id.length, false);
    const data = pos + id.length + size.length;
    if (id.value === SEGMENT) {
      pos = data;
      continue;
    }
    if (id.value === INFO) {
      inInfo = true;
      end = Math.min(buf.length, data + size.value);
      pos = data;
      continue;
    }
    if (id.value === CLUSTER && !inInfo) break;
    if (inInfo && id.value === TIMECODE_SCALE) scale = buf.readUIntBE(data, size.value);
    if (inInfo && id.value === DURATION) {
      duration = size.value === 4 ? buf.readFloatBE(data) : buf.readDoubleBE(data);
    }
    if (id.value !== EBML_HEADER && !Number.isFinite(size.value)) break;
    pos = data + size.value;
  }
  if (duration === undefined) throw new Error(`${file}: no Duration in the WebM segment info`);
  return (duration * scale) / 1e9;
}

/** Seconds of an Ogg Opus file: last page's granule position minus the pre-skip, at 48 kHz. */
export function oggOpusDuration(file: string): number {
  const head = readRange(file, 'start', 4096);
  const opusHead = head.indexOf('OpusHead');
  if (opusHead < 0) throw new Error(`${file}: not an Ogg Opus file`);
  const preSkip = head.readUInt16LE(opusHead + 10);
  const tail = readRange(file, 'end', 65_536);
  const last = tail.lastIndexOf('OggS');
  if (last < 0 || last + 14 > tail.length) throw new Error(`${file}: no Ogg page found`);
  const granule = Number(tail.readBigInt64LE(last + 6));
  return Math.max(0, granule - preSkip) / 48_000;
}
