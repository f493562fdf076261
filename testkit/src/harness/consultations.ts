// Shared steps for the consultation tests: demo users as actors (for calling the domain
// functions the way signaling does), and consultations created through the API for tests that
// need one to exist (rooms, recordings, notifications).
import assert from 'node:assert/strict';
import pg from 'pg';
import type { Role } from '@tiered-care/common';
import type { Actor } from '@tiered-care/platform';
import type { TestApp, TestDatabase } from './testApp';

/** Every demo user as the actor a verified token would produce, by username. */
export async function demoActors(db: TestDatabase): Promise<Record<string, Actor>> {
  const owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  try {
    const { rows } = await owner.query<{
      id: string;
      username: string;
      display_name: string;
      consortium_id: string;
      institution_id: string | null;
      department_id: string | null;
      roles: Role[];
    }>('SELECT id, username, display_name, consortium_id, institution_id, department_id, roles FROM users');
    return Object.fromEntries(
      rows.map((u) => [
        u.username,
        {
          userId: u.id,
          username: u.username,
          displayName: u.display_name,
          consortiumId: u.consortium_id,
          institutionId: u.institution_id,
          departmentId: u.department_id,
          roles: u.roles,
          ip: '127.0.0.1',
          userAgent: 'consultation-test',
        },
      ]),
    );
  } finally {
    await owner.end();
  }
}

export function actorOf(actors: Record<string, Actor>, username: string): Actor {
  const a = actors[username];
  assert.ok(a, `demo user ${username}`);
  return a;
}

/** An ISO time with an explicit +08:00 offset, `hours` from now. */
export function inHours(hours: number): string {
  const d = new Date(Date.now() + hours * 3_600_000 + 8 * 3_600_000);
  return d.toISOString().replace(/\.\d{3}Z$/, '+08:00');
}

/** A created consultation as JSON (see ConsultationDetail in read.ts). */
export interface CreatedConsultation {
  id: string;
  status: string;
  myRole: string;
  referralId: string | null;
  patient: { id: string; name: string; gender: string; birthDate: string } | null;
  participants: {
    userId: string;
    role: string;
    displayName: string;
    institutionName: string | null;
    departmentName: string | null;
    recordingConsentAt: string | null;
  }[];
  opinions: unknown[];
  recordings: unknown[];
}

export async function createConsultation(
  t: TestApp,
  username: string,
  body: Record<string, unknown>,
): Promise<CreatedConsultation> {
  const res = await t.call<CreatedConsultation>('POST', '/api/consultations', {
    token: await t.login(username),
    body,
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

/** The C1→H1 referral about 张桂兰 that the demo data submits. */
export async function demoReferralId(t: TestApp): Promise<string> {
  const res = await t.call<{ items: { id: string; patientName: string }[] }>(
    'GET',
    '/api/referrals?box=outgoing',
    {
      token: await t.login('doctor.c1'),
    },
  );
  assert.equal(res.status, 200);
  const r = res.body.items.find((i) => i.patientName === '张桂兰');
  assert.ok(r, 'the demo data has a C1→H1 referral about 张桂兰');
  return r.id;
}

/** Every user's id by username, read as the owner (the API never shows usernames). */
export async function userIdsByName(t: { db: { ownerUrl: string } }): Promise<Record<string, string>> {
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
