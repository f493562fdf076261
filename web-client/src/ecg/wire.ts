// pacs-bridge's ECG answer → EcgData. GET /api/ecg/:study/:series/:instance answers JSON, or with
// ?format=float32 a compact binary (a third of the size: it matters on a clinic's shared link):
// uint32 LE header length, a JSON header padded to 4 bytes, then every channel's Float32 LE
// samples; the header is the JSON answer with `offset`/`length` (in floats) instead of samples.
import type { EcgData, EcgGroup } from './types';

type Unit = string | { code?: string | null; meaning?: string | null } | null | undefined;
type HeartRate = number | { bpm?: number | null; rrIntervalsMs?: number[] } | null | undefined;

interface WireChannel {
  lead?: string;
  unit?: Unit;
  samples?: number[];
  offset?: number;
  length?: number;
}
interface WireGroup {
  label?: string;
  samplingFrequency?: number;
  channels?: WireChannel[];
}
interface WireEcg {
  groups?: WireGroup[];
  heartRate?: HeartRate;
  rrIntervals?: number[];
}

export class EcgFormatError extends Error {}

function unitOf(u: Unit): string {
  if (typeof u === 'string') return u;
  return u?.code ?? u?.meaning ?? '';
}

function heartRateOf(ecg: WireEcg): { heartRate: number | null; rrIntervals: number[] } {
  const hr = ecg.heartRate;
  if (typeof hr === 'number') return { heartRate: hr, rrIntervals: ecg.rrIntervals ?? [] };
  return { heartRate: hr?.bpm ?? null, rrIntervals: hr?.rrIntervalsMs ?? ecg.rrIntervals ?? [] };
}

function build(ecg: WireEcg, samplesOf: (c: WireChannel) => ArrayLike<number>): EcgData {
  if (!Array.isArray(ecg.groups)) throw new EcgFormatError('no waveform groups');
  const groups: EcgGroup[] = ecg.groups.map((g) => ({
    label: g.label ?? '',
    samplingFrequency: g.samplingFrequency ?? 0,
    channels: (g.channels ?? []).map((c) => ({
      lead: c.lead ?? '',
      unit: unitOf(c.unit),
      samples: samplesOf(c),
    })),
  }));
  return { groups, ...heartRateOf(ecg) };
}

export function parseEcgJson(json: unknown): EcgData {
  return build(json as WireEcg, (c) => c.samples ?? []);
}

export function parseEcgFloat32(buffer: ArrayBuffer): EcgData {
  if (buffer.byteLength < 4) throw new EcgFormatError('truncated ECG');
  const headerLength = new DataView(buffer).getUint32(0, true);
  if (headerLength % 4 !== 0 || 4 + headerLength > buffer.byteLength)
    throw new EcgFormatError('bad ECG header');
  const header = JSON.parse(new TextDecoder().decode(new Uint8Array(buffer, 4, headerLength))) as WireEcg;
  const dataStart = 4 + headerLength;
  const floats = Math.floor((buffer.byteLength - dataStart) / 4);
  return build(header, (c) => {
    const offset = c.offset ?? 0;
    const length = c.length ?? 0;
    if (offset < 0 || length < 0 || offset + length > floats)
      throw new EcgFormatError('ECG samples out of range');
    return new Float32Array(buffer, dataStart + offset * 4, length);
  });
}
