// ?format=float32: the samples as little-endian Float32 (a 12-lead rhythm strip is ~480 KB
// instead of ~1.5 MB of JSON numbers). Layout: a uint32 LE header length, a JSON header padded
// with spaces to a multiple of 4, then each channel's samples back to back. The header is the
// JSON answer without samples, plus each channel's `offset` (in floats, from the data start).
import type { Ecg } from './load';

export function encodeFloat32(ecg: Ecg): Buffer {
  let offset = 0;
  const groups = ecg.groups.map((g) => ({
    label: g.label,
    samplingFrequency: g.samplingFrequency,
    sampleCount: g.sampleCount,
    channels: g.channels.map((c) => {
      const entry = { lead: c.lead, unit: c.unit, offset, length: c.samples.length };
      offset += c.samples.length;
      return entry;
    }),
  }));
  const json = JSON.stringify({ groups, heartRate: ecg.heartRate });
  const headerBytes = Buffer.byteLength(json);
  const padded = Math.ceil(headerBytes / 4) * 4;
  const out = Buffer.alloc(4 + padded + offset * 4, 0x20);
  out.writeUInt32LE(padded, 0);
  out.write(json, 4, 'utf8');
  let at = 4 + padded;
  for (const g of ecg.groups) {
    for (const c of g.channels) {
      for (const v of c.samples) {
        out.writeFloatLE(v, at);
        at += 4;
      }
    }
  }
  return out;
}

export function toJson(ecg: Ecg) {
  return {
    groups: ecg.groups.map((g) => ({
      ...g,
      channels: g.channels.map((c) => ({ ...c, samples: Array.from(c.samples) })),
    })),
    heartRate: ecg.heartRate,
  };
}
