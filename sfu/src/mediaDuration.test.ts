import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { oggOpusDuration, webmDuration } from './mediaDuration';

const dir = mkdtempSync(join(tmpdir(), 'sfu-duration-'));
after(() => rmSync(dir, { recursive: true, force: true }));

const element = (id: string, content: Buffer): Buffer => {
  if (content.length > 126) throw new Error('test helper only writes 1-byte sizes');
  return Buffer.concat([Buffer.from(id, 'hex'), Buffer.from([0x80 | content.length]), content]);
};
const double = (n: number) => {
  const b = Buffer.alloc(8);
  b.writeDoubleBE(n);
  return b;
};

/** The layout libavformat writes: EBML header, Segment of unknown size, SeekHead, Info, Cluster. */
function webm(durationTicks: number | undefined, timecodeScale = 1_000_000): Buffer {
  const scale = Buffer.alloc(3);
  scale.writeUIntBE(timecodeScale, 0, 3);
  const duration = durationTicks === undefined ? [] : [element('4489', double(durationTicks))];
  const info = element('1549a966', Buffer.concat([element('2ad7b1', scale), ...duration]));
  return Buffer.concat([
    element('1a45dfa3', element('4282', Buffer.from('webm'))),
    Buffer.from('18538067', 'hex'),
    Buffer.from('01ffffffffffffff', 'hex'),
    element('ec', Buffer.alloc(20)),
    info,
    element('1f43b675', element('e7', Buffer.from([0]))),
  ]);
}

function oggPage(granule: bigint, payload: Buffer): Buffer {
  const header = Buffer.alloc(27);
  header.write('OggS', 0);
  header.writeBigInt64LE(granule, 6);
  header.writeUInt8(1, 26);
  return Buffer.concat([header, Buffer.from([payload.length]), payload]);
}

function opus(samples48k: number, preSkip: number): Buffer {
  const head = Buffer.alloc(19);
  head.write('OpusHead', 0);
  head.writeUInt8(1, 8);
  head.writeUInt8(1, 9);
  head.writeUInt16LE(preSkip, 10);
  return Buffer.concat([
    oggPage(0n, head),
    oggPage(48_000n, Buffer.alloc(100)),
    oggPage(BigInt(samples48k + preSkip), Buffer.alloc(100)),
  ]);
}

describe('recording durations read from the containers', () => {
  test('a WebM duration comes from the segment info, in timecode-scale units', () => {
    const file = join(dir, 'a.webm');
    writeFileSync(file, webm(5996));
    assert.equal(webmDuration(file), 5.996);
    writeFileSync(file, webm(600, 10_000_000));
    assert.equal(webmDuration(file), 6);
  });

  test('a WebM file without a duration (or cut short) is an error, not zero', () => {
    const file = join(dir, 'b.webm');
    writeFileSync(file, webm(undefined));
    assert.throws(() => webmDuration(file), /no Duration/);
    writeFileSync(file, webm(5996).subarray(0, 40));
    assert.throws(() => webmDuration(file), /no Duration/);
  });

  test('an Ogg Opus duration is the last granule position minus the pre-skip, at 48 kHz', () => {
    const file = join(dir, 'a.opus');
    writeFileSync(file, opus(6 * 48_000, 312));
    assert.equal(oggOpusDuration(file), 6);
  });

  test('a file that is not Ogg Opus is refused', () => {
    const file = join(dir, 'c.opus');
    writeFileSync(file, Buffer.from('not a recording'));
    assert.throws(() => oggOpusDuration(file), /not an Ogg Opus file/);
  });
});
