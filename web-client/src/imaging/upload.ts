// Uploading a DICOM folder from a clinic without a PACS: the files go to the region's archive
// through pacs-bridge (POST /api/pacs/upload), a few megabytes per request so a slow link shows
// progress and a dropped connection loses little.
import type { UploadResult } from '@tiered-care/common';
import { api } from '../api/client';

const BATCH_BYTES = 16 * 1024 * 1024;
const BATCH_FILES = 40;

/** Part 10 files carry "DICM" after a 128-byte preamble; DICOMDIR is an index, not an image. */
export async function isDicomFile(file: Blob & { name: string }): Promise<boolean> {
  if (file.name.toUpperCase() === 'DICOMDIR' || file.size < 132) return false;
  const magic = new Uint8Array(await file.slice(128, 132).arrayBuffer());
  return String.fromCharCode(...magic) === 'DICM';
}

/** Files in upload order, grouped so each request stays small. */
export function batches<T extends { size: number }>(files: T[]): T[][] {
  const out: T[][] = [];
  let current: T[] = [];
  let bytes = 0;
  for (const f of files) {
    if (current.length > 0 && (bytes + f.size > BATCH_BYTES || current.length >= BATCH_FILES)) {
      out.push(current);
      current = [];
      bytes = 0;
    }
    current.push(f);
    bytes += f.size;
  }
  if (current.length > 0) out.push(current);
  return out;
}

function multipartRelated(files: Blob[]): { body: Blob; contentType: string } {
  // Not crypto.randomUUID: it exists only on secure origins, and clinics may use plain HTTP.
  const boundary = `tc-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
  const parts: BlobPart[] = [];
  for (const f of files) parts.push(`--${boundary}\r\nContent-Type: application/dicom\r\n\r\n`, f, '\r\n');
  parts.push(`--${boundary}--\r\n`);
  return {
    body: new Blob(parts),
    contentType: `multipart/related; type="application/dicom"; boundary=${boundary}`,
  };
}

export interface UploadProgress {
  done: number;
  total: number;
}

/** Uploads every file, batch after batch; the studies they belong to, and the store counts. */
export async function uploadDicomFiles(
  files: Blob[],
  onProgress: (p: UploadProgress) => void,
): Promise<UploadResult> {
  const studies = new Set<string>();
  let stored = 0;
  let failed = 0;
  let done = 0;
  onProgress({ done, total: files.length });
  for (const batch of batches(files)) {
    const r = await api<UploadResult>('POST', '/api/pacs/upload', { raw: multipartRelated(batch) });
    for (const uid of r.studyInstanceUids) studies.add(uid);
    stored += r.stored;
    failed += r.failed;
    done += batch.length;
    onProgress({ done, total: files.length });
  }
  return { studyInstanceUids: [...studies], stored, failed };
}
