// Live notifications survive a lost LISTEN connection: what commits while signaling's listener is
// cut off (its backend terminated, as a database restart or failover would) is read from the
// outbox when it reconnects, delivered once, and a consultation ended meanwhile ends its room.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConsultationChanged, RoomState } from '@tiered-care/common';
import type pg from 'pg';
import type { Socket } from 'socket.io-client';
import { withActor, type Actor } from '@tiered-care/platform';
import { consultations } from '@tiered-care/referral-api';
import { useTestApp } from '@tiered-care/testkit/harness';

const t = useTestApp();
let admin: pg.Client;
let userIds: Record<string, string>;

before(async () => {
  admin = await t.client('admin');
  userIds = await t.userIdsByName();
});

async function until(what: string, ok: () => boolean | Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await ok())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

interface Client {
  socket: Socket;
  changes: ConsultationChanged[];
  states: RoomState[];
}

async function client(username: string): Promise<Client> {
  const changes: ConsultationChanged[] = [];
  const states: RoomState[] = [];
  const socket = await t.socket(username, (s) => {
    s.on('consultation:changed', (e: ConsultationChanged) => changes.push(e));
    s.on('consult:state', (state: RoomState) => states.push(state));
  });
  return { socket, changes, states };
}

async function actor(username: string): Promise<Actor> {
  const subject = await t.services.tokens.verify(await t.login(username));
  return { ...subject, ip: null, userAgent: null };
}

/** The signaling listener's backend, found by the name its connection gives itself. */
async function listenerPids(): Promise<number[]> {
  const { rows } = await admin.query<{ pid: number }>(
    `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND application_name = 'tiered-care-listen'`,
    [t.db.name],
  );
  return rows.map((r) => r.pid);
}

/** Terminates the listener's backend and returns once it is gone (it reconnects after ≥ 0.5 s). */
async function cutListener(): Promise<void> {
  const pids = await listenerPids();
  assert.equal(pids.length, 1, 'one listener connection');
  await admin.query('SELECT pg_terminate_backend($1)', [pids[0]]);
  await until('the listener backend to be gone', async () => !(await listenerPids()).includes(pids[0] ?? 0));
}

async function consultationWithRoom(): Promise<{ id: string; host: Client; guest: Client }> {
  const id = await t.scheduledConsultation(
    'specialist.h1',
    [userIds['doctor.c1'] ?? ''],
    '断线期间结束的会诊',
  );
  const host = await client('specialist.h1');
  const guest = await client('doctor.c1');
  const joined = await host.socket.timeout(5000).emitWithAck('consult:join', { consultationId: id });
  assert.equal(joined.ok, true, JSON.stringify(joined));
  assert.ok(t.signaling.consultRooms.has(id), 'the room is open');
  return { id, host, guest };
}

const endsOf = (c: Client, id: string) =>
  c.changes.filter((e) => e.consultationId === id && e.status === 'ended');

describe('the notification outbox', () => {
  test(
    'a consultation ended while the listener is cut off ends its room and is announced once',
    { timeout: 60_000 },
    async () => {
      const { id, host, guest } = await consultationWithRoom();
      const hostActor = await actor('specialist.h1');
      // The end commits right after the listener's backend is gone, long before it reconnects.
      await withActor(t.services.pool, hostActor, async (db) => {
        await consultations.endConsultation(db, hostActor, id);
        await cutListener();
      });
      await until('the guest to hear of the end', () => endsOf(guest, id).length > 0);
      await until('the room to close', () => !t.signaling.consultRooms.has(id));
      assert.equal(host.states.at(-1)?.status, 'ended', 'the people in the room are told');
      // Another loss of the connection re-reads the outbox: nothing is delivered twice.
      await cutListener();
      await until('the listener to be back', async () => (await listenerPids()).length === 1);
      await sleep(1000);
      assert.equal(endsOf(guest, id).length, 1, 'delivered once');
      assert.equal(typeof endsOf(guest, id)[0]?.eventId, 'number');
    },
  );

  test(
    'a consultation ended without any event (longer ago than the outbox keeps) closes its room on reconnect',
    { timeout: 60_000 },
    async () => {
      const { id } = await consultationWithRoom();
      await cutListener();
      await admin.query(`UPDATE consultations SET status = 'ended', ended_at = now() WHERE id = $1`, [id]);
      await until('the room to close', () => !t.signaling.consultRooms.has(id), 15_000);
    },
  );

  test(
    'an event whose transaction began before a later one and commits during the gap is not skipped',
    { timeout: 60_000 },
    async () => {
      const guest = await client('doctor.c1');
      const event = (action: string) =>
        JSON.stringify({ consultationId: action, action, userIds: [userIds['doctor.c1']] });
      const early = await t.services.pool.connect();
      try {
        // The early transaction takes the lower id and stays open.
        await early.query('BEGIN');
        await early.query('SELECT live_event($1, $2::jsonb)', ['consultation_changed', event('early')]);
        await t.services.pool.query('SELECT live_event($1, $2::jsonb)', [
          'consultation_changed',
          event('late'),
        ]);
        await until('the later event to arrive', () => guest.changes.some((e) => e.action === 'late'));
        await cutListener();
        await early.query('COMMIT');
      } finally {
        early.release();
      }
      await until('the earlier event to arrive after the reconnect', () =>
        guest.changes.some((e) => e.action === 'early'),
      );
      const [late, earlyEvent] = ['late', 'early'].map((a) => guest.changes.find((e) => e.action === a));
      assert.ok(earlyEvent && late && earlyEvent.eventId < late.eventId, 'the lower id came second');
    },
  );

  test('requests can write the outbox but not read it; old rows are pruned', async () => {
    const doctor = await actor('doctor.c1');
    const seen = await withActor(t.services.pool, doctor, async (db) => {
      await db.query('SELECT live_event($1, $2::jsonb)', ['referral_changed', '{"probe":true}']);
      return (await db.query(`SELECT * FROM live_events_since('0'::xid8)`)).rows.length;
    });
    assert.equal(seen, 0, 'the reading function answers nothing inside a request');
    await assert.rejects(
      withActor(t.services.pool, doctor, (db) => db.query('SELECT * FROM live_events')),
      { code: '42501' },
    );
    await admin.query(`UPDATE live_events SET at = now() - interval '2 days' WHERE payload ? 'probe'`);
    const pruned = await t.services.pool.query<{ n: number }>(
      `SELECT live_events_prune(interval '1 day') AS n`,
    );
    assert.ok((pruned.rows[0]?.n ?? 0) >= 1);
    const left = await admin.query(`SELECT 1 FROM live_events WHERE payload ? 'probe'`);
    assert.equal(left.rows.length, 0);
  });
});
