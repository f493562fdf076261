// The studies shared to a referral, with a summary from the PACS for the referral page.
import type { StudySummary as WireStudySummary } from '@tiered-care/common';
import type { BridgeContext } from '../context';
import { num, str, strs } from '@tiered-care/common/dicomJson';
import { TAG } from '../dicom/tags';
import { pacsClient } from '../pacs/client';
import { studySource, type Upstream } from '../pacs/endpoints';
import { AppError, audit, NotFound, type Actor, type Db } from '@tiered-care/platform';

/** As common's wire type, before JSON turns the share time into a string. */
export type StudySummary = Omit<WireStudySummary, 'sharedAt'> & { sharedAt: Date };

/** A shared_studies row as the listings select it. */
export interface ShareRow {
  id: string;
  uid: string;
  shared_at: Date;
  shared_by: string;
}

/** A share and the archive that holds it, resolved inside the caller's transaction. */
export interface PlannedStudy {
  row: ShareRow;
  source: Upstream | null;
}

/** Where each shared study lives, as the caller may see it (row-level security decides). */
export async function planStudies(db: Db, ctx: BridgeContext, rows: ShareRow[]): Promise<PlannedStudy[]> {
  const planned: PlannedStudy[] = [];
  for (const row of rows) planned.push({ row, source: await studySource(db, ctx.services.crypto, row.uid) });
  return planned;
}

/**
 * What each archive says about each study, asked after the transaction has ended (a slow or
 * hung PACS must not hold a database connection) and in parallel. A study whose archive is
 * away or too slow is listed as not available rather than failing the whole list.
 */
export async function describeStudies(planned: PlannedStudy[]): Promise<StudySummary[]> {
  return Promise.all(
    planned.map(async ({ row, source }) => {
      const base = {
        id: row.id,
        studyInstanceUid: row.uid,
        sharedAt: row.shared_at,
        sharedBy: row.shared_by,
      };
      const found = source
        ? await pacsClient(source)
            // Series and instance counts come by default. One field only: dicomweb-client encodes a comma
            // list as %2C, which Orthanc 1.10 doesn't split.
            .searchStudies({ StudyInstanceUID: row.uid, includefield: TAG.StudyDescription })
            .catch((err: unknown) => {
              if (err instanceof AppError && ['unavailable', 'timeout', 'upstream'].includes(err.kind))
                return [];
              throw err;
            })
        : [];
      const s = found[0];
      return {
        ...base,
        available: s !== undefined,
        studyDate: s ? str(s, TAG.StudyDate) : null,
        modalities: s ? strs(s, TAG.ModalitiesInStudy) : [],
        description: s ? str(s, TAG.StudyDescription) : null,
        numberOfSeries: s ? num(s, TAG.NumberOfStudyRelatedSeries) : null,
        numberOfInstances: s ? num(s, TAG.NumberOfStudyRelatedInstances) : null,
      };
    }),
  );
}

export async function listReferralStudies(
  db: Db,
  ctx: BridgeContext,
  actor: Actor,
  referralId: string,
): Promise<PlannedStudy[]> {
  const referral = await db.query<{ patient_id: string }>('SELECT patient_id FROM referrals WHERE id = $1', [
    referralId,
  ]);
  const patientId = referral.rows[0]?.patient_id;
  if (!patientId) throw NotFound('referral');
  const { rows } = await db.query<ShareRow>(
    `SELECT s.id, s.study_instance_uid AS uid, s.shared_at, u.display_name AS shared_by
     FROM shared_studies s JOIN users u ON u.id = s.shared_by
     WHERE s.referral_id = $1 ORDER BY s.shared_at, s.id`,
    [referralId],
  );
  const planned = await planStudies(db, ctx, rows);
  await audit(db, actor, {
    action: 'pacs.list',
    entityType: 'referral',
    entityId: referralId,
    referralId,
    patientId,
    details: { studyInstanceUids: rows.map((r) => r.uid) },
  });
  return planned;
}
