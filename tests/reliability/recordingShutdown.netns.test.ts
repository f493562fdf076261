// Shutdown stops recordings cleanly: with a real Janus recording a real published camera, closing
// signaling (what SIGTERM/SIGINT do in `npm start`) stops the recording in Janus and post-processes
// it within the bounded wait; the row never stays 'recording'. Runs in a private network
// namespace: `node --import tsx scripts/test.ts tests/reliability/recordingShutdown.netns.test.ts`.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import { assertPrivateNetns, PRIVATE_NET, sleep } from '@tiered-care/testkit';
import { launchBrowser, type LaunchedBrowser } from '@tiered-care/testkit/browser';
import { participantPage, publishCamera } from '@tiered-care/testkit/media';
import {
  scheduledConsultation,
  startTestApp,
  userIdsByName,
  type TestApp,
} from '@tiered-care/testkit/harness';
import { startSfu, type Sfu } from '@tiered-care/sfu';
import { sfuMedia } from '@tiered-care/signaling';

const dir = mkdtempSync(join(tmpdir(), 'recording-shutdown-'));
let sfu: Sfu | undefined;
let browser: LaunchedBrowser | undefined;
let t: TestApp;
const sockets: Socket[] = [];

before(
  async () => {
    assertPrivateNetns();
    sfu = await startSfu({
      dataDir: join(dir, 'sfu'),
      env: {
        SFU_ICE_INTERFACES: PRIVATE_NET.janusInterface,
        JANUS_WS_PORT: String(19_000 + Math.floor(Math.random() * 1000)),
      },
    });
    const media = sfu;
    t = await startTestApp({
      media: sfuMedia(media, join(dir, 'recordings')),
    });
    browser = await launchBrowser();
  },
  { timeout: 120_000 },
);
after(
  async () => {
    for (const s of sockets) s.disconnect();
    await browser?.close();
    await t.close();
    await sfu?.stop();
    rmSync(dir, { recursive: true, force: true });
  },
  { timeout: 60_000 },
);

async function roomSocket(username: string, consultationId: string): Promise<Socket> {
  const s = connect(t.baseUrl, { auth: { token: await t.login(username) }, transports: ['websocket'] });
  sockets.push(s);
  await new Promise<void>((resolve, reject) => {
    s.once('connect', resolve);
    s.once('connect_error', reject);
  });
  const joined = await s.timeout(5000).emitWithAck('consult:join', { consultationId });
  assert.equal(joined.ok, true, JSON.stringify(joined));
  return s;
}

test(
  'closing signaling stops a running recording and leaves it ready, not recording',
  { timeout: 120_000 },
  async () => {
    const media = sfu;
    assert.ok(media && browser);
    const ids = await userIdsByName(t);
    const hostId = ids['specialist.h1'] ?? '';
    const consultationId = await scheduledConsultation(
      t,
      'specialist.h1',
      [ids['doctor.c1'] ?? ''],
      '关机时的录制',
    );
    const host = await roomSocket('specialist.h1', consultationId);
    const gp = await roomSocket('doctor.c1', consultationId);
    const admitted = await host
      .timeout(5000)
      .emitWithAck('consult:admit', { consultationId, userId: ids['doctor.c1'] });
    assert.equal(admitted.ok, true, JSON.stringify(admitted));

    // The host publishes a camera in the consultation's Janus room; both consent and it records.
    const room = await media.rooms.open(consultationId);
    const page = await participantPage(browser.context, () => room, hostId);
    await publishCamera(room, page, hostId);
    const asked = await host.timeout(10_000).emitWithAck('recording:start', { consultationId });
    assert.equal(asked.ok, true, JSON.stringify(asked));
    const consented = await gp
      .timeout(10_000)
      .emitWithAck('recording:consent', { consultationId, consent: true });
    assert.equal(consented.ok, true, JSON.stringify(consented));
    await sleep(4000);

    await t.signaling.close();

    const owner = new pg.Client({ connectionString: t.db.ownerUrl });
    await owner.connect();
    try {
      const { rows } = await owner.query<{ status: string; duration_seconds: number | null }>(
        'SELECT status, duration_seconds FROM recordings WHERE consultation_id = $1',
        [consultationId],
      );
      const row = rows[0];
      assert.ok(row && rows.length === 1);
      assert.equal(row.status, 'ready', 'stopped and post-processed during shutdown');
      assert.ok((row.duration_seconds ?? 0) >= 2, `${row.duration_seconds} s recorded`);
    } finally {
      await owner.end();
    }
  },
);
