// Demo images: pydicom's sample CT, MR and 12-lead ECG plus a generated 100-slice chest CT, which
// clinic C1 "uploaded" for 张桂兰: stored in the region's archive (skipped when already there) and
// shared to the demo up-referral C1 → H1; the chest CT and the ECG also to the demo consultation
// about her, when the seed has one. H1's own PACS is another archive, registered here too: one
// archive has one owner (migration 016), so nothing a clinic uploaded shows up as H1's own.
import { existsSync, readFileSync } from 'node:fs';
import pg from 'pg';
import { num } from '@tiered-care/common/dicomJson';
import { TAG } from '../dicom/tags';
import { readFileUids, type FileUids } from '../dicom/part10';
import { pacsClient, type PacsClient } from '../pacs/client';
import { basicAuthorization } from '../pacs/endpoints';
import { registerEndpoint } from '../pacs/register';
import { DEMO_CONSULTATION, type Services } from '@tiered-care/referral-api';
import { ctPhantom, type PhantomOptions } from './ctPhantom';
import { demoDicomPatientId } from './patientIds';
import { dropUncompressed } from './recompress';

export const PYDICOM_TEST_FILES = '/usr/lib/python3/dist-packages/pydicom/data/test_files';
const SAMPLES = { ctSmall: 'CT_small.dcm', mrSmall: 'MR_small.dcm', ecg: 'waveform_ecg.dcm' } as const;
const STOW_BATCH = 10;

/** The Orthanc handle from @tiered-care/testkit's startOrthanc (or any DICOMweb PACS). */
export interface DemoPacs {
  dicomWebUrl: string;
  username: string | null;
  password: string | null;
  /** Orthanc's REST root: with it, demo images an older version stored uncompressed are recompressed. */
  baseUrl?: string;
}

/** The demo's two archives: H1's own PACS and the region's upload archive (two servers). */
export interface DemoArchives {
  h1: DemoPacs;
  region: DemoPacs;
}

export interface DemoStudies {
  referralId: string;
  /** The seed's consultation about 张桂兰, with the CT and the ECG shared to it (null: none seeded). */
  consultationId: string | null;
  endpoints: { h1: string; region: string };
  ct: { studyInstanceUid: string; seriesInstanceUid: string; sopInstanceUids: string[] };
  ctSmall: FileUids;
  mrSmall: FileUids;
  ecg: FileUids;
  studyInstanceUids: string[];
}

async function instancesIn(client: PacsClient, study: string): Promise<number> {
  const [found] = await client.searchStudies({ StudyInstanceUID: study });
  return found ? (num(found, TAG.NumberOfStudyRelatedInstances) ?? 0) : 0;
}

/** The study UIDs of the sample images (not the ECG: it has no pixel data to compress). */
function imageSampleStudies(): string[] {
  return [SAMPLES.ctSmall, SAMPLES.mrSmall]
    .map((file) => `${PYDICOM_TEST_FILES}/${file}`)
    .filter((path) => existsSync(path))
    .map((path) => readFileUids(readFileSync(path)).studyInstanceUid);
}

async function storeSamples(client: PacsClient): Promise<Record<keyof typeof SAMPLES, FileUids>> {
  const out = {} as Record<keyof typeof SAMPLES, FileUids>;
  for (const [key, file] of Object.entries(SAMPLES) as [keyof typeof SAMPLES, string][]) {
    const path = `${PYDICOM_TEST_FILES}/${file}`;
    if (!existsSync(path)) throw new Error(`${path} is missing: install the Debian package python3-pydicom`);
    const bytes = readFileSync(path);
    out[key] = readFileUids(bytes);
    if ((await instancesIn(client, out[key].studyInstanceUid)) === 0) await client.store([bytes]);
  }
  return out;
}

async function storePhantom(client: PacsClient, options: PhantomOptions) {
  const ct = ctPhantom(options);
  if ((await instancesIn(client, ct.studyInstanceUid)) < ct.slices) {
    for (let from = 0; from < ct.slices; from += STOW_BATCH) {
      const batch = [];
      for (let i = from; i < Math.min(ct.slices, from + STOW_BATCH); i++) batch.push(ct.slice(i));
      await client.store(batch);
    }
  }
  return {
    studyInstanceUid: ct.studyInstanceUid,
    seriesInstanceUid: ct.seriesInstanceUid,
    sopInstanceUids: ct.sopInstanceUids,
  };
}

async function shareToDemoReferral(
  owner: pg.Client,
  services: Services,
  pacs: DemoArchives,
  uids: string[],
  consultationUids: string[],
) {
  const ids = await owner.query<{ consortium_id: string; h1: string; c1: string }>(
    `SELECT h1.consortium_id, h1.id AS h1, c1.id AS c1 FROM institutions h1, institutions c1
     WHERE h1.code = 'H1' AND c1.code = 'C1'`,
  );
  const inst = ids.rows[0];
  if (!inst) throw new Error('demo institutions H1/C1 are missing: run seedDemo first');
  const endpoint = (p: DemoPacs) => ({ baseUrl: p.dicomWebUrl, username: p.username, password: p.password });
  const h1 = await registerEndpoint(owner, services.crypto, {
    ...endpoint(pacs.h1),
    consortiumId: inst.consortium_id,
    institutionId: inst.h1,
    name: '市第一人民医院 PACS',
  });
  const region = await registerEndpoint(owner, services.crypto, {
    ...endpoint(pacs.region),
    consortiumId: inst.consortium_id,
    institutionId: null,
    name: '区域影像中心',
  });
  const referral = await owner.query<{ id: string; patient_id: string; from_user_id: string }>(
    `SELECT r.id, r.patient_id, r.from_user_id FROM referrals r JOIN patients p ON p.id = r.patient_id
     WHERE p.name = '张桂兰' AND r.from_institution_id = $1 AND r.to_institution_id = $2 AND r.direction = 'up'
     ORDER BY r.created_at LIMIT 1`,
    [inst.c1, inst.h1],
  );
  const r = referral.rows[0];
  if (!r) throw new Error('the demo referral of 张桂兰 (C1 → H1) is missing: run seedDemo first');
  for (const uid of uids) {
    // The clinic "uploaded" these to the region's archive, so the usual attach rules hold too.
    await owner.query(
      `INSERT INTO pacs_uploads (pacs_endpoint_id, study_instance_uid, institution_id, uploaded_by)
       VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
      [region, uid, inst.c1, r.from_user_id],
    );
    await owner.query(
      `INSERT INTO shared_studies (study_instance_uid, pacs_endpoint_id, referral_id, patient_id, shared_by)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (referral_id, study_instance_uid) DO NOTHING`,
      [uid, region, r.id, r.patient_id, r.from_user_id],
    );
    await owner.query(
      `UPDATE referrals SET study_instance_uids = array_append(study_instance_uids, $2)
       WHERE id = $1 AND NOT ($2 = ANY (study_instance_uids))`,
      [r.id, uid],
    );
  }
  const consultation = await owner.query<{ id: string }>(
    'SELECT id FROM consultations WHERE patient_id = $1 AND title = $2 ORDER BY created_at LIMIT 1',
    [r.patient_id, DEMO_CONSULTATION.title],
  );
  const consultationId = consultation.rows[0]?.id ?? null;
  for (const uid of consultationId ? consultationUids : []) {
    await owner.query(
      `INSERT INTO shared_studies (study_instance_uid, pacs_endpoint_id, consultation_id, patient_id, shared_by)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT (consultation_id, study_instance_uid) DO NOTHING`,
      [uid, region, consultationId, r.patient_id, r.from_user_id],
    );
  }
  return { referralId: r.id, consultationId, endpoints: { h1, region } };
}

/**
 * Idempotent: run it at every start. `ownerUrl` is the owner's connection (migrations, demo data),
 * needed because the app role can't write pacs_endpoints.
 */
export async function loadDemoStudies(
  ownerUrl: string,
  services: Services,
  pacs: DemoArchives,
  phantom: PhantomOptions = {},
): Promise<DemoStudies> {
  const { region } = pacs;
  const client = pacsClient({
    endpointId: 'demo',
    baseUrl: region.dicomWebUrl.replace(/\/+$/, ''),
    authorization:
      region.username !== null && region.password !== null
        ? basicAuthorization(region.username, region.password)
        : null,
  });
  // Her chest CT carries her identity number as PatientID, as a study attached to her would.
  const phantomOptions = { patientId: demoDicomPatientId('C1/张桂兰'), ...phantom };
  if (region.baseUrl) {
    const images = [ctPhantom(phantomOptions).studyInstanceUid, ...imageSampleStudies()];
    await dropUncompressed({ ...region, baseUrl: region.baseUrl }, images);
  }
  const samples = await storeSamples(client);
  const ct = await storePhantom(client, phantomOptions);
  const studyInstanceUids = [
    ct.studyInstanceUid,
    samples.ctSmall.studyInstanceUid,
    samples.mrSmall.studyInstanceUid,
    samples.ecg.studyInstanceUid,
  ];
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  try {
    await owner.query('BEGIN');
    const shared = await shareToDemoReferral(owner, services, pacs, studyInstanceUids, [
      ct.studyInstanceUid,
      samples.ecg.studyInstanceUid,
    ]);
    await owner.query('COMMIT');
    return { ...shared, ct, ...samples, studyInstanceUids };
  } catch (err) {
    await owner.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await owner.end();
  }
}
