// Shared steps for tests that walk referrals through the API as the demo users.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { TestApp } from './testApp';

export interface Directory {
  inst: Record<string, string>;
  dept: Record<string, string>;
}

/** Institution ids by code (H1, C1…) and department ids by "H1/CARD". */
export async function directory(t: TestApp): Promise<Directory> {
  const res = await t.call('GET', '/api/institutions', { token: await t.login('doctor.c1') });
  assert.equal(res.status, 200);
  const inst: Record<string, string> = {};
  const dept: Record<string, string> = {};
  for (const i of res.body.institutions) {
    inst[i.code] = i.id;
    for (const d of i.departments) dept[`${i.code}/${d.code}`] = d.id;
  }
  return { inst, dept };
}

export async function patientId(t: TestApp, username: string, name: string): Promise<string> {
  const res = await t.call('GET', `/api/patients?q=${encodeURIComponent(name)}`, {
    token: await t.login(username),
  });
  const p = res.body.find((x: { name: string }) => x.name === name);
  assert.ok(p, `${username} should see patient ${name}`);
  return p.id;
}

export function referralBody(overrides: Record<string, unknown>) {
  return {
    type: 'inpatient',
    priority: 'urgent',
    reason: '胸痛待查，需上级医院评估',
    diagnosis: { code: 'I20.0', text: '不稳定型心绞痛' },
    summary: '患者胸闷胸痛3天，心电图ST段改变。',
    ...overrides,
  };
}

/** Creates (and submits unless draft) a referral as `username`; fails the test on any error. */
export async function createReferral(t: TestApp, username: string, body: Record<string, unknown>) {
  const res = await t.call('POST', '/api/referrals', {
    token: await t.login(username),
    body,
    headers: { 'idempotency-key': randomUUID() },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

export async function act(
  t: TestApp,
  username: string,
  id: string,
  action: string,
  body: Record<string, unknown>,
) {
  return t.call('POST', `/api/referrals/${id}/actions/${action}`, { token: await t.login(username), body });
}

/** Takes an action and insists it succeeded; returns the updated referral. */
export async function mustAct(
  t: TestApp,
  username: string,
  id: string,
  action: string,
  body: Record<string, unknown>,
) {
  const res = await act(t, username, id, action, body);
  assert.equal(res.status, 200, `${action}: ${JSON.stringify(res.body)}`);
  return res.body;
}
