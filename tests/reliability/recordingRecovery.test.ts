// Recordings a crash left behind: rows still 'recording' or 'processing' whose process is gone
// (its lease ran out) are finished at start from the .mjr files Janus left, or marked failed with
// the reason; a live process's recordings are left alone; shutdown hands unfinished ones on.
// No Janus needed: the .mjr files are written by the test, janus-pp-rec post-processes them.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConsultationChanged } from '@tiered-care/common';
import type pg from 'pg';
import { RecordingRecovery, recordingFolder } from '@tiered-care/signaling';
import { writeSilentOpusMjr } from '@tiered-care/testkit/fixtures';
import { useTestApp } from '@tiered-care/testkit/harness';

const t = useTestApp();
let admin: pg.Client;
let userIds: Record<string, string>;
const dir = mkdtempSync(join(tmpdir(), 'recordings-'));

before(async () => {
  admin = await t.client('admin');
  userIds = await t.userIdsByName();
});

const consultation = () => t.scheduledConsultation('specialist.h1', [userIds['doctor.c1'] ?? ''], '录制恢复');

/** A recording row as a process that then died (or still lives) would have left it. */
async function recordingRow(
  consultationId: string,
  r: { status: 'recording' | 'processing'; owner: string | null; leaseSeconds: number | null },
): Promise<string> {
  const { rows } = await admin.query<{ id: string }>(
    `INSERT INTO recordings (consultation_id, created_by, status, owner, lease_until)
     VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5)) RETURNING id`,
    [consultationId, userIds['specialist.h1'], r.status, r.owner, r.leaseSeconds],
  );
  return rows[0]?.id ?? '';
}

async function row(id: string) {
  const { rows } = await admin.query<{
    status: string;
    file_path: string | null;
    duration_seconds: number | null;
    failure_reason: string | null;
    owner: string | null;
  }>('SELECT status, file_path, duration_seconds, failure_reason, owner FROM recordings WHERE id = $1', [id]);
  const found = rows[0];
  if (!found) throw new Error(`no recording ${id}`);
  return found;
}

const recovery = () => new RecordingRecovery(t.services.pool, dir, t.services.log);

describe('recordings left behind by a crash', () => {
  test('at start, an orphan with its .mjr files becomes ready, one without fails with the reason, a live one is left alone', async () => {
    const heard: ConsultationChanged[] = [];
    await t.socket('doctor.c1', (s) =>
      s.on('consultation:changed', (e: ConsultationChanged) => heard.push(e)),
    );

    const [c1, c2, c3] = [await consultation(), await consultation(), await consultation()];
    const withFiles = await recordingRow(c1, { status: 'processing', owner: 'crashed', leaseSeconds: -60 });
    writeSilentOpusMjr(join(recordingFolder(dir, c1, withFiles).mjr, `${c1}-u_camera-1-audio-0.mjr`), 3);
    const withoutFiles = await recordingRow(c2, { status: 'recording', owner: null, leaseSeconds: null });
    const alive = await recordingRow(c3, { status: 'recording', owner: 'alive', leaseSeconds: 300 });

    const result = await recovery().sweep();
    assert.deepEqual(result, { ready: [withFiles], failed: [withoutFiles] });

    const ready = await row(withFiles);
    assert.equal(ready.status, 'ready');
    assert.equal(ready.duration_seconds, 3);
    assert.equal(ready.file_path, recordingFolder(dir, c1, withFiles).files);
    assert.ok(
      readdirSync(recordingFolder(dir, c1, withFiles).files).some((f) => f.endsWith('.opus')),
      'a playable file',
    );
    const failed = await row(withoutFiles);
    assert.equal(failed.status, 'failed');
    assert.match(String(failed.failure_reason), /no media files/);
    assert.equal((await row(alive)).status, 'recording', "a live process's recording is not touched");

    // The participants hear of both outcomes like of any other.
    const outcomes = () => heard.filter((e) => e.action.startsWith('recording_'));
    const deadline = Date.now() + 5000;
    while (outcomes().length < 2 && Date.now() < deadline) await sleep(20);
    assert.deepEqual(
      outcomes()
        .map((e) => `${e.consultationId}:${e.action}`)
        .sort(),
      [`${c1}:recording_ready`, `${c2}:recording_failed`].sort(),
    );
    // A new recording can start in the consultation whose recording was left 'recording'.
    const freed = await admin.query(
      `SELECT 1 FROM recordings WHERE consultation_id = $1 AND status = 'recording'`,
      [c2],
    );
    assert.equal(freed.rows.length, 0);
  });

  test('shutdown hands a recording it could not finish to the next start at once', async () => {
    const c = await consultation();
    const stopping = recovery();
    const id = await recordingRow(c, { status: 'processing', owner: stopping.owner, leaseSeconds: 300 });
    writeSilentOpusMjr(join(recordingFolder(dir, c, id).mjr, `${c}-u_camera-1-audio-0.mjr`), 2);
    const next = recovery();
    assert.deepEqual(await next.sweep(), { ready: [], failed: [] }, 'owned while its process lives');
    await stopping.stop();
    assert.deepEqual(await next.sweep(), { ready: [id], failed: [] });
    assert.equal((await row(id)).status, 'ready');
    assert.ok(existsSync(recordingFolder(dir, c, id).files));
  });
});
