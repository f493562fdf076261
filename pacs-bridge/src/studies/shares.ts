// One shared_studies row: to a referral or to a consultation, from a PACS the caller may use
// (locate.ts), with its audit row. Sharing the same study twice to the same place returns the
// first share.
import type { BridgeContext } from '../context';
import { audit, type Actor, type Db } from '@tiered-care/platform';
import { pickSource, sourceCandidates } from './locate';
import { assertStudyIsPatients } from './patientMatch';

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

/** A transaction as the caller (row-level security), run by the route: keeps this free of express. */
export type InTx = <T>(fn: (db: Db) => Promise<T>) => Promise<T>;

export async function existingShare(db: Db, to: ShareTarget, study: string): Promise<SharedStudy | null> {
  const column = COLUMN[to.kind];
  const { rows } = await db.query<SharedStudy>(
    `SELECT s.id, s.study_instance_uid AS "studyInstanceUid", s.shared_at AS "sharedAt", u.display_name AS "sharedBy"
     FROM shared_studies s JOIN users u ON u.id = s.shared_by WHERE s.${column} = $1 AND s.study_instance_uid = $2`,
    [to.id, study],
  );
  return rows[0] ?? null;
}

/**
 * Shares a study in three steps so that no PACS call happens inside a transaction: check the
 * target and list the candidate archives (database), ask the archives (outside), then record the
 * share (database, the target checked again). `check` validates the target in each transaction.
 */
export async function shareStudy(
  inTx: InTx,
  ctx: BridgeContext,
  actor: Actor,
  check: (db: Db, lock: boolean) => Promise<ShareTarget>,
  study: string,
): Promise<{ created: boolean; study: SharedStudy; to: ShareTarget }> {
  const plan = await inTx(async (db) => {
    const to = await check(db, false);
    const existing = await existingShare(db, to, study);
    return { to, existing, candidates: existing ? [] : await sourceCandidates(ctx, db, study) };
  });
  if (plan.existing) return { created: false, study: plan.existing, to: plan.to };
  const { source, dicomPatientId } = await pickSource(plan.candidates, study);
  return inTx(async (db) => {
    const to = await check(db, true);
    await assertStudyIsPatients(db, ctx.services.crypto, to.patientId, dicomPatientId);
    const column = COLUMN[to.kind];
    const { rows } = await db.query<{ id: string; shared_at: Date }>(
      `INSERT INTO shared_studies (study_instance_uid, pacs_endpoint_id, ${column}, patient_id, shared_by)
       VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id, shared_at`,
      [study, source.endpointId, to.id, to.patientId, actor.userId],
    );
    const row = rows[0];
    if (!row) {
      // Shared by someone else meanwhile: the first share stands.
      const first = await existingShare(db, to, study);
      if (!first) throw new Error('shared study vanished');
      return { created: false, study: first, to };
    }
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
      to,
    };
  });
}
