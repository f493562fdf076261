// DICOM JSON (PS3.18 F.2) as QIDO-RS and WADO-RS return it, with typed readers for single
// attributes. Attribute keys are eight upper-case hex digits. Read by the PACS bridge and the
// web client alike; each keeps the table of the tags it looks at.

export interface DicomAttribute {
  vr: string;
  Value?: unknown[];
  BulkDataURI?: string;
  InlineBinary?: string;
}
export type DicomJson = Record<string, DicomAttribute | undefined>;

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

/** All values of a multi-valued DS/IS attribute (a position, an orientation); null when absent or one is not a number. */
export function nums(ds: DicomJson, tag: string): number[] | null {
  const all = ds[tag]?.Value;
  if (!all) return null;
  const n = all.map((v) => (typeof v === 'number' ? v : Number(v)));
  return n.every(Number.isFinite) ? n : null;
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
