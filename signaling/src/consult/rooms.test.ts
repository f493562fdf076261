// Consult rooms over real socket.io and PostgreSQL, without a media server: membership, the
// waiting area, chat, hands, the shared viewer, and refusals. Video is covered by the netns tests.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { RoomState } from '@tiered-care/common';
import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import { startTestApp, type TestApp } from '@tiered-care/testkit/harness';

let t: TestApp;
const sockets: Socket[] = [];
let userIds: Record<string, string>;

before(async () => {
  t = await startTestApp();
  const db = new pg.Client({ connectionString: t.db.ownerUrl });
  await db.connect();
  const { rows } = await db.query<{ id: string; username: string }>('SELECT id, username FROM users');
  await db.end();
  userIds = Object.fromEntries(rows.map((r) => [r.username, r.id]));
});
after(async () => {
  for (const s of sockets) s.disconnect();
  await t.close();
});

interface Client {
  socket: Socket;
  states: RoomState[];
  events: Record<string, unknown[]>;
  send: <T = any>(event: string, payload: unknown) => Promise<T>;
  last: () => RoomState;
}

async function client(username: string): Promise<Client> {
  const socket = connect(t.baseUrl, { auth: { token: await t.login(username) }, transports: ['websocket'] });
  sockets.push(socket);
  const states: RoomState[] = [];
  const events: Record<string, unknown[]> = {};
  socket.onAny((name: string, payload: unknown) => {
    (events[name] ??= []).push(payload);
    if (name === 'consult:state') states.push(payload as RoomState);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return {
    socket,
    states,
    events,
    send: (event, payload) => socket.timeout(5000).emitWithAck(event, payload),
    last: () => {
      const s = states.at(-1);
      if (!s) throw new Error(`${username} has no room state yet`);
      return s;
    },
  };
}

async function until(what: string, ok: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

async function consultation(host: string, invited: string[]): Promise<string> {
  const res = await t.call<{ id: string }>('POST', '/api/consultations', {
    token: await t.login(host),
    body: {
      title: '心内科远程会诊',
      scheduledAt: new Date(Date.now() + 60_000).toISOString(),
      durationMinutes: 30,
      participantUserIds: invited.map((u) => userIds[u]),
    },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id;
}

const present = (s: RoomState) =>
  s.participants
    .filter((p) => p.present)
    .map((p) => p.userId)
    .sort();

/** specialist.h1 hosting `invited`, with doctor.c1 joined and admitted: where several tests start. */
async function doctorAdmitted(invited = ['doctor.c1']): Promise<{ id: string; host: Client; gp: Client }> {
  const id = await consultation('specialist.h1', invited);
  const host = await client('specialist.h1');
  const gp = await client('doctor.c1');
  await host.send('consult:join', { consultationId: id });
  await gp.send('consult:join', { consultationId: id });
  await host.send('consult:admit', { consultationId: id, userId: userIds['doctor.c1'] });
  return { id, host, gp };
}

describe('consult rooms over socket.io', () => {
  test('the host enters at once; invited people wait until admitted; chat reaches the room and is stored', async () => {
    const id = await consultation('specialist.h1', ['doctor.c1', 'specialist.h2']);
    const host = await client('specialist.h1');
    const gp = await client('doctor.c1');
    const other = await client('specialist.h2');

    const joined = await host.send('consult:join', { consultationId: id });
    assert.equal(joined.ok, true);
    assert.deepEqual(joined.self, { userId: userIds['specialist.h1'], admitted: true, role: 'host' });
    assert.equal(joined.state.status, 'live');
    assert.equal(joined.state.mediaAvailable, false);
    assert.deepEqual(joined.iceServers, []);

    const waiting = await gp.send('consult:join', { consultationId: id });
    assert.equal(waiting.self.admitted, false);
    await until('the host to see the waiting doctor', () =>
      host.states.some((s) => s.participants.some((p) => p.userId === userIds['doctor.c1'] && p.waiting)),
    );
    // Waiting means no room business yet.
    const early = await gp.send('chat:send', { consultationId: id, text: '我先说一句' });
    assert.equal(early.error.code, 'not_admitted');
    // Only the host admits.
    const notHost = await other.send('consult:join', { consultationId: id });
    assert.equal(notHost.self.admitted, false);
    const refused = await other.send('consult:admit', { consultationId: id, userId: userIds['doctor.c1'] });
    assert.equal(refused.error.code, 'not_admitted');

    assert.equal(
      (await host.send('consult:admit', { consultationId: id, userId: userIds['doctor.c1'] })).ok,
      true,
    );
    assert.equal(
      (await host.send('consult:admit', { consultationId: id, userId: userIds['specialist.h2'] })).ok,
      true,
    );
    const everyone = [userIds['specialist.h1'], userIds['doctor.c1'], userIds['specialist.h2']].sort();
    await until('all three to be present', () => gp.states.some((s) => present(s).length === 3));
    assert.deepEqual(present(gp.last()), everyone);

    const sent = await gp.send('chat:send', { consultationId: id, text: '患者胸痛两小时' });
    assert.equal(sent.ok, true);
    for (const c of [host, gp, other]) {
      await until('the message to reach everyone', () => (c.events['chat:message'] ?? []).length === 1);
      assert.deepEqual(c.events['chat:message'], [sent.message]);
    }
    const history = await t.call<{ text: string }[]>('GET', `/api/consultations/${id}/messages`, {
      token: await t.login('specialist.h1'),
    });
    assert.deepEqual(
      history.body.map((m) => m.text),
      ['患者胸痛两小时'],
    );

    // Hands and mute marks reach the others.
    await other.send('consult:hand', { consultationId: id, raised: true });
    await other.send('consult:media-state', { consultationId: id, audio: false, video: true });
    await until('the raised hand', () =>
      host.states.some((s) =>
        s.participants.some((p) => p.userId === userIds['specialist.h2'] && p.handRaised && !p.audio),
      ),
    );

    // Leaving and coming back: no second wait, attendance has two visits.
    await gp.send('consult:leave', { consultationId: id });
    await until('the doctor to be gone', () => !present(host.last()).includes(userIds['doctor.c1'] ?? ''));
    const back = await gp.send('consult:join', { consultationId: id });
    assert.equal(back.self.admitted, true);
    const detail = await t.call<{ attendance: { userId: string; leftAt: string | null }[] }>(
      'GET',
      `/api/consultations/${id}`,
      { token: await t.login('doctor.c1') },
    );
    const visits = detail.body.attendance.filter((a) => a.userId === userIds['doctor.c1']);
    assert.equal(visits.length, 2);
    assert.ok(visits[0]?.leftAt);
    assert.equal(visits[1]?.leftAt, null);
  });

  test('nobody outside the invitation gets in, not even a participant of another consultation', async () => {
    const id = await consultation('specialist.h1', ['doctor.c1']);
    const elsewhere = await consultation('specialist.h2', ['doctor.c2']);
    const stranger = await client('doctor.c2');
    assert.equal((await stranger.send('consult:join', { consultationId: elsewhere })).ok, true);
    const refused = await stranger.send('consult:join', { consultationId: id });
    assert.deepEqual(refused, {
      error: { code: 'not_found', message: 'consultation not found' },
    });
    for (const [event, payload] of [
      ['chat:send', { consultationId: id, text: 'hi' }],
      ['media:subscribe', { consultationId: id, feedId: `${userIds['specialist.h1']}:camera` }],
      ['viewer:take-control', { consultationId: id }],
    ] as const) {
      assert.equal((await stranger.send(event, payload)).error.code, 'not_joined', event);
    }
    const admin = await client('admin.region');
    assert.equal((await admin.send('consult:join', { consultationId: id })).error.code, 'not_found');
  });

  test('bad payloads get invalid_request and the connection stays usable', async () => {
    const c = await client('doctor.c1');
    const bad = await c.send('consult:join', { consultationId: 'nope' });
    assert.equal(bad.error.code, 'invalid_request');
    const extra = await c.send('chat:send', { consultationId: crypto.randomUUID(), text: 'x', extra: 1 });
    assert.equal(extra.error.code, 'invalid_request');
    const huge = await c.send('chat:send', { consultationId: crypto.randomUUID(), text: 'x'.repeat(2001) });
    assert.equal(huge.error.code, 'invalid_request');
    // No acknowledgement callback at all must not crash anything either.
    c.socket.emit('consult:join', { consultationId: 42 });
    assert.equal(c.socket.connected, true);
    const media = await c.send('media:publish', {
      consultationId: crypto.randomUUID(),
      source: 'camera',
      offer: { type: 'offer', sdp: 'v=0' },
    });
    assert.equal(media.error.code, 'not_joined');
  });

  test('video needs a media server: without one the room says so and chat still works', async () => {
    const id = await consultation('specialist.h1', ['doctor.c1']);
    const host = await client('specialist.h1');
    await host.send('consult:join', { consultationId: id });
    const pub = await host.send('media:publish', {
      consultationId: id,
      source: 'camera',
      offer: { type: 'offer', sdp: 'v=0' },
    });
    assert.equal(pub.error.code, 'media_unavailable');
    const rec = await host.send('recording:start', { consultationId: id });
    assert.equal(rec.error.code, 'media_unavailable');
  });

  test("the presenter's viewer state reaches the others; a late joiner gets it; anyone may take control", async () => {
    const { id, host, gp } = await doctorAdmitted(['doctor.c1', 'specialist.h2']);
    const view = (index: number) => ({
      studyUid: '1.2.3',
      seriesUid: '1.2.3.4',
      kind: 'image',
      state: { imageIndex: index, zoom: 1.5 },
    });

    const started = Date.now();
    assert.equal((await host.send('viewer:state', { consultationId: id, view: view(7) })).ok, true);
    await until('the doctor to see image 7', () => (gp.events['viewer:state'] ?? []).length === 1);
    assert.ok(Date.now() - started < 150, 'mirrored within 150 ms');
    assert.deepEqual(gp.events['viewer:state']?.[0], {
      consultationId: id,
      userId: userIds['specialist.h1'],
      view: view(7),
      seq: 1,
    });
    assert.equal(host.events['viewer:state'], undefined, 'the presenter is not echoed');
    // Only the presenter moves the shared view.
    assert.equal(
      (await gp.send('viewer:state', { consultationId: id, view: view(1) })).error.code,
      'not_presenter',
    );

    // A late joiner waits like anyone, then gets the current view with the room snapshot.
    const late = await client('specialist.h2');
    await late.send('consult:join', { consultationId: id });
    const admitted = await host.send('consult:admit', {
      consultationId: id,
      userId: userIds['specialist.h2'],
    });
    assert.equal(admitted.ok, true);
    await until('the late joiner to get the view', () => late.states.some((s) => s.view !== null));
    assert.deepEqual(late.last().view, view(7));
    assert.equal(late.last().presenterUserId, userIds['specialist.h1']);

    assert.equal((await gp.send('viewer:take-control', { consultationId: id })).ok, true);
    await until(
      'everyone to see the new presenter',
      () => host.last().presenterUserId === userIds['doctor.c1'],
    );
    assert.equal((await gp.send('viewer:state', { consultationId: id, view: view(3) })).ok, true);
    await until('the host to follow', () => (host.events['viewer:state'] ?? []).length === 1);

    const tooBig = await gp.send('viewer:state', {
      consultationId: id,
      view: { ...view(1), state: { blob: 'x'.repeat(40_000) } },
    });
    assert.equal(tooBig.error.code, 'invalid_request');

    // The presenter closes the viewer: closed for everyone, and nobody presents until someone opens.
    assert.equal((await gp.send('viewer:state', { consultationId: id, view: null })).ok, true);
    await until(
      'the host to see it closed',
      () => (host.events['viewer:state']?.at(-1) as { view?: unknown } | undefined)?.view === null,
    );
    await until('nobody to present', () => late.last().presenterUserId === null && late.last().view === null);
    assert.equal((await late.send('viewer:state', { consultationId: id, view: view(2) })).ok, true);
    await until('the late joiner to present', () => host.last().presenterUserId === userIds['specialist.h2']);
  });

  test('with the host away nobody is kept waiting: invited people go in, and those waiting come in when the host leaves', async () => {
    const id = await consultation('specialist.h1', ['doctor.c1', 'specialist.h2']);
    const gp = await client('doctor.c1');
    // The host hasn't come: the doctor doesn't wait for an admission nobody can give.
    const early = await gp.send('consult:join', { consultationId: id });
    assert.equal(early.self.admitted, true);

    const host = await client('specialist.h1');
    await host.send('consult:join', { consultationId: id });
    const other = await client('specialist.h2');
    const waiting = await other.send('consult:join', { consultationId: id });
    assert.equal(waiting.self.admitted, false, 'with the host in, the waiting area applies');

    assert.equal((await host.send('consult:leave', { consultationId: id })).ok, true);
    await until('the waiting specialist to be let in', () =>
      other.states.some((s) => present(s).includes(userIds['specialist.h2'] ?? '')),
    );
    assert.deepEqual(present(gp.last()), [userIds['doctor.c1'], userIds['specialist.h2']].sort());
    assert.equal((await other.send('chat:send', { consultationId: id, text: '主持人暂时离开' })).ok, true);
  });

  test('the same user joining from a second tab replaces the first; ending closes the room for all', async () => {
    const { id, host, gp: first } = await doctorAdmitted();
    await until('the doctor to be in', () => present(host.last()).length === 2);

    const second = await client('doctor.c1');
    const again = await second.send('consult:join', { consultationId: id });
    assert.equal(again.self.admitted, true, 'no second wait');
    await until('the first tab to be told', () => (first.events['consult:replaced'] ?? []).length === 1);
    assert.equal(
      (await first.send('chat:send', { consultationId: id, text: 'old tab' })).error.code,
      'not_joined',
    );
    assert.equal((await second.send('chat:send', { consultationId: id, text: 'new tab' })).ok, true);

    assert.equal((await second.send('consult:end', { consultationId: id })).error.code, 'host_only');
    assert.equal((await host.send('consult:end', { consultationId: id })).ok, true);
    await until('the doctor to see the end', () => second.last().status === 'ended');
    const rejoin = await second.send('consult:join', { consultationId: id });
    assert.equal(rejoin.error.code, 'consultation_ended');
  });

  test('after a signaling restart clients reconnect and resume without waiting again', async () => {
    const { id, host, gp } = await doctorAdmitted();
    await until('both in', () => present(host.last()).length === 2);

    // What a restart loses: every room in memory and every connection (dropped, not closed
    // politely, so socket.io clients reconnect by themselves).
    const dropped = Promise.all([host, gp].map((c) => new Promise((r) => c.socket.once('disconnect', r))));
    t.signaling.consultRooms.closeAll();
    for (const s of t.signaling.io.sockets.sockets.values()) s.conn.close();
    assert.deepEqual(await dropped, ['transport close', 'transport close']);
    await until('both to be connected again', () => host.socket.connected && gp.socket.connected, 10_000);

    // The client re-joins on reconnect (the web client does this on every 'connect').
    const again = await gp.send('consult:join', { consultationId: id });
    assert.equal(again.self.admitted, true, 'admission survives: it is kept as attendance');
    await host.send('consult:join', { consultationId: id });
    await until('both present again', () => present(host.last()).length === 2);
  });

  // Last: the harness turns response checking on, so every acknowledgement and event above was
  // checked against its schema in common before it was sent.
  test('every acknowledgement and event sent in these tests matched its schema', () => {
    const { checked, refused } = t.signaling.outbound.counts;
    assert.ok(checked > 100, `checked ${checked}`);
    assert.equal(refused, 0);
  });
});
