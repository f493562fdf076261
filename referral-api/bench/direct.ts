// "Raw": the same operation without HTTP. It calls the very domain functions the routes call
// (createReferral, performAction, listReferrals) in a transaction opened with withActor on a
// pool of the app role, so it sends the same SQL statements in the same transaction shape by
// construction, and the benchmark checks that by counting them. What it leaves out is what the
// HTTP layer adds: fetch and the socket, express, the token check, zod on input and output,
// JSON both ways. The ratio ours ÷ raw is therefore the price of that layer alone.
import { randomUUID } from 'node:crypto';
import { ReferralListQuery } from '@tiered-care/common';
import type pg from 'pg';
import { withActor, type Actor, type DataCrypto } from '@tiered-care/platform';
import { performAction } from '../src/referrals/actions';
import { createReferral } from '../src/referrals/create';
import { listReferrals } from '../src/referrals/read';
import { boxCountsQuery, worklistPageQuery, type Sql } from '../src/referrals/worklistQuery';
import { REFERRAL_TEXT, type Created, type CreateInput } from './http';

export async function rawCreate(
  pool: pg.Pool,
  crypto: DataCrypto,
  a: Actor,
  input: CreateInput,
): Promise<Created> {
  const r = await withActor(pool, a, (db) =>
    createReferral(
      db,
      crypto,
      a,
      { ...REFERRAL_TEXT, diagnosis: { ...REFERRAL_TEXT.diagnosis }, ...input },
      randomUUID(),
    ),
  );
  return { id: r.referral.id, version: r.referral.version };
}

export async function rawAccept(pool: pg.Pool, crypto: DataCrypto, a: Actor, r: Created): Promise<void> {
  const done = await withActor(pool, a, (db) =>
    performAction(db, crypto, a, r.id, 'accept', { version: r.version }),
  );
  if (done.status !== 'accepted') throw new Error(`raw accept ${r.id}: status ${done.status}`);
}

/** The query of one worklist page as the route parses it from the URL. */
export function listQuery(params: Record<string, string | null>): ReferralListQuery {
  const q: Record<string, string> = { box: 'incoming', limit: '20' };
  for (const [k, v] of Object.entries(params)) if (v !== null) q[k] = v;
  return ReferralListQuery.parse(q);
}

/** One worklist page; returns the cursor of the next page, or null at the end. */
export async function rawListPage(
  pool: pg.Pool,
  a: Actor,
  params: Record<string, string | null>,
): Promise<string | null> {
  const page = await withActor(pool, a, (db) => listReferrals(db, a, listQuery(params)));
  return page.nextCursor;
}

/** The worklist statements of a page, for EXPLAIN. */
export function worklistSql(a: Actor, params: Record<string, string | null>): Sql[] {
  const q = listQuery(params);
  return [worklistPageQuery(q, a.institutionId, new Date()), boxCountsQuery(q.box, a.institutionId)];
}
