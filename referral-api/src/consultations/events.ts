// The consultation's history: every workflow step is an event row (signed for decisions), an
// audit row and a notification, written in the caller's transaction so they commit together.
import type { ConsultationStatus } from '@tiered-care/common';
import { verifyPayload, type Actor, type DataCrypto, type Db } from '@tiered-care/platform';
import {
  eventRowValues,
  signAsCurrentUser,
  signedEventFields,
  type SignedEventFields,
} from '../workflow/signedEvent';
import { auditConsultation, notifyParticipants } from './access';
import { SIGNED_CONSULTATION_ACTIONS } from './workflow';

export interface ConsultationChange {
  consultationId: string;
  patientId: string | null;
  referralId: string | null;
  action: string;
  fromStatus: ConsultationStatus | null;
  toStatus: ConsultationStatus;
  details: Record<string, unknown>;
}

export interface ConsultationEvent {
  id: number;
  action: string;
  fromStatus: ConsultationStatus | null;
  toStatus: ConsultationStatus;
  at: Date;
  actor: { userId: string; displayName: string; institutionName: string | null };
  details: Record<string, unknown>;
  signed: boolean;
  /** Whether the signature matches the stored event under the actor's key (null: unsigned). */
  verified: boolean | null;
}

/** What an event signature covers; rebuilt from the stored row to verify it. */
export function eventContent(e: SignedEventFields & { consultationId: string }) {
  return { kind: 'consultation-event', consultationId: e.consultationId, ...signedEventFields(e) };
}

/** `crypto` may be null only for actions that are never signed (start, end). */
export async function recordConsultationChange(
  db: Db,
  crypto: DataCrypto | null,
  actor: Actor,
  c: ConsultationChange,
): Promise<void> {
  await insertConsultationEvent(db, crypto, actor, c);
  await auditConsultation(db, actor, c.action, c, {
    fromStatus: c.fromStatus,
    toStatus: c.toStatus,
    ...c.details,
  });
  await notifyParticipants(db, actor, c.consultationId, c.action, c.toStatus);
}

/** The history row alone, for callers that audit and notify in their own words. */
export async function insertConsultationEvent(
  db: Db,
  crypto: DataCrypto | null,
  actor: Actor,
  c: Omit<ConsultationChange, 'patientId' | 'referralId'>,
): Promise<void> {
  const at = new Date();
  let signature: string | null = null;
  if (crypto && SIGNED_CONSULTATION_ACTIONS.has(c.action as never)) {
    signature = await signAsCurrentUser(db, crypto, eventContent({ ...c, actorUserId: actor.userId, at }));
  }
  await db.query(
    `INSERT INTO consultation_events (consultation_id, action, from_status, to_status, actor_user_id,
       actor_institution_id, at, details, signature)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [c.consultationId, ...eventRowValues(c, actor, at, signature)],
  );
}

/** The history, oldest first, each signed event verified against its author's key. */
export async function listConsultationEvents(db: Db, consultationId: string): Promise<ConsultationEvent[]> {
  const { rows } = await db.query<{
    id: number;
    action: string;
    fromStatus: ConsultationStatus | null;
    toStatus: ConsultationStatus;
    at: Date;
    actorUserId: string;
    displayName: string;
    institutionName: string | null;
    details: Record<string, unknown>;
    signature: string | null;
    publicKey: string;
  }>(
    `SELECT e.id::int, e.action, e.from_status AS "fromStatus", e.to_status AS "toStatus", e.at,
            e.actor_user_id AS "actorUserId", u.display_name AS "displayName", i.name AS "institutionName",
            e.details, e.signature, u.signing_public_key AS "publicKey"
     FROM consultation_events e
     JOIN users u ON u.id = e.actor_user_id
     LEFT JOIN institutions i ON i.id = e.actor_institution_id
     WHERE e.consultation_id = $1 ORDER BY e.id`,
    [consultationId],
  );
  return rows.map((r) => ({
    id: r.id,
    action: r.action,
    fromStatus: r.fromStatus,
    toStatus: r.toStatus,
    at: r.at,
    actor: { userId: r.actorUserId, displayName: r.displayName, institutionName: r.institutionName },
    details: r.details,
    signed: r.signature !== null,
    verified:
      r.signature === null
        ? null
        : safeVerify(r.publicKey, eventContent({ ...r, consultationId }), r.signature),
  }));
}

function safeVerify(publicKey: string, payload: unknown, signature: string): boolean {
  try {
    return verifyPayload(publicKey, payload, signature);
  } catch {
    return false;
  }
}
