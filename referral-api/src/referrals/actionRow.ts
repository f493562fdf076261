// What an action reads before it writes, in one statement: the referral locked, with the names
// its response shows, its history so far (no event is added without this row's lock, so the
// history cannot change until commit), who the caller is by name, and their signing key when the
// action is signed. With the write statement (history.ts) that makes an action two round trips.
import type { Actor, Db } from '@tiered-care/platform';
import { prepared } from '../db/prepared';
import type { WrittenEvent } from './history';
import {
  eventsJson,
  eventsWithDates,
  REFERRAL_SELECT,
  type ReferralEvent,
  type ReferralRow,
} from './referralRow';

export interface LockedRow extends ReferralRow {
  events: ReferralEvent[];
  actor_name: string;
  actor_institution_name: string;
  signing_key: Buffer | null;
}

export async function lockForAction(db: Db, id: string, signed: boolean): Promise<LockedRow | null> {
  const sql = REFERRAL_SELECT.replace(
    /^\s*SELECT r\.\*,/,
    `SELECT r.*, ${eventsJson('r.id')} AS events,
      (SELECT display_name FROM users WHERE id = app_user_id()) AS actor_name,
      (SELECT name FROM institutions WHERE id = app_institution_id()) AS actor_institution_name,
      ${signed ? 'signing_key_of_current_user()' : 'NULL::bytea'} AS signing_key,`,
  );
  const { rows } = await db.query<
    Omit<LockedRow, 'events'> & { events: (Omit<ReferralEvent, 'at'> & { at: string })[] }
  >(prepared(`${sql} WHERE r.id = $1 FOR UPDATE OF r`, [id]));
  const row = rows[0];
  return row ? { ...row, events: eventsWithDates(row.events) } : null;
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
