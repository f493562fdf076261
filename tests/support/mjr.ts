// A Janus recording (.mjr, format MJR00002) of silence, written without Janus: a JSON info
// header, then one "MEET" frame per RTP packet (ms offset, length, packet). The payload is the
// 3-byte Opus frame for 20 ms of silence, which janus-pp-rec turns into a playable .opus.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

const OPUS_SILENCE = [0xf8, 0xff, 0xfe];

export function writeSilentOpusMjr(path: string, seconds: number): void {
  const now = Date.now() * 1000;
  const info = Buffer.from(JSON.stringify({ t: 'a', c: 'opus', s: now, u: now }));
  const infoLength = Buffer.alloc(2);
  infoLength.writeUInt16BE(info.length);
  const parts = [Buffer.from('MJR00002'), infoLength, info];
  for (let i = 0; i < seconds * 50; i++) {
    const rtp = Buffer.alloc(12 + OPUS_SILENCE.length);
    rtp[0] = 0x80; // RTP version 2
    rtp[1] = 111; // Opus's usual dynamic payload type
    rtp.writeUInt16BE(i & 0xffff, 2);
    rtp.writeUInt32BE(i * 960, 4); // 48 kHz clock, 20 ms per packet
    rtp.writeUInt32BE(0x1234, 8);
    Buffer.from(OPUS_SILENCE).copy(rtp, 12);
    const frame = Buffer.alloc(10);
    frame.write('MEET', 0);
    frame.writeUInt32BE(i * 20, 4);
    frame.writeUInt16BE(rtp.length, 8);
    parts.push(frame, rtp);
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, Buffer.concat(parts));
}
