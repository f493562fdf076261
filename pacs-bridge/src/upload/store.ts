// Storing uploaded files into the region's shared PACS for clinics without one. Each study is
// claimed for the uploader's institution first (pacs_uploads), and a study already in the
// archive under somebody else's name is refused: otherwise an upload reusing a known
// StudyInstanceUID would merge into another clinic's study and let the uploader attach it.
import type { BridgeContext } from '../context';
import { items, str, TAG, type DicomJson } from '../dicom/json';
import { readFileUids } from '../dicom/part10';
import { pacsClient } from '../pacs/client';
import { regionEndpoint, type Upstream } from '../pacs/endpoints';
import { pacsUnavailable } from '../pacs/upstream';
import {
  AppError,
  audit,
  Conflict,
  Forbidden,
  hasRole,
  Invalid,
  withActor,
  type Actor,
  type Db,
} from '../platform';

export interface UploadResult {
  studyInstanceUids: string[];
  stored: number;
  failed: number;
  /** The PACS's STOW-RS response (URLs not yet rewritten). */
  response: DicomJson;
  upstream: Upstream;
}

const studyExists = () => Conflict('study_exists', 'a study with this StudyInstanceUID is already archived');

/** The studies of this upload nobody has claimed yet (a claim by the caller's own institution is fine). */
async function unclaimed(db: Db, up: Upstream, actor: Actor, studies: string[]): Promise<string[]> {
  const { rows } = await db.query<{ study_instance_uid: string; institution_id: string }>(
    'SELECT study_instance_uid, institution_id FROM pacs_uploads WHERE pacs_endpoint_id = $1 AND study_instance_uid = ANY($2)',
    [up.endpointId, studies],
  );
  if (rows.some((r) => r.institution_id !== actor.institutionId)) throw studyExists();
  const claimed = new Set(rows.map((r) => r.study_instance_uid));
  return studies.filter((s) => !claimed.has(s));
}

/** Claims a study for the caller's institution; one that another upload claimed meanwhile is refused. */
async function claim(db: Db, up: Upstream, actor: Actor, study: string): Promise<void> {
  const inserted = await db.query(
    `INSERT INTO pacs_uploads (pacs_endpoint_id, study_instance_uid, institution_id, uploaded_by)
     VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
    [up.endpointId, study, actor.institutionId, actor.userId],
  );
  if (inserted.rowCount === 0) {
    const own = await db.query(
      'SELECT 1 FROM pacs_uploads WHERE pacs_endpoint_id = $1 AND study_instance_uid = $2 AND institution_id = $3',
      [up.endpointId, study, actor.institutionId],
    );
    if (own.rowCount === 0) throw studyExists();
  }
}

export async function storeUpload(ctx: BridgeContext, actor: Actor, files: Buffer[]): Promise<UploadResult> {
  if (!actor.institutionId || !hasRole(actor, 'doctor', 'specialist', 'coordinator')) {
    throw Forbidden('upload_not_allowed', 'only clinical staff of an institution upload images');
  }
  const studies = new Set<string>();
  files.forEach((file, i) => {
    try {
      studies.add(readFileUids(file).studyInstanceUid);
    } catch {
      throw Invalid('not_dicom', `part ${i + 1} is not a DICOM file with study, series and instance UIDs`);
    }
  });
  const studyInstanceUids = [...studies];
  // Three steps, none asking the PACS inside a transaction: which studies are new (database),
  // are they already in the archive under nobody's claim (PACS), claim them (database). Claims
  // commit before the files are sent, so a failed store leaves only a harmless claim.
  const { region, fresh } = await withActor(ctx.services.pool, actor, async (db) => {
    const region = await regionEndpoint(db, ctx.services.crypto);
    if (!region)
      throw new AppError('unavailable', 'no_region_pacs', 'no regional image archive is configured');
    return { region, fresh: await unclaimed(db, region, actor, studyInstanceUids) };
  });
  for (const study of fresh) {
    if ((await pacsClient(region).searchStudies({ StudyInstanceUID: study })).length > 0) throw studyExists();
  }
  const up = await withActor(ctx.services.pool, actor, async (db) => {
    for (const study of studyInstanceUids) await claim(db, region, actor, study);
    await audit(db, actor, {
      action: 'pacs.upload',
      entityType: 'patient',
      details: { studyInstanceUids, files: files.length, pacsEndpointId: region.endpointId },
    });
    return region;
  });
  const response = await pacsClient(up).store(files);
  const stored = items(response, TAG.ReferencedSOPSequence).length;
  const failed = items(response, TAG.FailedSOPSequence).length;
  if (stored === 0) throw pacsUnavailable('the archive stored none of the files');
  ctx.log.info({ userId: actor.userId, studies: studyInstanceUids.length, stored, failed }, 'pacs upload');
  return { studyInstanceUids, stored, failed, response, upstream: up };
}

export const storedUids = (r: DicomJson): string[] =>
  items(r, TAG.ReferencedSOPSequence).flatMap((i) => str(i, TAG.ReferencedSOPInstanceUID) ?? []);
