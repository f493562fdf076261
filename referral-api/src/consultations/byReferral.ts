// The consultations about a referral, for the referral's timeline: the referring doctor reads
// the consultation's steps and its conclusion where they work. Row-level security decides which
// consultations the caller sees; the referral itself must be one they see.
import type { ConsultationStatus, Priority } from '@tiered-care/common';
import { NotFound, type Actor, type Db } from '@tiered-care/platform';
import type { ConsultationEvent } from './events';
import { getConsultation, type ConsultationConclusion } from './read';

export interface ReferralConsultation {
  id: string;
  title: string;
  status: ConsultationStatus;
  priority: Priority | null;
  scheduledAt: Date | null;
  /** Whether the caller may open the record and the report PDF. */
  recordVisible: boolean;
  conclusion: ConsultationConclusion | null;
  events: ConsultationEvent[];
}

export async function referralConsultations(
  db: Db,
  actor: Actor,
  referralId: string,
): Promise<ReferralConsultation[]> {
  const { rowCount } = await db.query('SELECT 1 FROM referrals WHERE id = $1', [referralId]);
  if (!rowCount) throw NotFound('referral');
  const { rows } = await db.query<{ id: string }>(
    'SELECT id FROM consultations WHERE referral_id = $1 ORDER BY created_at, id',
    [referralId],
  );
  const out: ReferralConsultation[] = [];
  for (const { id } of rows) {
    const d = await getConsultation(db, actor, id, { audit: false });
    out.push({
      id,
      title: d.title,
      status: d.status,
      priority: d.request?.priority ?? null,
      scheduledAt: d.scheduledAt,
      recordVisible: d.recordVisible,
      conclusion: d.conclusion,
      events: d.events,
    });
  }
  return out;
}
