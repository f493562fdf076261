// DICOM JSON (PS3.18 F.2) attributes as QIDO-RS and WADO-RS return them, the tags this client reads,
// and which modalities hold a pixel stack. Shared by the study list and the viewer.

export interface DicomJsonAttribute {
  vr: string;
  Value?: unknown[];
  BulkDataURI?: string;
  InlineBinary?: string;
}
export type DicomJson = Record<string, DicomJsonAttribute | undefined>;

export const TAG = {
  sopClassUid: '00080016',
  sopInstanceUid: '00080018',
  modality: '00080060',
  seriesDescription: '0008103E',
  seriesInstanceUid: '0020000E',
  seriesNumber: '00200011',
  instanceNumber: '00200013',
  imagePositionPatient: '00200032',
  imageOrientationPatient: '00200037',
  numberOfSeriesInstances: '00201209',
  numberOfFrames: '00280008',
  rows: '00280010',
  columns: '00280011',
} as const;

export function firstValue(json: DicomJson, tag: string): unknown {
  return json[tag]?.Value?.[0];
}

export function stringValue(json: DicomJson, tag: string): string | null {
  const v = firstValue(json, tag);
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  return null;
}

export function numberValue(json: DicomJson, tag: string): number | null {
  const v = firstValue(json, tag);
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
}

export function numberValues(json: DicomJson, tag: string): number[] | null {
  const values = json[tag]?.Value;
  if (!values) return null;
  const nums = values.map((v) => (typeof v === 'number' ? v : Number(v)));
  return nums.every(Number.isFinite) ? nums : null;
}

// Series that hold no pixel stack: waveforms, reports, presentation states, key objects,
// segmentations and RT objects. ECGs open in the ECG viewer instead.
const NON_IMAGE_MODALITIES = new Set([
  'ECG',
  'HD',
  'AU',
  'SR',
  'KO',
  'PR',
  'DOC',
  'SEG',
  'RTSTRUCT',
  'RTPLAN',
  'RTRECORD',
  'REG',
  'FID',
]);

export function isImageModality(modality: string | null): boolean {
  return modality === null || !NON_IMAGE_MODALITIES.has(modality);
}
