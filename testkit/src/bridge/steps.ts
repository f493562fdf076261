// Small helpers shared by the bridge's integration tests.
import { randomUUID } from 'node:crypto';
import { boundaryOf, parseMultipart } from '@tiered-care/pacs-bridge';
import pg from 'pg';
import { freshDicomFile, multipartRelated } from '../fixtures/dicom';
import type { BridgeTestApp } from './app';

/** The parts of a multipart response, checking the boundary in Content-Type is the one used. */
export async function multipartParts(res: Response): Promise<{ contentType: string; parts: Buffer[] }> {
  const contentType = res.headers.get('content-type') ?? '';
  const boundary = boundaryOf(contentType);
  if (!boundary) throw new Error(`not multipart: ${contentType}`);
  const body = Buffer.from(await res.arrayBuffer());
  const length = res.headers.get('content-length');
  if (length !== null && Number(length) !== body.length)
    throw new Error('Content-Length does not match the body');
  return { contentType, parts: parseMultipart(body, boundary).map((p) => p.body) };
}

/** POSTs `body` to the upload endpoint as `username` (a clinic without a PACS). */
export async function upload(
  t: BridgeTestApp,
  username: string,
  body: Buffer,
  contentType = 'application/dicom',
): Promise<Response> {
  return t.fetch('/api/pacs/upload', {
    method: 'POST',
    token: await t.login(username),
    headers: { 'content-type': contentType },
    body,
  });
}

/** Uploads a fresh file of the patient (see freshDicomFile) as `username`; returns its study UID. */
export async function uploadFresh(t: BridgeTestApp, username: string, patientId?: string): Promise<string> {
  const fresh = freshDicomFile(patientId);
  const res = await upload(t, username, fresh.file);
  if (res.status !== 201) throw new Error(`upload failed: ${res.status}`);
  return fresh.study;
}

/** A listing's entry for a freshDicomFile() study, id and share time blanked for comparing. */
export function freshListing(study: string, sharedBy: string): Record<string, unknown> {
  return {
    id: undefined,
    sharedAt: undefined,
    studyInstanceUid: study,
    sharedBy,
    available: true,
    studyDate: '20260110',
    modalities: ['CT'],
    description: 'CT CHEST (synthetic phantom)',
    numberOfSeries: 1,
    numberOfInstances: 1,
  };
}

/**
 * A study H1's own modalities produced: stored straight into the archive (no upload claim), as
 * a hospital PACS receives images. Returns its UIDs.
 */
export async function storeInOwnPacs(t: BridgeTestApp, patientId: string): Promise<{ study: string }> {
  const fresh = freshDicomFile(patientId);
  const { body, contentType } = multipartRelated([fresh.file]);
  const res = await t.directOwn('/studies', {
    method: 'POST',
    headers: { 'content-type': contentType },
    body,
  });
  if (!res.ok) throw new Error(`storing into the PACS failed: ${res.status}`);
  await res.body?.cancel();
  return { study: fresh.study };
}

/** JSON from a response, with the bridge's DICOMweb root replaced by Orthanc's for comparison. */
export async function jsonWithRoot(res: Response, from: string, to: string): Promise<unknown> {
  const text = await res.text();
  return JSON.parse(text.split(from).join(to)) as unknown;
}

export async function institutionIds(t: BridgeTestApp): Promise<Record<string, string>> {
  const res = await t.fetch('/api/institutions', { token: await t.login('doctor.c1') });
  const body = (await res.json()) as { institutions: { id: string; code: string }[] };
  return Object.fromEntries(body.institutions.map((i) => [i.code, i.id]));
}

export async function patientIdOf(t: BridgeTestApp, username: string, name: string): Promise<string> {
  const res = await t.fetch(`/api/patients?q=${encodeURIComponent(name)}`, {
    token: await t.login(username),
  });
  const list = (await res.json()) as { id: string; name: string }[];
  const found = list.find((p) => p.name === name);
  if (!found) throw new Error(`${username} cannot see patient ${name}`);
  return found.id;
}

/** Creates a referral through the API; `draft` keeps it with the sender. */
export async function createReferral(
  t: BridgeTestApp,
  username: string,
  patientId: string,
  toInstitutionId: string,
  draft = false,
): Promise<string> {
  const res = await t.fetch('/api/referrals', {
    method: 'POST',
    token: await t.login(username),
    headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
    body: JSON.stringify({
      patientId,
      toInstitutionId,
      type: 'examination',
      priority: 'routine',
      reason: '影像会诊',
      diagnosis: { code: 'R07.4', text: '胸痛' },
      summary: '需上级医院阅片。',
      draft,
    }),
  });
  const body = (await res.json()) as { id?: string };
  if (res.status !== 201 || !body.id)
    throw new Error(`referral not created: ${res.status} ${JSON.stringify(body)}`);
  return body.id;
}

/** Stores files straight into the region archive (no upload claim, as a PACS receives them). */
export async function storeInRegion(t: BridgeTestApp, files: Buffer[]): Promise<void> {
  const { body, contentType } = multipartRelated(files);
  const res = await t.direct('/studies', { method: 'POST', headers: { 'content-type': contentType }, body });
  if (!res.ok) throw new Error(`storing into the region archive failed: ${res.status}`);
  await res.body?.cancel();
}

/**
 * Shares a region study to the demo referral as the clinic would (claim + share), written as the
 * owner so the test does not depend on the attach rules.
 */
export async function shareToDemoReferral(t: BridgeTestApp, study: string): Promise<void> {
  const owner = new pg.Client({ connectionString: t.db.ownerUrl });
  await owner.connect();
  try {
    await owner.query(
      `WITH r AS (SELECT id, patient_id, from_user_id, from_institution_id FROM referrals WHERE id = $1)
       INSERT INTO pacs_uploads (pacs_endpoint_id, study_instance_uid, institution_id, uploaded_by)
       SELECT $2, $3, from_institution_id, from_user_id FROM r`,
      [t.demo.referralId, t.demo.endpoints.region, study],
    );
    await owner.query(
      `INSERT INTO shared_studies (study_instance_uid, pacs_endpoint_id, referral_id, patient_id, shared_by)
       SELECT $3, $2, id, patient_id, from_user_id FROM referrals WHERE id = $1`,
      [t.demo.referralId, t.demo.endpoints.region, study],
    );
  } finally {
    await owner.end();
  }
}
