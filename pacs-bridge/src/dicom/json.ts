// DICOM JSON (PS3.18 F.2) as the PACS returns it, with typed readers for the few attributes
// the bridge looks at. Attribute keys are eight upper-case hex digits.

export interface DicomAttribute {
  vr: string;
  Value?: unknown[];
  BulkDataURI?: string;
  InlineBinary?: string;
}
export type DicomJson = Record<string, DicomAttribute | undefined>;

export const TAG = {
  StudyInstanceUID: '0020000D',
  SeriesInstanceUID: '0020000E',
  SOPInstanceUID: '00080018',
  StudyDate: '00080020',
  StudyDescription: '00081030',
  ModalitiesInStudy: '00080061',
  NumberOfStudyRelatedSeries: '00201206',
  NumberOfStudyRelatedInstances: '00201208',
  RetrieveURL: '00081190',
  FailedSOPSequence: '00081198',
  ReferencedSOPSequence: '00081199',
  ReferencedSOPInstanceUID: '00081155',
  PatientID: '00100020',
  PatientName: '00100010',
} as const;

export function isDicomJson(value: unknown): value is DicomJson {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function values(ds: DicomJson, tag: string): unknown[] {
  return ds[tag]?.Value ?? [];
}

export function str(ds: DicomJson, tag: string): string | null {
  const v = values(ds, tag)[0];
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  // Person names come as {Alphabetic, Ideographic, Phonetic}.
  if (isDicomJson(v) && typeof v.Alphabetic === 'string') return v.Alphabetic;
  return null;
}

export function strs(ds: DicomJson, tag: string): string[] {
  return values(ds, tag).filter((v): v is string => typeof v === 'string');
}

/** DS/IS values may arrive as numbers or numeric strings. */
export function num(ds: DicomJson, tag: string): number | null {
  const v = values(ds, tag)[0];
  const n = typeof v === 'number' ? v : typeof v === 'string' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
}

export function items(ds: DicomJson, tag: string): DicomJson[] {
  return values(ds, tag).filter(isDicomJson);
}

/** Parses a QIDO or metadata response body: a JSON array of datasets. */
export function parseDicomJsonArray(text: string): DicomJson[] {
  if (!text.trim()) return [];
  const parsed: unknown = JSON.parse(text);
  if (!Array.isArray(parsed)) throw new Error('expected a DICOM JSON array');
  return parsed.filter(isDicomJson);
}
