// One shared_studies row: to a referral or to a consultation, from a PACS the caller may use
// (locate.ts), with its audit row. Sharing the same study twice to the same place returns the
// first share.
import type { BridgeContext } from '../context';
import { audit, type Actor, type Db } from '../platform';
import { locateStudy } from './locate';

export interface SharedStudy {
  id: string;
  studyInstanceUid: string;
  sharedAt: Date;
  sharedBy: string;
}

export interface ShareTarget {
  kind: 'referral' | 'consultation';
  id: string;
  patientId: string;
  /** For the audit row: the referral itself, or the one the consultation is about. */
  referralId: string | null;
}

const COLUMN = { referral: 'referral_id', consultation: 'consultation_id' } as const;

export async function shareStudy(
  db: Db,
  ctx: BridgeContext,
  actor: Actor,
  to: ShareTarget,
  study: string,
): Promise<{ created: boolean; study: SharedStudy }> {
  const column = COLUMN[to.kind];
  const existing = await db.query<SharedStudy>(
    `SELECT s.id, s.study_instance_uid AS "studyInstanceUid", s.shared_at AS "sharedAt", u.display_name AS "sharedBy"
     FROM shared_studies s JOIN users u ON u.id = s.shared_by WHERE s.${column} = $1 AND s.study_instance_uid = $2`,
    [to.id, study],
  );
  if (existing.rows[0]) return { created: false, study: existing.rows[0] };

  const source = await locateStudy(ctx, db, study);
  const { rows } = await db.query<{ id: string; shared_at: Date }>(
    `INSERT INTO shared_studies (study_instance_uid, pacs_endpoint_id, ${column}, patient_id, shared_by)
     VALUES ($1, $2, $3, $4, $5) RETURNING id, shared_at`,
    [study, source.endpointId, to.id, to.patientId, actor.userId],
  );
  const row = rows[0];
  if (!row) throw new Error('shared study insert returned nothing');
  await audit(db, actor, {
    action: 'pacs.attach',
    entityType: to.kind,
    entityId: to.id,
    referralId: to.referralId,
    patientId: to.patientId,
    details: { studyInstanceUid: study, pacsEndpointId: source.endpointId },
  });
  return {
    created: true,
    study: { id: row.id, studyInstanceUid: study, sharedAt: row.shared_at, sharedBy: actor.displayName },
  };
}
