// 会诊记录: the whole record of one consultation on one page (question, who took part and for
// how long, chat, opinions, conclusion, recordings, history), for its participants and, for
// audit, an administrator of a participating institution. Anyone else gets 404.
import { NotFound, PatientAccessEnded, type Actor, type Db } from '@tiered-care/platform';
import { auditConsultation } from './access';
import type { ChatMessage } from './chat';
import { getConsultation, type ConsultationDetail } from './read';

export interface AttendanceSummary {
  userId: string;
  firstJoinedAt: Date;
  lastLeftAt: Date | null;
  /** Minutes in the room over every visit (an open visit counts up to now). */
  minutes: number;
  visits: number;
}

export interface ConsultationRecord extends ConsultationDetail {
  messages: ChatMessage[];
  attendanceSummary: AttendanceSummary[];
}

export async function getRecord(
  db: Db,
  actor: Actor,
  id: string,
  now = new Date(),
): Promise<ConsultationRecord> {
  const detail = await getConsultation(db, actor, id, { audit: false });
  if (!detail.recordVisible) throw NotFound('consultation');
  if (detail.patientAccess === 'ended') throw PatientAccessEnded();
  const { rows: messages } = await db.query<ChatMessage>(
    `SELECT m.id::int, m.consultation_id AS "consultationId", m.user_id AS "userId",
            u.display_name AS "displayName", m.at, m.text
     FROM consultation_messages m JOIN users u ON u.id = m.user_id
     WHERE m.consultation_id = $1 ORDER BY m.id`,
    [id],
  );
  await auditConsultation(db, actor, 'record_read', {
    consultationId: id,
    patientId: detail.patient?.id ?? null,
    referralId: detail.referralId,
  });
  return { ...detail, messages, attendanceSummary: summarise(detail, now) };
}

export function summarise(detail: Pick<ConsultationDetail, 'attendance'>, now: Date): AttendanceSummary[] {
  const byUser = new Map<string, AttendanceSummary & { ms: number }>();
  for (const a of detail.attendance) {
    const s = byUser.get(a.userId) ?? {
      userId: a.userId,
      firstJoinedAt: a.joinedAt,
      lastLeftAt: null,
      minutes: 0,
      visits: 0,
      ms: 0,
    };
    s.visits += 1;
    s.ms += (a.leftAt ?? now).getTime() - a.joinedAt.getTime();
    if (a.leftAt && (!s.lastLeftAt || a.leftAt > s.lastLeftAt)) s.lastLeftAt = a.leftAt;
    byUser.set(a.userId, s);
  }
  return [...byUser.values()].map(({ ms, ...s }) => ({ ...s, minutes: Math.round(ms / 6000) / 10 }));
}
