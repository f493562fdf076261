// The three rows every change writes in its transaction: the event (signed when it is a
// decision), the audit row, and the notification (an outbox row, delivered only after commit to
// every Node process listening, so no one hears of a change that was rolled back, and a listener
// that was disconnected reads what it missed: migrations 018 and 019). They go in one statement
// together with the change's own write to the referral, so a change costs one round trip.
import type { ReferralAction, ReferralStatus } from '@tiered-care/common';
import {
  AUDIT_COLUMNS,
  auditRowValues,
  notifyAfterCommit,
  signPayload,
  type Actor,
  type DataCrypto,
  type Db,
} from '@tiered-care/platform';
import {
  eventRowValues,
  signAsCurrentUser,
  signedEventFields,
  type SignedEventFields,
} from '../workflow/signedEvent';
import type { Sql } from '../workflow/guard';
import { prepared } from '../db/prepared';
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

export type { Sql };

export interface ChangeOptions {
  /** The change's write to the referral (INSERT or UPDATE … RETURNING *), run in the same statement. */
  write?: Sql;
  /** The caller's signing key when it was already read with the row (null: they hold none). */
  signingKey?: Buffer | null;
}

/** The event as stored: what the response's history needs besides what the caller already knows. */
export interface WrittenEvent {
  id: number;
  at: Date;
  details: Record<string, unknown>;
  signed: boolean;
}

/** Runs the write (if any), the event, the audit row and the notification as one statement. */
export async function recordChange(
  db: Db,
  crypto: DataCrypto,
  actor: Actor,
  c: Change,
  options: ChangeOptions = {},
): Promise<{ row: Record<string, unknown>; event: WrittenEvent }> {
  const at = new Date();
  let signature: string | null = null;
  if (c.action !== 'create' && SIGNED_ACTIONS.has(c.action)) {
    const content = signedContent({ ...c, actorUserId: actor.userId, at });
    signature =
      options.signingKey === undefined
        ? await signAsCurrentUser(db, crypto, content)
        : options.signingKey && signPayload(crypto, options.signingKey, content);
  }
  const values = [...(options.write?.values ?? [c.referralId])];
  const p = (v: unknown): string => {
    values.push(v);
    return `$${values.length}`;
  };
  const write = options.write?.text ?? 'SELECT $1::uuid AS id';
  const audit = auditRowValues(actor, {
    action: `referral.${c.action}`,
    entityType: 'referral',
    entityId: c.referralId,
    referralId: c.referralId,
    details: { fromStatus: c.fromStatus, toStatus: c.toStatus },
  });
  const notice = {
    referralId: c.referralId,
    action: c.action,
    status: c.toStatus,
    version: c.version,
    fromInstitutionId: c.fromInstitutionId,
    toInstitutionId: c.toInstitutionId,
    actorUserId: actor.userId,
  };
  // No written row, no event: the event's referral_id comes from the write and is NOT NULL. The
  // event's id is drawn beforehand because the insert cannot return it: RETURNING must pass the
  // events' read policy, which looks for the referral, and a referral written by this very
  // statement is not visible to it yet.
  const text = `WITH w AS (${write}),
    ev AS (SELECT nextval('referral_events_id_seq') AS id),
    e AS (INSERT INTO referral_events (id, referral_id, action, from_status, to_status, actor_user_id,
            actor_institution_id, at, details, signature)
          VALUES ((SELECT id FROM ev), (SELECT id FROM w),
            ${eventRowValues(c, actor, at, signature).map(p).join(', ')})),
    a AS (INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES (${audit.map(p).join(', ')}))
    SELECT w.*, ev.id AS event_id,
      outbox_event(${p(NOTIFY_CHANNEL)}, ${p(JSON.stringify(notice))}::jsonb) AS live_event_id
    FROM w, ev`;
  const { rows } = await db.query<{ event_id: number; live_event_id: number }>(prepared(text, values));
  const first = rows[0];
  if (!first) throw new Error(`recording ${c.action} of referral ${c.referralId} wrote no row`);
  const { event_id: id, live_event_id: liveId, ...row } = first;
  notifyAfterCommit(db, NOTIFY_CHANNEL, JSON.stringify({ ...notice, eventId: liveId }));
  // The details as stored: jsonb keeps what JSON keeps (no undefined members).
  const details = JSON.parse(JSON.stringify(c.details)) as Record<string, unknown>;
  return { row, event: { id, at, details, signed: signature !== null } };
}
