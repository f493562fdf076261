// Attaching a PACS study to a referral: the sending side shares images it holds (see locate.ts).
// The study UID also goes into referrals.study_instance_uids.
import type { BridgeContext } from '../context';
import { Conflict, Forbidden, hasRole, NotFound, type Actor, type Db } from '@tiered-care/platform';
import { shareStudy, type InTx, type SharedStudy, type ShareTarget } from './shares';

const CLOSED = new Set(['completed', 'rejected', 'cancelled', 'redirected', 'no_show']);

/** The referral as a share target, checked for the caller (and locked in the writing step). */
function referralTarget(actor: Actor, referralId: string) {
  return async (db: Db, lock: boolean): Promise<ShareTarget> => {
    const { rows } = await db.query<{ patient_id: string; from_institution_id: string; status: string }>(
      `SELECT patient_id, from_institution_id, status FROM referrals WHERE id = $1 ${lock ? 'FOR UPDATE' : ''}`,
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
    return { kind: 'referral', id: referralId, patientId: referral.patient_id, referralId };
  };
}

export async function attachStudy(
  inTx: InTx,
  ctx: BridgeContext,
  actor: Actor,
  referralId: string,
  study: string,
): Promise<{ created: boolean; study: SharedStudy }> {
  const shared = await shareStudy(inTx, ctx, actor, referralTarget(actor, referralId), study);
  if (shared.created) {
    await inTx((db) =>
      db.query(
        `UPDATE referrals SET study_instance_uids = array_append(study_instance_uids, $2), updated_at = now()
         WHERE id = $1 AND NOT ($2 = ANY (study_instance_uids))`,
        [referralId, study],
      ),
    );
  }
  return { created: shared.created, study: shared.study };
}
