// Reading the identifying UIDs out of a DICOM Part 10 file before it is stored.
import dcmjs from 'dcmjs';

// dcmjs warns on the console about every odd but harmless attribute in real-world files.
dcmjs.log.setLevel('error');

export interface FileUids {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
}

function first(dict: Record<string, { Value?: unknown[] } | undefined>, tag: string): string | null {
  const v = dict[tag]?.Value?.[0];
  return typeof v === 'string' && v.length > 0 ? v.replace(/\0+$/, '').trim() : null;
}

/** A standalone copy (a Buffer may be a view into a larger, shared pool). */
export function toArrayBuffer(buf: Buffer): ArrayBuffer {
  const copy = new ArrayBuffer(buf.byteLength);
  new Uint8Array(copy).set(buf);
  return copy;
}

/** Throws when the bytes are not a DICOM file with study, series and instance UIDs. */
export function readFileUids(file: Buffer): FileUids {
  // Stopping at Pixel Data keeps this cheap for large images.
  const parsed = dcmjs.data.DicomMessage.readFile(toArrayBuffer(file), {
    untilTag: '7FE00010',
    includeUntilTagValue: false,
  });
  const studyInstanceUid = first(parsed.dict, '0020000D');
  const seriesInstanceUid = first(parsed.dict, '0020000E');
  const sopInstanceUid = first(parsed.dict, '00080018');
  if (!studyInstanceUid || !seriesInstanceUid || !sopInstanceUid) {
    throw new Error('the file has no study, series or instance UID');
  }
  return { studyInstanceUid, seriesInstanceUid, sopInstanceUid };
}

export const isUid = (s: string): boolean => /^[0-9]+(\.[0-9]+)*$/.test(s) && s.length <= 64;
