// Decoding DICOM waveforms (12-lead and general ECG, PS3.3 C.10.9) from WADO-RS metadata and
// the WaveformData bytes of each multiplex group. Pure: fetching the bytes is the caller's job.
import { items, num, str, type DicomJson } from '@tiered-care/common/dicomJson';

export const WAVEFORM = {
  WaveformSequence: '54000100',
  MultiplexGroupLabel: '003A0020',
  NumberOfWaveformChannels: '003A0005',
  NumberOfWaveformSamples: '003A0010',
  SamplingFrequency: '003A001A',
  ChannelDefinitionSequence: '003A0200',
  ChannelSourceSequence: '003A0208',
  ChannelSensitivity: '003A0210',
  ChannelSensitivityUnitsSequence: '003A0211',
  ChannelSensitivityCorrectionFactor: '003A0212',
  ChannelBaseline: '003A0213',
  WaveformBitsAllocated: '54001004',
  WaveformSampleInterpretation: '54001006',
  WaveformData: '54001010',
  CodeValue: '00080100',
  CodeMeaning: '00080104',
} as const;

export interface EcgChannel {
  /** ChannelSourceSequence code meaning, e.g. "Lead II". */
  lead: string;
  unit: { code: string | null; meaning: string | null };
  /** In `unit`, after sensitivity, correction factor and baseline. */
  samples: Float64Array;
}

export interface EcgGroup {
  label: string;
  samplingFrequency: number;
  sampleCount: number;
  channels: EcgChannel[];
}

export class WaveformError extends Error {}

type Reader = (view: DataView, byteOffset: number) => number;
const READERS: Record<string, { bytes: number; read: Reader }> = {
  '16 SS': { bytes: 2, read: (v, o) => v.getInt16(o, true) },
  '16 US': { bytes: 2, read: (v, o) => v.getUint16(o, true) },
  '8 SB': { bytes: 1, read: (v, o) => v.getInt8(o) },
  '8 UB': { bytes: 1, read: (v, o) => v.getUint8(o) },
};

export function waveformGroups(meta: DicomJson): DicomJson[] {
  return items(meta, WAVEFORM.WaveformSequence);
}

/** Where a group's samples are: a bulk data URI to fetch, or inline base64. */
export function waveformDataOf(group: DicomJson): { bulkDataUri: string } | { inline: Buffer } {
  const attr = group[WAVEFORM.WaveformData];
  if (attr?.BulkDataURI) return { bulkDataUri: attr.BulkDataURI };
  if (attr?.InlineBinary) return { inline: Buffer.from(attr.InlineBinary, 'base64') };
  throw new WaveformError('the waveform group has no WaveformData');
}

function channelOf(def: DicomJson) {
  const source = items(def, WAVEFORM.ChannelSourceSequence)[0] ?? {};
  const units = items(def, WAVEFORM.ChannelSensitivityUnitsSequence)[0] ?? {};
  return {
    lead: str(source, WAVEFORM.CodeMeaning) ?? str(source, WAVEFORM.CodeValue) ?? 'unknown',
    unit: { code: str(units, WAVEFORM.CodeValue), meaning: str(units, WAVEFORM.CodeMeaning) },
    sensitivity: num(def, WAVEFORM.ChannelSensitivity) ?? 1,
    correction: num(def, WAVEFORM.ChannelSensitivityCorrectionFactor) ?? 1,
    baseline: num(def, WAVEFORM.ChannelBaseline) ?? 0,
  };
}

/**
 * Samples are interleaved (ch1 s1, ch2 s1, …, chN s1, ch1 s2, …). The value in the channel's
 * unit is raw × sensitivity × correction factor + baseline: PS3.3 defines the baseline as the
 * offset of raw 0 "using the units of the Channel Sensitivity Units Sequence". (pydicom 2.3
 * adds it before scaling instead; the two agree whenever the baseline is 0.)
 */
export function decodeGroup(group: DicomJson, data: Uint8Array): EcgGroup {
  const channelCount = num(group, WAVEFORM.NumberOfWaveformChannels) ?? 0;
  const sampleCount = num(group, WAVEFORM.NumberOfWaveformSamples) ?? 0;
  const samplingFrequency = num(group, WAVEFORM.SamplingFrequency) ?? 0;
  const format = `${num(group, WAVEFORM.WaveformBitsAllocated) ?? '?'} ${str(group, WAVEFORM.WaveformSampleInterpretation) ?? '?'}`;
  const reader = READERS[format];
  if (!reader) throw new WaveformError(`unsupported waveform sample format ${format}`);
  const defs = items(group, WAVEFORM.ChannelDefinitionSequence);
  if (channelCount < 1 || sampleCount < 1 || samplingFrequency <= 0 || defs.length !== channelCount) {
    throw new WaveformError('the waveform group description is incomplete');
  }
  const needed = channelCount * sampleCount * reader.bytes;
  if (data.byteLength < needed) {
    throw new WaveformError(`WaveformData has ${data.byteLength} bytes, ${needed} expected`);
  }
  const view = new DataView(data.buffer, data.byteOffset, needed);
  const channels = defs.map((def, c) => {
    const ch = channelOf(def);
    const scale = ch.sensitivity * ch.correction;
    const samples = new Float64Array(sampleCount);
    for (let s = 0; s < sampleCount; s++) {
      samples[s] = reader.read(view, (s * channelCount + c) * reader.bytes) * scale + ch.baseline;
    }
    return { lead: ch.lead, unit: ch.unit, samples };
  });
  return { label: str(group, WAVEFORM.MultiplexGroupLabel) ?? '', samplingFrequency, sampleCount, channels };
}

/** Lead II of the first group that has one (the rhythm strip in a 12-lead ECG). */
export function findLeadII(groups: EcgGroup[]): { group: EcgGroup; channel: EcgChannel } | null {
  for (const group of groups) {
    const channel = group.channels.find((c) => /\bII\b/.test(c.lead));
    if (channel) return { group, channel };
  }
  return null;
}
