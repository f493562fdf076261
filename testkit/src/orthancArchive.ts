// Every instance of an Orthanc, out and back in, through its REST API: Orthanc serves each
// stored file as it was received, so what a backup exports is what a restore stores again.
import type { Orthanc } from './orthanc';

type Access = Pick<Orthanc, 'baseUrl' | 'username' | 'password'>;

const TIMEOUT_MS = 60_000;

async function call(
  o: Access,
  path: string,
  init: Omit<RequestInit, 'headers'> & { headers?: Record<string, string> } = {},
): Promise<Response> {
  const res = await fetch(`${o.baseUrl}${path}`, {
    ...init,
    headers: {
      ...init.headers,
      authorization: `Basic ${Buffer.from(`${o.username}:${o.password}`).toString('base64')}`,
    },
    signal: AbortSignal.timeout(TIMEOUT_MS),
  });
  if (!res.ok) throw new Error(`Orthanc ${init.method ?? 'GET'} ${path}: ${res.status} ${await res.text()}`);
  return res;
}

interface InstanceListing {
  ID: string;
  MainDicomTags: { SOPInstanceUID?: string };
}

/** Orthanc ids and SOP Instance UIDs of every stored instance, a page at a time. */
export async function* storedInstances(
  o: Access,
  page = 500,
): AsyncGenerator<{ id: string; sopInstanceUid: string }> {
  for (let since = 0; ; since += page) {
    const listing = (await (
      await call(o, `/instances?expand&since=${since}&limit=${page}`)
    ).json()) as InstanceListing[];
    for (const i of listing) yield { id: i.ID, sopInstanceUid: i.MainDicomTags.SOPInstanceUID ?? i.ID };
    if (listing.length < page) return;
  }
}

export async function instanceFile(o: Access, id: string): Promise<Buffer> {
  return Buffer.from(await (await call(o, `/instances/${id}/file`)).arrayBuffer());
}

/** Stores a DICOM file; returns Orthanc's id for it. */
export async function storeInstance(o: Access, bytes: Buffer): Promise<string> {
  const res = await call(o, '/instances', {
    method: 'POST',
    body: bytes,
    headers: { 'content-type': 'application/dicom' },
  });
  return ((await res.json()) as { ID: string }).ID;
}
