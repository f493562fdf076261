import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { io as connect, type Socket } from 'socket.io-client';
import { referralBody, teardown, useTestApp } from '@tiered-care/testkit/harness';

const t = useTestApp();
const sockets: Socket[] = [];

teardown(() => {
  for (const s of sockets) s.disconnect();
});

async function socketFor(username: string): Promise<{ socket: Socket; events: unknown[] }> {
  const socket = connect(t.baseUrl, { auth: { token: await t.login(username) }, transports: ['websocket'] });
  sockets.push(socket);
  const events: unknown[] = [];
  socket.on('referral:changed', (e: unknown) => events.push(e));
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('connect_error', reject);
  });
  return { socket, events };
}

async function until(what: string, ok: () => boolean, ms = 5000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

describe('live notifications', () => {
  test('both institutions of a referral hear of its changes, nobody else does', async () => {
    const h1 = await socketFor('coordinator.h1');
    const c1 = await socketFor('doctor.c1');
    const c2 = await socketFor('doctor.c2');
    const r = await t.createReferral(
      'doctor.c1',
      referralBody({ patientId: await t.patientId('doctor.c1', '张桂兰'), toInstitutionId: t.dir.inst.H1 }),
    );
    await until('the receiving coordinator to hear', () => h1.events.length > 0);
    await until('the sender to hear', () => c1.events.length > 0);
    // The outbox row's id travels along, so a client can tell a repeat from news.
    const { eventId, ...heard } = h1.events[0] as { eventId: unknown };
    assert.equal(typeof eventId, 'number');
    assert.deepEqual(heard, {
      referralId: r.id,
      action: 'submit',
      status: 'submitted',
      version: 1,
      fromInstitutionId: t.dir.inst.C1,
      toInstitutionId: t.dir.inst.H1,
      actorUserId: r.from.userId,
    });
    // Notifications name no patient: clients fetch details through the audited API.
    assert.doesNotMatch(JSON.stringify(h1.events), /张桂兰/);
    await sleep(300);
    assert.equal(c2.events.length, 0);
  });

  test('a draft is announced to the sending institution only', async () => {
    const h1 = await socketFor('coordinator.h1');
    const c1 = await socketFor('coordinator.c1');
    await t.createReferral(
      'doctor.c1',
      referralBody({
        patientId: await t.patientId('doctor.c1', '王秀英'),
        toInstitutionId: t.dir.inst.H1,
        draft: true,
      }),
    );
    await until('the sender to hear', () => c1.events.length > 0);
    await sleep(300);
    assert.equal(h1.events.length, 0);
  });

  test('a connection without a valid token is refused', async () => {
    const socket = connect(t.baseUrl, {
      auth: { token: 'forged' },
      transports: ['websocket'],
      reconnection: false,
    });
    sockets.push(socket);
    const err = await new Promise<Error>((resolve) => socket.once('connect_error', resolve));
    assert.equal(err.message, 'unauthenticated');
  });
});
