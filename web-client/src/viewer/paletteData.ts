// Cornerstone's WADO-RS metadata provider reads a palette's lookup tables only from a `Value`
// list, but archives send them as bulk data (Orthanc: a BulkDataURI), so a palette-colour image
// (ultrasound) failed with "does not have a complete color palette". Before its metadata goes to
// the loader, the three tables are fetched once (with the session's token) and filled in.
import type { DicomJson } from '@tiered-care/common/dicomJson';
import { ApiError } from '../api/client';
import { dicomGet } from '../dicom/fetchJson';

const TABLES = [
  ['00281101', '00281201'],
  ['00281102', '00281202'],
  ['00281103', '00281203'],
] as const;

interface Element {
  vr: string;
  Value?: unknown[];
  BulkDataURI?: string;
  InlineBinary?: string;
}

/** The first part's body of a multipart/related answer. */
function firstPart(bytes: Uint8Array, contentType: string): Uint8Array {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return bytes;
  const text = new TextDecoder('latin1').decode(bytes);
  const start = text.indexOf('\r\n\r\n', text.indexOf(`--${boundary}`)) + 4;
  const end = text.indexOf(`\r\n--${boundary}`, start);
  return bytes.subarray(start, end < 0 ? bytes.length : end);
}

async function tableBytes(e: Element): Promise<Uint8Array | null> {
  if (e.InlineBinary) return Uint8Array.from(atob(e.InlineBinary), (c) => c.charCodeAt(0));
  if (!e.BulkDataURI) return null;
  // A table the archive does not answer is left out (the loader then says what is missing); a
  // network failure is the viewer's error, as for every other request.
  const res = await dicomGet(e.BulkDataURI, 'multipart/related; type="application/octet-stream"').catch(
    (err: unknown) => {
      if (err instanceof ApiError && err.status !== 0) return null;
      throw err;
    },
  );
  if (!res) return null;
  return firstPart(new Uint8Array(await res.arrayBuffer()), res.headers.get('content-type') ?? '');
}

/** The instance with its palette tables as `Value` lists (unchanged when it has no palette). */
export async function withPaletteTables(instance: DicomJson): Promise<DicomJson> {
  const out: Record<string, unknown> = { ...instance };
  for (const [descriptorTag, dataTag] of TABLES) {
    const data = instance[dataTag];
    if (!data || data.Value) continue;
    const bytes = await tableBytes(data);
    if (!bytes) continue;
    const bits = Number(instance[descriptorTag]?.Value?.[2] ?? 16);
    const entries =
      bits === 8 && bytes.length % 2 === 1
        ? Array.from(bytes)
        : Array.from(new Uint16Array(bytes.slice().buffer, 0, Math.floor(bytes.length / 2)));
    out[dataTag] = { vr: data.vr, Value: entries };
  }
  return out as DicomJson;
}
