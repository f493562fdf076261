// The three rows every change writes in its transaction: the event (signed when it is a
// decision), the audit row, and the notification (an outbox row plus pg_notify, delivered only on
// commit to every Node process listening, so no one hears of a change that was rolled back, and
// a listener that was disconnected reads what it missed: migration 018).
import type { ReferralAction, ReferralStatus } from '@tiered-care/common';
import { audit, type Actor, type DataCrypto, type Db } from '@tiered-care/platform';
import {
  eventRowValues,
  signAsCurrentUser,
  signedEventFields,
  type SignedEventFields,
} from '../workflow/signedEvent';
import { SIGNED_ACTIONS } from './stateMachine';

export const NOTIFY_CHANNEL = 'referral_changed';

export interface Change {
  referralId: string;
  action: ReferralAction | 'create';
  fromStatus: ReferralStatus | null;
  toStatus: ReferralStatus;
  version: number;
  fromInstitutionId: string;
  toInstitutionId: string;
  details: Record<string, unknown>;
}

/** What a signature covers; rebuilt from the stored event to verify it. */
export function signedContent(e: SignedEventFields & { referralId: string }) {
  return { referralId: e.referralId, ...signedEventFields(e) };
}

export async function recordChange(db: Db, crypto: DataCrypto, actor: Actor, c: Change): Promise<void> {
  const at = new Date();
  let signature: string | null = null;
  if (c.action !== 'create' && SIGNED_ACTIONS.has(c.action)) {
    signature = await signAsCurrentUser(db, crypto, signedContent({ ...c, actorUserId: actor.userId, at }));
  }
  await db.query(
    `INSERT INTO referral_events (referral_id, action, from_status, to_status, actor_user_id, actor_institution_id, at, details, signature)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [c.referralId, ...eventRowValues(c, actor, at, signature)],
  );
  await audit(db, actor, {
    action: `referral.${c.action}`,
    entityType: 'referral',
    entityId: c.referralId,
    referralId: c.referralId,
    details: { fromStatus: c.fromStatus, toStatus: c.toStatus },
  });
  await db.query('SELECT live_event($1, $2::jsonb)', [
    NOTIFY_CHANNEL,
    JSON.stringify({
      referralId: c.referralId,
      action: c.action,
      status: c.toStatus,
      version: c.version,
      fromInstitutionId: c.fromInstitutionId,
      toInstitutionId: c.toInstitutionId,
      actorUserId: actor.userId,
    }),
  ]);
}
