// The order in which a workflow action is refused, shared by referrals and consultations:
// the wrong party first (403, whatever the version), then a stale version (409), then a status
// the action can't start from (409). Each refusal names the caller's allowed actions now.
import { Conflict, Forbidden, type Actor, type DataCrypto, type Db } from '@tiered-care/platform';

export interface ActionCheck<T> {
  verdict: { ok: true; to: T } | { ok: false; reason: 'forbidden' | 'invalid_transition' };
  action: string;
  /** "referral", "consultation": for the messages. */
  noun: string;
  status: string;
  version: number;
  sentVersion: number;
  allowedActions: readonly string[];
}

/** What an action's effects are worked out from: the locked row, the action's body, one `now`. */
export interface EffectInput<Row, Body> {
  db: Db;
  crypto: DataCrypto;
  actor: Actor;
  row: Row;
  body: Body;
  now: Date;
}

/** The columns a decision on a request sets (accept, decline, redirect…). */
export const decision = (actor: Actor, now: Date) => ({ decided_at: now, decided_by: actor.userId });

/** The transition's target when the action may go ahead; otherwise throws the refusal. */
export function refuseUnlessAllowed<T>(c: ActionCheck<T>): T {
  const context = { status: c.status, version: c.version, allowedActions: c.allowedActions };
  if (!c.verdict.ok && c.verdict.reason === 'forbidden') {
    throw Forbidden('action_forbidden', `you may not ${c.action} this ${c.noun}`, context);
  }
  if (c.version !== c.sentVersion) {
    throw Conflict(
      'version_conflict',
      `the ${c.noun} changed since you loaded it; reload and try again`,
      context,
    );
  }
  if (!c.verdict.ok) {
    throw Conflict('invalid_transition', `cannot ${c.action} a ${c.noun} that is ${c.status}`, context);
  }
  return c.verdict.to;
}

/**
 * Refuses the action (see refuseUnlessAllowed) or works out its effects, at one `now` for the
 * whole action; returns the transition's target with them.
 */
export async function refuseOrRunEffects<
  T,
  I extends { row: { status: string; version: number }; body: { version: number } },
  E,
>(
  check: Pick<ActionCheck<T>, 'verdict' | 'action' | 'noun' | 'allowedActions'>,
  input: I,
  effect: (i: I & { now: Date }) => E | Promise<E>,
): Promise<{ target: T; effects: E; now: Date }> {
  const target = refuseUnlessAllowed({
    ...check,
    status: input.row.status,
    version: input.row.version,
    sentVersion: input.body.version,
  });
  const now = new Date();
  return { target, effects: await effect({ ...input, now }), now };
}

export interface Sql {
  text: string;
  values: unknown[];
}

/**
 * The one write of an action: the new status, the version bumped, and the action's own columns,
 * returning the row. Column names come from the code's effect tables, never from a request.
 */
export function transitionSql(
  table: 'referrals' | 'consultations',
  id: string,
  status: string,
  now: Date,
  set: Record<string, unknown>,
): Sql {
  const columns = Object.keys(set);
  return {
    text: `UPDATE ${table} SET status = $2, version = version + 1, updated_at = $3
       ${columns.map((c, i) => `, ${c} = $${i + 4}`).join('')}
     WHERE id = $1 RETURNING *`,
    values: [id, status, now, ...columns.map((c) => set[c])],
  };
}

export async function applyTransition(
  db: Db,
  table: 'referrals' | 'consultations',
  id: string,
  status: string,
  now: Date,
  set: Record<string, unknown>,
): Promise<void> {
  const q = transitionSql(table, id, status, now, set);
  await db.query(q.text, q.values);
}
