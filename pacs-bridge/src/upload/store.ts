// Storing uploaded files into the region's shared PACS for clinics without one, file by file as
// they arrive. Each study is claimed for the uploader's institution (pacs_uploads), and a study
// already in the archive under somebody else's name is refused: otherwise an upload reusing a
// known StudyInstanceUID would merge into another clinic's study and let the uploader attach it.
//
// Per file: the UIDs it declares are checked first (is the study another institution's, or in
// the archive under nobody's claim?), then it is streamed to the archive, and the UIDs the archive
// stored it under are read back. Those must be the declared ones: a file that reads differently
// there (duplicate or crafted tags) is refused, whatever study it landed in. Claims go to the
// archive's UIDs, after every file is stored, in one short transaction; none runs while the
// archive is called. An upload is all or nothing: when anything fails (a refused file, the byte
// limit, the uploader gone, a claim taken meanwhile), the instances it added are deleted from
// the archive and nothing is claimed. Instances the archive already held are never deleted.
import type { BridgeContext } from '../context';
import type { DicomJson } from '@tiered-care/common/dicomJson';
import { regionEndpoint, type Upstream } from '../pacs/endpoints';
import { pacsClient } from '../pacs/client';
import { AppError, audit, Conflict, Invalid, withActor, type Actor, type Db } from '@tiered-care/platform';
import { ArchiveReader, ArchiveRefused, type StoredInstance } from './archive';
import { readDeclared, type DeclaredUids } from './declared';
import { stowResponse, type Accepted } from './stowResponse';

export interface UploadResult {
  studyInstanceUids: string[];
  stored: number;
  failed: number;
  /** A STOW-RS store response (URLs under the archive's DICOMweb root, not yet rewritten). */
  response: DicomJson;
  upstream: Upstream;
}

const studyExists = () => Conflict('study_exists', 'a study with this StudyInstanceUID is already archived');

const ambiguous = (index: number) =>
  Conflict(
    'uids_mismatch',
    `the archive read file ${index + 1} as belonging to a different study, series or instance than it declares; nothing was kept`,
  );

/** Whether the study may receive this upload: not another institution's, not somebody's archived study. */
async function assertStudyOpen(ctx: BridgeContext, actor: Actor, up: Upstream, study: string): Promise<void> {
  const claimedByUs = await withActor(ctx.services.pool, actor, async (db) => {
    const { rows } = await db.query<{ institution_id: string }>(
      'SELECT institution_id FROM pacs_uploads WHERE pacs_endpoint_id = $1 AND study_instance_uid = $2',
      [up.endpointId, study],
    );
    // The policy shows only our own claims; another's is found when claiming (below) or here
    // through the archive, where its study already is.
    return rows.some((r) => r.institution_id === actor.institutionId);
  });
  if (claimedByUs) return;
  if ((await pacsClient(up).searchStudies({ StudyInstanceUID: study })).length > 0) throw studyExists();
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

const sameUids = (s: StoredInstance, d: DeclaredUids) =>
  s.studyInstanceUid === d.studyInstanceUid &&
  s.seriesInstanceUid === d.seriesInstanceUid &&
  s.sopInstanceUid === d.sopInstanceUid;

/** Deletes what a refused upload added; a failure here is logged, the refusal still stands. */
async function takeBack(ctx: BridgeContext, archive: ArchiveReader, added: string[], userId: string) {
  let left = 0;
  for (const id of added) {
    try {
      await archive.remove(id);
    } catch {
      left++;
    }
  }
  if (added.length > 0) {
    const log = left > 0 ? ctx.log.error.bind(ctx.log) : ctx.log.info.bind(ctx.log);
    log({ userId, added: added.length, left }, 'refused upload taken back from the archive');
  }
}

async function regionOf(ctx: BridgeContext, actor: Actor): Promise<Upstream> {
  const region = await withActor(ctx.services.pool, actor, (db) => regionEndpoint(db, ctx.services.crypto));
  if (!region) throw new AppError('unavailable', 'no_region_pacs', 'no regional image archive is configured');
  return region;
}

/** Stores the files (streams, read one after another) for `actor`, who may upload (checked by the caller). */
export async function storeUpload(
  ctx: BridgeContext,
  actor: Actor,
  files: AsyncIterable<AsyncIterable<Buffer>>,
): Promise<UploadResult> {
  const region = await regionOf(ctx, actor);
  const archive = new ArchiveReader(region);
  const added: string[] = [];
  const accepted: Accepted[] = [];
  const failed: DeclaredUids[] = [];
  const open = new Set<string>();
  try {
    let index = 0;
    for await (const file of files) {
      const { declared, body } = await readDeclared(file, index);
      if (!open.has(declared.studyInstanceUid)) {
        await assertStudyOpen(ctx, actor, region, declared.studyInstanceUid);
        open.add(declared.studyInstanceUid);
      }
      let stored: StoredInstance;
      try {
        stored = await archive.store(body);
      } catch (err) {
        if (!(err instanceof ArchiveRefused)) throw err;
        failed.push(declared);
        index++;
        continue;
      }
      if (stored.isNew) added.push(stored.id);
      if (!sameUids(stored, declared)) {
        ctx.log.warn(
          { userId: actor.userId, file: index + 1 },
          'upload refused: stored UIDs differ from declared',
        );
        throw ambiguous(index);
      }
      accepted.push({ ...stored, sopClassUid: declared.sopClassUid });
      index++;
    }
    if (accepted.length === 0) {
      throw failed.length > 0
        ? Invalid('not_stored', 'the archive accepted none of the files')
        : Invalid('no_files', 'the upload contains no application/dicom part');
    }
    const studyInstanceUids = [...new Set(accepted.map((a) => a.studyInstanceUid))];
    await withActor(ctx.services.pool, actor, async (db) => {
      for (const study of studyInstanceUids) await claim(db, region, actor, study);
      await audit(db, actor, {
        action: 'pacs.upload',
        entityType: 'patient',
        details: { studyInstanceUids, files: accepted.length, pacsEndpointId: region.endpointId },
      });
    });
    ctx.log.info(
      {
        userId: actor.userId,
        studies: studyInstanceUids.length,
        stored: accepted.length,
        failed: failed.length,
      },
      'pacs upload',
    );
    return {
      studyInstanceUids,
      stored: accepted.length,
      failed: failed.length,
      response: stowResponse(region.baseUrl, accepted, failed),
      upstream: region,
    };
  } catch (err) {
    await takeBack(ctx, archive, added, actor.userId);
    throw err;
  }
}
