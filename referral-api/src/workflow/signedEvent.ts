// What referral and consultation events have in common when signed: the fields a signature
// covers (each stored on the event row, so verification can rebuild them) and signing as the
// caller with their own key.
import { signPayload, type Actor, type DataCrypto, type Db } from '@tiered-care/platform';

export interface SignedEventFields {
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorUserId: string;
  at: Date;
  details: unknown;
}

/** The covered fields besides the event's subject (referralId, consultationId). */
export function signedEventFields(e: SignedEventFields) {
  return {
    action: e.action,
    fromStatus: e.fromStatus,
    toStatus: e.toStatus,
    actorUserId: e.actorUserId,
    at: e.at.toISOString(),
    details: e.details,
  };
}

/** The caller's signature over `content`; null when they hold no signing key. */
export async function signAsCurrentUser(
  db: Db,
  crypto: DataCrypto,
  content: unknown,
): Promise<string | null> {
  const { rows } = await db.query<{ key: Buffer | null }>('SELECT signing_key_of_current_user() AS key');
  const key = rows[0]?.key;
  return key ? signPayload(crypto, key, content) : null;
}

/**
 * The values of an event row after its subject's id, in the column order both event tables
 * share: action, from_status, to_status, actor_user_id, actor_institution_id, at, details, signature.
 */
export function eventRowValues(
  e: { action: string; fromStatus: string | null; toStatus: string; details: unknown },
  actor: Actor,
  at: Date,
  signature: string | null,
): unknown[] {
  return [e.action, e.fromStatus, e.toStatus, actor.userId, actor.institutionId, at, e.details, signature];
}
