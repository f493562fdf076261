// "Raw pg": the statements the API's handlers run for the same operation, sent straight through
// `pg` as the app role, in a transaction that sets the request context exactly like
// src/db/tx.ts (we call its withActor). No HTTP, express, token check, zod, extra reads or JSON
// response: this is the floor our HTTP layer can approach, not a target it can reach, since
// the app also runs statements left out here (idempotency key, patient and route checks,
// sequence, signing key, re-reading the row and its events). The SQL text is copied from
// create.ts, actions.ts, history.ts, audit.ts and read.ts; keep it in sync when they change.
import { randomUUID } from 'node:crypto';
import { ReferralListQuery } from '@tiered-care/common';
import type pg from 'pg';
import { withActor, type Actor, type Db } from '@tiered-care/platform';
import { newCheckInCode, referralNumber } from '../src/referrals/codes';
import { INSERT_REFERRAL } from '../src/referrals/create';
import { decisionDueAt } from '../src/referrals/dueTime';
import { NOTIFY_CHANNEL } from '../src/referrals/history';
import { REFERRAL_SELECT, type ReferralRow } from '../src/referrals/referralRow';
import {
  boxCountsQuery,
  encodeCursor,
  worklistPageQuery,
  type Cursor,
  type Sql,
} from '../src/referrals/worklistQuery';
import { REFERRAL_TEXT, type Created, type CreateInput } from './http';

const EVENT_INSERT = `INSERT INTO referral_events (referral_id, action, from_status, to_status, actor_user_id, actor_institution_id, at, details, signature)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`;
const AUDIT_INSERT = `INSERT INTO audit_log (actor_user_id, actor_institution_id, action, entity_type, entity_id,
       referral_id, patient_id, ip, user_agent, details)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`;
// The app signs accept events with Ed25519 (88 base64 characters); the floor skips the signing
// but stores a value of the same size so the rows weigh the same.
const SIGNATURE_STAND_IN = 'x'.repeat(88);

const auditValues = (a: Actor, action: string, referralId: string | null, details: unknown) => [
  a.userId,
  a.institutionId,
  action,
  'referral',
  referralId,
  referralId,
  null,
  a.ip,
  a.userAgent,
  details,
];

interface Notice {
  id: string;
  action: string;
  status: string;
  version: number;
  from: string | null;
  to: string;
}

async function notify(db: Db, a: Actor, n: Notice) {
  await db.query('SELECT live_event($1, $2::jsonb)', [
    NOTIFY_CHANNEL,
    JSON.stringify({
      referralId: n.id,
      action: n.action,
      status: n.status,
      version: n.version,
      fromInstitutionId: n.from,
      toInstitutionId: n.to,
      actorUserId: a.userId,
    }),
  ]);
}

/** Referral numbers for raw rows: far above the app's sequence, so the two never collide. */
let rawSeq = 700_000;

export async function rawCreate(pool: pg.Pool, a: Actor, input: CreateInput): Promise<Created> {
  const id = randomUUID();
  const now = new Date();
  await withActor(pool, a, async (db) => {
    await db.query(INSERT_REFERRAL, [
      id,
      referralNumber(rawSeq++, now),
      'up',
      REFERRAL_TEXT.type,
      REFERRAL_TEXT.priority,
      'submitted',
      input.patientId,
      a.institutionId,
      a.departmentId,
      a.userId,
      input.toInstitutionId,
      input.toDepartmentId,
      REFERRAL_TEXT.reason,
      REFERRAL_TEXT.diagnosis.code,
      REFERRAL_TEXT.diagnosis.text,
      REFERRAL_TEXT.summary,
      [],
      now,
      decisionDueAt(REFERRAL_TEXT.priority, now),
      null,
      null,
      null,
      null,
      null,
    ]);
    await db.query(EVENT_INSERT, [id, 'submit', null, 'submitted', a.userId, a.institutionId, now, {}, null]);
    await db.query(
      AUDIT_INSERT,
      auditValues(a, 'referral.submit', id, { fromStatus: null, toStatus: 'submitted' }),
    );
    await notify(db, a, {
      id,
      action: 'submit',
      status: 'submitted',
      version: 1,
      from: a.institutionId,
      to: input.toInstitutionId,
    });
  });
  return { id, version: 1 };
}

export async function rawAccept(pool: pg.Pool, a: Actor, r: Created): Promise<void> {
  await withActor(pool, a, async (db) => {
    const { rows } = await db.query<ReferralRow>(`${REFERRAL_SELECT} WHERE r.id = $1 FOR UPDATE OF r`, [
      r.id,
    ]);
    const row = rows[0];
    // The same refusals the state machine would give, so a broken setup cannot look fast.
    if (row?.status !== 'submitted' || row.version !== r.version) {
      throw new Error(`raw accept ${r.id}: ${row ? `${row.status} v${row.version}` : 'not visible'}`);
    }
    const now = new Date();
    await db.query(
      `UPDATE referrals SET status = $2, version = version + 1, updated_at = $3
       , decided_at = $4, decided_by = $5, check_in_code = $6 WHERE id = $1`,
      [row.id, 'accepted', now, now, a.userId, row.check_in_code ?? newCheckInCode()],
    );
    await db.query(EVENT_INSERT, [
      row.id,
      'accept',
      'submitted',
      'accepted',
      a.userId,
      a.institutionId,
      now,
      {},
      SIGNATURE_STAND_IN,
    ]);
    await db.query(
      AUDIT_INSERT,
      auditValues(a, 'referral.accept', row.id, { fromStatus: 'submitted', toStatus: 'accepted' }),
    );
    await notify(db, a, {
      id: row.id,
      action: 'accept',
      status: 'accepted',
      version: row.version + 1,
      from: row.from_institution_id,
      to: row.to_institution_id,
    });
  });
}

export type RawCursor = Cursor;

/**
 * The incoming worklist query of read.ts (limit 20, urgency order when a status is given) for
 * one page: the very builder the app uses, so the floor runs the app's statements.
 */
export function worklistQuery(institutionId: string, status: string | null, cursor: RawCursor | null): Sql {
  return worklistPageQuery(
    ReferralListQuery.parse({
      box: 'incoming',
      limit: '20',
      ...(status ? { status } : {}),
      ...(cursor ? { cursor: encodeCursor(cursor) } : {}),
    }),
    institutionId,
    new Date(),
  );
}

export const countsQuery = (institutionId: string): Sql => boxCountsQuery('incoming', institutionId);

/** One worklist page: the list query, the tab counts and the audit row naming what was shown. */
export async function rawListPage(
  pool: pg.Pool,
  a: Actor,
  status: string | null,
  cursor: RawCursor | null,
): Promise<RawCursor | null> {
  const institutionId = a.institutionId ?? '';
  return withActor(pool, a, async (db) => {
    const q = worklistQuery(institutionId, status, cursor);
    const { rows } = await db.query<{ id: string; cursor_rank: number; cursor_ts: string }>(q.text, q.values);
    const page = rows.slice(0, 20);
    const counts = countsQuery(institutionId);
    await db.query(counts.text, counts.values);
    if (page.length > 0) {
      await db.query(AUDIT_INSERT, [
        a.userId,
        a.institutionId,
        'referral.list',
        'referral',
        null,
        null,
        null,
        a.ip,
        a.userAgent,
        {
          box: 'incoming',
          ids: page.map((r) => r.id),
        },
      ]);
    }
    const last = page[page.length - 1];
    return rows.length > 20 && last ? { r: last.cursor_rank, t: last.cursor_ts, i: last.id } : null;
  });
}
