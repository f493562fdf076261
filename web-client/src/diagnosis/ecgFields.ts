// The ECG measurement inputs as the form holds them (text, so a reader can clear a box) and the
// measured values they make for the report.
import type { EcgMeasurements } from '@tiered-care/common';

export const ECG_NUMBERS = ['heartRate', 'prMs', 'qrsMs', 'qtMs', 'qtcMs', 'axisDeg'] as const;
export type EcgNumber = (typeof ECG_NUMBERS)[number];
export type EcgInputs = Record<EcgNumber | 'rhythm', string>;

export const EMPTY_ECG: EcgInputs = {
  heartRate: '',
  rhythm: '',
  prMs: '',
  qrsMs: '',
  qtMs: '',
  qtcMs: '',
  axisDeg: '',
};

export function ecgInputs(m: EcgMeasurements | null | undefined): EcgInputs {
  if (!m) return EMPTY_ECG;
  const out = { ...EMPTY_ECG, rhythm: m.rhythm ?? '' };
  for (const k of ECG_NUMBERS) out[k] = m[k] === null ? '' : String(m[k]);
  return out;
}

/** Empty boxes are "not measured"; anything else a whole number (the schema checks the ranges). */
export function ecgValues(inputs: EcgInputs): EcgMeasurements {
  const num = (s: string) => (s.trim() === '' ? null : Math.round(Number(s)));
  return {
    heartRate: num(inputs.heartRate),
    rhythm: inputs.rhythm.trim() || null,
    prMs: num(inputs.prMs),
    qrsMs: num(inputs.qrsMs),
    qtMs: num(inputs.qtMs),
    qtcMs: num(inputs.qtcMs),
    axisDeg: num(inputs.axisDeg),
  };
}
