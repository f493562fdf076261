// What signaling sends is typed by common's schemas; with response checking on it is also checked
// before it leaves: a drifted acknowledgement is answered `response_invalid`, a drifted event is
// not sent, and both are logged. Over a real socket.io server and client on loopback.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Writable } from 'node:stream';
import { after, before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConsultAck, RoomState } from '@tiered-care/common';
import { pino } from 'pino';
import { Server } from 'socket.io';
import { io as connect, type Socket as ClientSocket } from 'socket.io-client';
import { onRequest } from './consult/ack';
import { Outbound } from './outbound';

const lines: Record<string, unknown>[] = [];
const log = pino(
  { level: 'error' },
  new Writable({
    write(chunk: Buffer, _enc, done) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  }),
);

const consultationId = '8d3c7a52-4f0e-4e8e-9a51-0c2f3b1d6e7a';
const state: RoomState = {
  consultationId,
  title: '心内科远程会诊',
  status: 'live',
  hostUserId: '1f9d2c6e-3b1a-4c55-8e0f-7a6b5c4d3e2f',
  participants: [],
  publishers: [],
  mediaAvailable: false,
  recording: { active: false, requested: false, recordingId: null },
  presenterUserId: null,
  view: null,
};
// Typed by the schemas, these cast on purpose to drift: a snapshot with a field of the wrong type
// and one nobody declared, and an acknowledgement whose answer is the wrong kind.
const driftedState = { ...state, mediaAvailable: 'no', patientName: '张桂兰' } as unknown as RoomState;
const driftedAck = { recording: 'yes' } as unknown as Omit<ConsultAck<'recording:start'>, 'ok'>;

interface Peer {
  client: ClientSocket;
  heard: Record<string, unknown[]>;
  close: () => Promise<void>;
}

/** A socket.io server whose connections get two handlers and two pushed events, and one client. */
async function serve(check: boolean): Promise<Peer> {
  const http = createServer();
  const io = new Server(http);
  const outbound = new Outbound(check, log);
  io.on('connection', (socket) => {
    onRequest(socket, 'recording:start', log, outbound, () => driftedAck);
    onRequest(socket, 'recording:stop', log, outbound, () => ({ recordingId: null }));
    socket.on('push', () => {
      outbound.emit(socket, 'consult:state', driftedState);
      outbound.emit(io.to(socket.id), 'media:renegotiate', { consultationId });
    });
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  const client = connect(`http://127.0.0.1:${port}`, { transports: ['websocket'] });
  const heard: Record<string, unknown[]> = {};
  client.onAny((name: string, payload: unknown) => (heard[name] ??= []).push(payload));
  await new Promise<void>((resolve, reject) => {
    client.once('connect', resolve);
    client.once('connect_error', reject);
  });
  return {
    client,
    heard,
    close: async () => {
      client.disconnect();
      await io.close();
    },
  };
}

describe('checking what signaling sends', () => {
  let checked: Peer;
  let unchecked: Peer;
  before(async () => {
    checked = await serve(true);
    unchecked = await serve(false);
  });
  after(async () => {
    await checked.close();
    await unchecked.close();
  });

  test('a drifted acknowledgement is answered response_invalid and logged; a fine one goes through', async () => {
    lines.length = 0;
    const bad: unknown = await checked.client
      .timeout(5000)
      .emitWithAck('recording:start', { consultationId });
    assert.deepEqual(bad, {
      error: {
        code: 'response_invalid',
        message: 'the server built an acknowledgement it does not document',
      },
    });
    const logged = lines.find((l) => l.msg === 'acknowledgement does not match its schema');
    assert.equal(logged?.request, 'recording:start');
    assert.ok(Array.isArray(logged.issues) && logged.issues.length > 0, 'with zod issues');

    const fine: unknown = await checked.client
      .timeout(5000)
      .emitWithAck('recording:stop', { consultationId });
    assert.deepEqual(fine, { ok: true, recordingId: null });
  });

  test('a drifted event is logged and not sent; the events around it arrive', async () => {
    lines.length = 0;
    checked.client.emit('push');
    for (let i = 0; i < 250 && !checked.heard['media:renegotiate']; i++) await sleep(20);
    assert.deepEqual(checked.heard['media:renegotiate'], [{ consultationId }]);
    assert.equal(checked.heard['consult:state'], undefined, 'the drifted snapshot never left');
    const logged = lines.find((l) => l.msg === 'event does not match its schema');
    assert.equal(logged?.event, 'consult:state');
  });

  test('with checking off (production default) messages go out as built', async () => {
    const bad: unknown = await unchecked.client
      .timeout(5000)
      .emitWithAck('recording:start', { consultationId });
    assert.deepEqual(bad, { ok: true, recording: 'yes' });
    unchecked.client.emit('push');
    for (let i = 0; i < 250 && !unchecked.heard['consult:state']; i++) await sleep(20);
    assert.deepEqual(unchecked.heard['consult:state'], [driftedState]);
  });
});
