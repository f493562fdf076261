import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DicomJson } from '@tiered-care/common/dicomJson';
import { decodeGroup, findLeadII, WaveformError } from './decode';

const code = (value: string, meaning: string): DicomJson => ({
  '00080100': { vr: 'SH', Value: [value] },
  '00080104': { vr: 'LO', Value: [meaning] },
});

function channel(lead: string, sensitivity: number, correction: number, baseline: number): DicomJson {
  return {
    '003A0208': { vr: 'SQ', Value: [code('x', lead)] },
    '003A0210': { vr: 'DS', Value: [sensitivity] },
    '003A0211': { vr: 'SQ', Value: [code('uV', 'microvolt')] },
    '003A0212': { vr: 'DS', Value: [String(correction)] },
    '003A0213': { vr: 'DS', Value: [baseline] },
  };
}

function group(bits: number, interpretation: string, channels: DicomJson[], samples: number): DicomJson {
  return {
    '003A0020': { vr: 'SH', Value: ['RHYTHM'] },
    '003A0005': { vr: 'US', Value: [channels.length] },
    '003A0010': { vr: 'UL', Value: [samples] },
    '003A001A': { vr: 'DS', Value: [500] },
    '003A0200': { vr: 'SQ', Value: channels },
    '54001004': { vr: 'US', Value: [bits] },
    '54001006': { vr: 'CS', Value: [interpretation] },
  };
}

test('interleaved 16-bit signed samples are split per channel and scaled to the channel unit', () => {
  // Three samples of two channels, interleaved: (1, -2), (300, 4), (-32768, 32767).
  const raw = new Int16Array([1, -2, 300, 4, -32768, 32767]);
  const g = group(16, 'SS', [channel('Lead I', 1.25, 1, 0), channel('Lead II', 2.5, 2, -10)], 3);
  const decoded = decodeGroup(g, new Uint8Array(raw.buffer));
  assert.equal(decoded.label, 'RHYTHM');
  assert.equal(decoded.samplingFrequency, 500);
  assert.deepEqual([...(decoded.channels[0]?.samples ?? [])], [1.25, 375, -40960]);
  // raw × 2.5 × 2 + (−10): the baseline is in the channel's unit.
  assert.deepEqual([...(decoded.channels[1]?.samples ?? [])], [-20, 10, 163825]);
  assert.deepEqual(decoded.channels[1]?.unit, { code: 'uV', meaning: 'microvolt' });
  assert.equal(findLeadII([decoded])?.channel.lead, 'Lead II');
});

test('8-bit unsigned waveforms decode too', () => {
  const g = group(8, 'UB', [channel('Lead III', 1, 1, 0)], 2);
  assert.deepEqual([...(decodeGroup(g, new Uint8Array([200, 7])).channels[0]?.samples ?? [])], [200, 7]);
});

test('Lead III is not mistaken for lead II', () => {
  const g = decodeGroup(group(8, 'UB', [channel('Lead III', 1, 1, 0)], 1), new Uint8Array([1]));
  assert.equal(findLeadII([g]), null);
});

test('too few bytes and unknown sample formats are refused with a reason', () => {
  const g = group(16, 'SS', [channel('Lead I', 1, 1, 0)], 4);
  assert.throws(() => decodeGroup(g, new Uint8Array(6)), WaveformError);
  assert.throws(() => decodeGroup(group(16, 'MB', [channel('Lead I', 1, 1, 0)], 1), new Uint8Array(2)), /MB/);
});
