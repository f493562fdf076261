// Demo images stored before the archives compressed at ingest (an existing DATA_DIR holds them
// uncompressed) are stored again, so they too are kept and sent as JPEG-LS lossless: their
// uncompressed instances are deleted here and the demo loader stores them again from their
// source, with the same UIDs. Orthanc only (its REST API beside DICOMweb, which has no delete);
// idempotent: once an instance is compressed there is nothing left to do for it.
import { basicAuthorization } from '../pacs/endpoints';

/** Orthanc's REST root and credentials (the handle @tiered-care/testkit's startOrthanc returns). */
export interface OrthancRest {
  baseUrl: string;
  username: string | null;
  password: string | null;
}

const UNCOMPRESSED = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1', '1.2.840.10008.1.2.2']);
const TIMEOUT_MS = 15_000;

async function call(o: OrthancRest, path: string, init: RequestInit = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (o.username !== null && o.password !== null) {
    headers.set('authorization', basicAuthorization(o.username, o.password));
  }
  const res = await fetch(o.baseUrl + path, { ...init, headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
  if (!res.ok) {
    await res.body?.cancel();
    throw new Error(`Orthanc ${init.method ?? 'GET'} ${path}: ${res.status}`);
  }
  return res;
}

async function orthancStudyId(o: OrthancRest, studyInstanceUid: string): Promise<string | null> {
  const res = await call(o, '/tools/lookup', { method: 'POST', body: studyInstanceUid });
  const found = (await res.json()) as { ID: string; Type: string }[];
  return found.find((f) => f.Type === 'Study')?.ID ?? null;
}

/**
 * Deletes the instances of these image studies that Orthanc keeps uncompressed; returns how many.
 * The caller stores them again (the archive's ingest transcoding compresses them then).
 */
export async function dropUncompressed(o: OrthancRest, studyInstanceUids: string[]): Promise<number> {
  let dropped = 0;
  for (const uid of studyInstanceUids) {
    const study = await orthancStudyId(o, uid);
    if (!study) continue;
    const instances = (await (await call(o, `/studies/${study}/instances`)).json()) as { ID: string }[];
    for (const { ID } of instances) {
      const syntax = (await (await call(o, `/instances/${ID}/metadata/TransferSyntax`)).text()).trim();
      if (!UNCOMPRESSED.has(syntax)) continue;
      await call(o, `/instances/${ID}`, { method: 'DELETE' });
      dropped++;
    }
  }
  return dropped;
}
