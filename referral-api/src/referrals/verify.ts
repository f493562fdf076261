import { NotFound, verifyPayload, type Db } from '@tiered-care/platform';
import { signedContent } from './history';

export interface Verification {
  eventId: number;
  signed: boolean;
  valid: boolean;
  signer: { userId: string; name: string };
  publicKey: string;
}

/** Checks a decision's signature against the author's public key, from the stored event alone. */
export async function verifyEvent(db: Db, referralId: string, eventId: number): Promise<Verification> {
  const { rows } = await db.query<{
    action: string;
    from_status: string | null;
    to_status: string;
    actor_user_id: string;
    at: Date;
    details: unknown;
    signature: string | null;
    display_name: string;
    signing_public_key: string;
  }>(
    `SELECT e.action, e.from_status, e.to_status, e.actor_user_id, e.at, e.details, e.signature,
            u.display_name, u.signing_public_key
     FROM referral_events e JOIN users u ON u.id = e.actor_user_id
     WHERE e.referral_id = $1 AND e.id = $2`,
    [referralId, eventId],
  );
  const e = rows[0];
  if (!e) throw NotFound('event');
  const content = signedContent({
    referralId,
    action: e.action,
    fromStatus: e.from_status,
    toStatus: e.to_status,
    actorUserId: e.actor_user_id,
    at: e.at,
    details: e.details,
  });
  return {
    eventId,
    signed: e.signature !== null,
    valid: e.signature !== null && verifyPayload(e.signing_public_key, content, e.signature),
    signer: { userId: e.actor_user_id, name: e.display_name },
    publicKey: e.signing_public_key,
  };
}
