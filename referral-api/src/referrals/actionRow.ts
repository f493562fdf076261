// What an action reads before it writes, in one statement: the referral locked, with the names
// its response shows, its history so far (no event is added without this row's lock, so the
// history cannot change until commit), who the caller is by name, and their signing key when the
// action is signed. With the write statement (history.ts) that makes an action two round trips.
import type { Actor, Db } from '@tiered-care/platform';
import { prepared } from '../db/prepared';
import type { WrittenEvent } from './history';
import { REFERRAL_SELECT, type ReferralEvent, type ReferralRow } from './referralRow';

export interface LockedRow extends ReferralRow {
  events: ReferralEvent[];
  actor_name: string;
  actor_institution_name: string;
  signing_key: Buffer | null;
}

const EVENTS = `coalesce((SELECT json_agg(json_build_object('id', e.id, 'action', e.action,
    'fromStatus', e.from_status, 'toStatus', e.to_status, 'at', e.at,
    'actor', json_build_object('userId', e.actor_user_id, 'name', u.display_name,
      'institutionId', e.actor_institution_id, 'institutionName', i.name),
    'details', e.details, 'signed', e.signature IS NOT NULL) ORDER BY e.id)
  FROM referral_events e JOIN users u ON u.id = e.actor_user_id JOIN institutions i ON i.id = e.actor_institution_id
  WHERE e.referral_id = r.id), '[]')`;

export async function lockForAction(db: Db, id: string, signed: boolean): Promise<LockedRow | null> {
  const sql = REFERRAL_SELECT.replace(
    /^\s*SELECT r\.\*,/,
    `SELECT r.*, ${EVENTS} AS events,
      (SELECT display_name FROM users WHERE id = app_user_id()) AS actor_name,
      (SELECT name FROM institutions WHERE id = app_institution_id()) AS actor_institution_name,
      ${signed ? 'signing_key_of_current_user()' : 'NULL::bytea'} AS signing_key,`,
  );
  const { rows } = await db.query<Omit<LockedRow, 'events'> & { events: (ReferralEvent & { at: string })[] }>(
    prepared(`${sql} WHERE r.id = $1 FOR UPDATE OF r`, [id]),
  );
  const row = rows[0];
  // json_agg gives timestamps as text; the history read on its own (loadEvents) gives Dates.
  return row ? { ...row, events: row.events.map((e) => ({ ...e, at: new Date(e.at) })) } : null;
}

/** The event just written, as the history lists it. */
export function eventOf(
  e: WrittenEvent,
  change: { action: string; fromStatus: ReferralEvent['fromStatus']; toStatus: ReferralEvent['toStatus'] },
  actor: Actor,
  names: { name: string; institutionName: string },
): ReferralEvent {
  return {
    id: e.id,
    action: change.action,
    fromStatus: change.fromStatus,
    toStatus: change.toStatus,
    at: e.at,
    actor: {
      userId: actor.userId,
      name: names.name,
      institutionId: actor.institutionId ?? '',
      institutionName: names.institutionName,
    },
    details: e.details,
    signed: e.signed,
  };
}
