// Studies in a consultation: any participant who is clinical staff shares images of the
// consultation's patient from a PACS they may use; every participant lists the studies shared
// to the consultation plus those of the referral it is about. A non-participant gets 404.
import type { ConsultationStatus } from '@tiered-care/common';
import type { BridgeContext } from '../context';
import { assertParticipant, notifyParticipants } from '@tiered-care/referral-api';
import { audit, Conflict, Forbidden, hasRole, type Actor, type Db } from '@tiered-care/platform';
import { planStudies, type PlannedStudy, type ShareRow } from './list';
import { shareStudy, type InTx, type SharedStudy, type ShareTarget } from './shares';

export async function attachStudyToConsultation(
  inTx: InTx,
  ctx: BridgeContext,
  actor: Actor,
  consultationId: string,
  study: string,
): Promise<{ created: boolean; study: SharedStudy }> {
  let status: ConsultationStatus = 'scheduled';
  const check = async (db: Db, lock: boolean): Promise<ShareTarget> => {
    const c = await assertParticipant(db, actor, consultationId, { lock });
    if (!hasRole(actor, 'doctor', 'specialist', 'coordinator')) {
      throw Forbidden('role_required', 'only doctors, specialists and coordinators share images');
    }
    if (!OPEN.includes(c.status)) throw Conflict('consultation_ended', 'the consultation is over');
    if (!c.patientId) {
      throw Conflict('no_patient', 'the consultation is not about a patient, so it takes no images');
    }
    status = c.status;
    return { kind: 'consultation', id: consultationId, patientId: c.patientId, referralId: c.referralId };
  };
  const shared = await shareStudy(inTx, ctx, actor, check, study);
  // The others in the room see the new study in their list without reloading.
  if (shared.created)
    await inTx((db) => notifyParticipants(db, actor, consultationId, 'study_shared', status));
  return { created: shared.created, study: shared.study };
}

/** While a consultation is requested or under way, its participants share images into it. */
const OPEN: readonly ConsultationStatus[] = ['requested', 'info_requested', 'scheduled', 'live'];

export async function listConsultationStudies(
  db: Db,
  ctx: BridgeContext,
  actor: Actor,
  consultationId: string,
): Promise<PlannedStudy[]> {
  const c = await assertParticipant(db, actor, consultationId);
  // A study shared both ways is listed once, as first shared.
  const { rows } = await db.query<ShareRow>(
    `SELECT * FROM (
       SELECT DISTINCT ON (s.study_instance_uid) s.id, s.study_instance_uid AS uid, s.shared_at,
              u.display_name AS shared_by
       FROM shared_studies s JOIN users u ON u.id = s.shared_by
       WHERE s.consultation_id = $1 OR s.referral_id = $2
       ORDER BY s.study_instance_uid, s.shared_at, s.id) first
     ORDER BY shared_at, id`,
    [consultationId, c.referralId],
  );
  const planned = await planStudies(db, ctx, rows);
  await audit(db, actor, {
    action: 'pacs.list',
    entityType: 'consultation',
    entityId: consultationId,
    referralId: c.referralId,
    patientId: c.patientId,
    details: { studyInstanceUids: rows.map((r) => r.uid) },
  });
  return planned;
}
