// Attaching a PACS study to a referral: the sending side shares images it holds, either in its
// own institution's PACS or in the region's (only studies it uploaded there, or that are
// already shared with it). The study UID also goes into referrals.study_instance_uids.
import type { BridgeContext } from '../context';
import { pacsClient } from '../pacs/client';
import { ownEndpoint, regionEndpoint, type Upstream } from '../pacs/endpoints';
import { audit, Conflict, Forbidden, hasRole, NotFound, type Actor, type Db } from '../platform';

const CLOSED = new Set(['completed', 'rejected', 'cancelled', 'redirected', 'no_show']);

export interface SharedStudy {
  id: string;
  studyInstanceUid: string;
  sharedAt: Date;
  sharedBy: string;
}

async function existsIn(up: Upstream, study: string): Promise<boolean> {
  return (await pacsClient(up).searchStudies({ StudyInstanceUID: study })).length > 0;
}

/** Region studies need the caller's upload claim, or an existing share the caller can see. */
async function mayTakeFromRegion(db: Db, region: Upstream, study: string): Promise<boolean> {
  const { rowCount } = await db.query(
    `SELECT 1 FROM pacs_uploads WHERE pacs_endpoint_id = $1 AND study_instance_uid = $2
     UNION ALL
     SELECT 1 FROM shared_studies WHERE pacs_endpoint_id = $1 AND study_instance_uid = $2`,
    [region.endpointId, study],
  );
  return (rowCount ?? 0) > 0;
}

async function locate(ctx: BridgeContext, db: Db, study: string): Promise<Upstream> {
  const own = await ownEndpoint(db, ctx.services.crypto);
  if (own && (await existsIn(own, study))) return own;
  const region = await regionEndpoint(db, ctx.services.crypto);
  if (region && (await mayTakeFromRegion(db, region, study)) && (await existsIn(region, study)))
    return region;
  throw NotFound('study');
}

export async function attachStudy(
  db: Db,
  ctx: BridgeContext,
  actor: Actor,
  referralId: string,
  study: string,
): Promise<{ created: boolean; study: SharedStudy }> {
  const { rows } = await db.query<{ patient_id: string; from_institution_id: string; status: string }>(
    'SELECT patient_id, from_institution_id, status FROM referrals WHERE id = $1 FOR UPDATE',
    [referralId],
  );
  const referral = rows[0];
  if (!referral) throw NotFound('referral');
  if (
    referral.from_institution_id !== actor.institutionId ||
    !hasRole(actor, 'doctor', 'specialist', 'coordinator')
  ) {
    throw Forbidden('not_sender', 'only clinical staff of the referring institution attach images');
  }
  if (CLOSED.has(referral.status)) throw Conflict('referral_closed', `the referral is ${referral.status}`);

  const existing = await db.query<SharedStudy>(
    `SELECT s.id, s.study_instance_uid AS "studyInstanceUid", s.shared_at AS "sharedAt", u.display_name AS "sharedBy"
     FROM shared_studies s JOIN users u ON u.id = s.shared_by WHERE s.referral_id = $1 AND s.study_instance_uid = $2`,
    [referralId, study],
  );
  if (existing.rows[0]) return { created: false, study: existing.rows[0] };

  const source = await locate(ctx, db, study);
  const inserted = await db.query<{ id: string; shared_at: Date }>(
    `INSERT INTO shared_studies (study_instance_uid, pacs_endpoint_id, referral_id, patient_id, shared_by)
     VALUES ($1, $2, $3, $4, $5) RETURNING id, shared_at`,
    [study, source.endpointId, referralId, referral.patient_id, actor.userId],
  );
  await db.query(
    `UPDATE referrals SET study_instance_uids = array_append(study_instance_uids, $2), updated_at = now()
     WHERE id = $1 AND NOT ($2 = ANY (study_instance_uids))`,
    [referralId, study],
  );
  await audit(db, actor, {
    action: 'pacs.attach',
    entityType: 'referral',
    entityId: referralId,
    referralId,
    patientId: referral.patient_id,
    details: { studyInstanceUid: study, pacsEndpointId: source.endpointId },
  });
  const row = inserted.rows[0];
  if (!row) throw new Error('shared study insert returned nothing');
  return {
    created: true,
    study: { id: row.id, studyInstanceUid: study, sharedAt: row.shared_at, sharedBy: actor.displayName },
  };
}
