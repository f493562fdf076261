// The consultation chat. Messages are append-only records (who wrote what, when); each message
// row is its own trail, so writes are not audited one by one. Reading the history of a
// consultation about a patient is audited, since messages may carry clinical details.
import type { ChatHistoryQuery } from '@tiered-care/common';
import { Invalid, type Actor, type Db } from '@tiered-care/platform';
import { assertParticipant, assertPatientReachable, auditConsultation } from './access';
import { notOpen } from './lifecycle';

export interface ChatMessage {
  id: number;
  consultationId: string;
  userId: string;
  displayName: string;
  at: Date;
  text: string;
}

/** Stores one message by the caller; returns it as every participant will see it. */
export async function addChatMessage(
  db: Db,
  actor: Actor,
  consultationId: string,
  text: string,
): Promise<ChatMessage> {
  // Signaling validates its payloads; this repeats the rule so no caller reaches the CHECK.
  const clean = text.trim();
  if (clean.length < 1 || clean.length > 2000) {
    throw Invalid('invalid_message', 'a message has 1 to 2000 characters');
  }
  const me = await assertParticipant(db, actor, consultationId);
  if (me.status !== 'scheduled' && me.status !== 'live') throw notOpen(me.status);
  const { rows } = await db.query<ChatMessage>(
    `WITH m AS (
       INSERT INTO consultation_messages (consultation_id, user_id, text) VALUES ($1, $2, $3)
       RETURNING id, consultation_id, user_id, at, text)
     SELECT m.id, m.consultation_id AS "consultationId", m.user_id AS "userId",
            u.display_name AS "displayName", m.at, m.text
     FROM m JOIN users u ON u.id = m.user_id`,
    [consultationId, actor.userId, clean],
  );
  return rows[0] as ChatMessage;
}

/** Messages after `after` (an id the client already has), oldest first. */
export async function listChatMessages(
  db: Db,
  actor: Actor,
  consultationId: string,
  q: Partial<ChatHistoryQuery> = {},
): Promise<ChatMessage[]> {
  const me = await assertParticipant(db, actor, consultationId);
  await assertPatientReachable(db, me.patientId);
  const { rows } = await db.query<ChatMessage>(
    `SELECT m.id, m.consultation_id AS "consultationId", m.user_id AS "userId",
            u.display_name AS "displayName", m.at, m.text
     FROM consultation_messages m JOIN users u ON u.id = m.user_id
     WHERE m.consultation_id = $1 AND m.id > $2
     ORDER BY m.id LIMIT $3`,
    [consultationId, q.after ?? 0, q.limit ?? 200],
  );
  if (me.patientId && rows.length > 0) {
    await auditConsultation(db, actor, 'chat_read', me, { count: rows.length });
  }
  return rows;
}
