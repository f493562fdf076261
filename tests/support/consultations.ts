// Consultations for tests that need one to exist (rooms, recordings, notifications).
import assert from 'node:assert/strict';
import pg from 'pg';
import type { TestApp } from './harness';

/** Every user's id by username, read as the owner. */
export async function userIdsByName(t: TestApp): Promise<Record<string, string>> {
  const c = new pg.Client({ connectionString: t.db.ownerUrl });
  await c.connect();
  try {
    const { rows } = await c.query<{ id: string; username: string }>('SELECT id, username FROM users');
    return Object.fromEntries(rows.map((r) => [r.username, r.id]));
  } finally {
    await c.end();
  }
}

/** A consultation `host` schedules a minute from now, inviting the given user ids. */
export async function scheduledConsultation(
  t: TestApp,
  host: string,
  invitedUserIds: string[],
  title = '心内科远程会诊',
): Promise<string> {
  const res = await t.call<{ id: string }>('POST', '/api/consultations', {
    token: await t.login(host),
    body: {
      title,
      scheduledAt: new Date(Date.now() + 60_000).toISOString(),
      durationMinutes: 30,
      participantUserIds: invitedUserIds,
    },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.id;
}
