// 会诊申请 through the API: request, the receiving side's decisions, invitations, the report,
// the record, SLA, races, isolation and bad input.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import pg from 'pg';
import { actorOf, demoActors, demoReferralId, inHours, useTestApp } from '@tiered-care/testkit/harness';
import type { Actor } from '@tiered-care/platform';

const t = useTestApp();
const { dir } = t;
let actors: Record<string, Actor>;
let referralId: string;
const id = (username: string) => actorOf(actors, username).userId;

before(async () => {
  actors = await demoActors((await t.ready()).db);
  referralId = await demoReferralId(t);
});

async function as(username: string, method: string, path: string, body?: unknown) {
  return t.call(method, path, { token: await t.login(username), body });
}

const requestBody = (overrides: Record<string, unknown> = {}) => ({
  mode: 'request',
  toInstitutionId: dir.inst.H1,
  toDepartmentId: dir.dept['H1/CARD'],
  priority: 'urgent',
  question: '胸痛反复发作，心电图ST段改变，请协助判断是否需要介入治疗。',
  preferredTimes: [{ from: inHours(20), to: inHours(24) }],
  referralId,
  ...overrides,
});

async function request(overrides: Record<string, unknown> = {}) {
  const res = await as('doctor.c1', 'POST', '/api/consultations', requestBody(overrides));
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body;
}

async function act(username: string, cid: string, action: string, body: Record<string, unknown>) {
  const current = await as(username, 'GET', `/api/consultations/${cid}`);
  return as(username, 'POST', `/api/consultations/${cid}/actions/${action}`, {
    version: current.body.version,
    ...body,
  });
}

async function mustAct(username: string, cid: string, action: string, body: Record<string, unknown> = {}) {
  const res = await act(username, cid, action, body);
  assert.equal(res.status, 200, `${username} ${action}: ${JSON.stringify(res.body)}`);
  return res.body;
}

let nextSlot = 30;
/** A distinct future hour per acceptance, so one host's consultations never clash by accident. */
const slot = () => inHours(nextSlot++ * 2);

const accept = (cid: string, extra: Record<string, unknown> = {}) =>
  mustAct('specialist.h1', cid, 'accept', { scheduledAt: slot(), durationMinutes: 30, ...extra });

describe('requesting a consultation', () => {
  test('a township doctor asks H1 cardiology; the request waits under the referral clock', async () => {
    const before = Date.now();
    const c = await request();
    assert.equal(c.status, 'requested');
    assert.equal(c.version, 1);
    assert.equal(c.myRole, 'participant');
    assert.equal(c.hostUserId, null);
    assert.equal(c.scheduledAt, null);
    assert.equal(c.request.toInstitution.name, '市第一人民医院');
    assert.equal(c.request.toDepartment.name, '心内科');
    assert.equal(c.request.priority, 'urgent');
    const due = Date.parse(c.request.decisionDueAt) - before;
    assert.ok(due > 23.9 * 3_600_000 && due < 24.1 * 3_600_000, 'urgent: 24 h to a decision');
    assert.deepEqual(
      c.events.map((e: any) => e.action),
      ['request'],
    );
    assert.deepEqual(c.allowedActions, ['propose-time', 'cancel']);
  });

  test('the receiving department sees it at once in its incoming worklist, with counts', async () => {
    const c = await request();
    for (const username of ['specialist.h1', 'coordinator.h1']) {
      const page = await as(username, 'GET', '/api/consultations?box=incoming&status=requested');
      assert.equal(page.status, 200);
      const row = page.body.items.find((i: any) => i.id === c.id);
      assert.ok(row, username);
      assert.equal(row.patient.name, '张桂兰');
      assert.equal(row.requester.institutionName, '城关镇卫生院');
      assert.ok(page.body.counts.requested >= 1);
      const detail = await as(username, 'GET', `/api/consultations/${c.id}`);
      assert.equal(detail.body.myRole, null);
      assert.ok(detail.body.allowedActions.includes('accept'), username);
    }
    const outgoing = await as('doctor.c1', 'GET', '/api/consultations?box=outgoing');
    assert.ok(outgoing.body.items.some((i: any) => i.id === c.id));
    // Not a session yet: it is in nobody's schedule.
    const schedule = await as('doctor.c1', 'GET', '/api/consultations');
    assert.ok(!schedule.body.some((i: any) => i.id === c.id));
  });

  test('the receiving institution hears of it on consultation_changed, with ids only', async () => {
    const listener = new pg.Client({ connectionString: t.db.ownerUrl });
    await listener.connect();
    const heard: any[] = [];
    listener.on('notification', (m) => m.payload && heard.push(JSON.parse(m.payload)));
    await listener.query('LISTEN consultation_changed');
    const c = await request();
    for (let i = 0; i < 50 && !heard.some((h) => h.consultationId === c.id); i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
    await listener.end();
    const note = heard.find((h) => h.consultationId === c.id);
    assert.ok(note);
    assert.equal(note.action, 'request');
    assert.deepEqual(note.institutionIds.sort(), [dir.inst.C1, dir.inst.H1].sort());
    assert.ok(!JSON.stringify(note).includes('张桂兰'));
  });
});

describe('the receiving side decides', () => {
  test('accept names the host and the time; the requester and host take part; replays are 409', async () => {
    const c = await request({ specialistUserId: id('specialist.h1') });
    const refused = await act('doctor.c1', c.id, 'accept', { scheduledAt: slot(), durationMinutes: 30 });
    assert.equal(refused.status, 403);
    assert.equal(refused.body.error.code, 'action_forbidden');
    const stale = await as('specialist.h1', 'POST', `/api/consultations/${c.id}/actions/accept`, {
      version: 7,
      scheduledAt: slot(),
      durationMinutes: 30,
    });
    assert.equal(stale.status, 409);
    assert.equal(stale.body.error.code, 'version_conflict');
    assert.ok(stale.body.error.details.allowedActions.includes('accept'));

    const accepted = await accept(c.id);
    assert.equal(accepted.status, 'scheduled');
    assert.equal(accepted.hostUserId, id('specialist.h1'));
    assert.equal(accepted.myRole, 'host');
    assert.deepEqual(
      accepted.participants.map((p: any) => [p.userId, p.role]),
      [
        [id('specialist.h1'), 'host'],
        [id('doctor.c1'), 'participant'],
      ],
    );
    const event = accepted.events.at(-1);
    assert.equal(event.action, 'accept');
    assert.equal(event.signed, true);
    assert.equal(event.verified, true);
    const again = await act('specialist.h1', c.id, 'accept', { scheduledAt: slot(), durationMinutes: 30 });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'invalid_transition');
    const schedule = await as('doctor.c1', 'GET', '/api/consultations');
    assert.ok(
      schedule.body.some((i: any) => i.id === c.id),
      'now in the requester’s schedule',
    );
  });

  test('the host’s other consultations are checked: an overlapping time is 409 host_busy', async () => {
    const at = slot();
    const first = await request();
    await mustAct('specialist.h1', first.id, 'accept', { scheduledAt: at, durationMinutes: 60 });
    const second = await request();
    const clash = await act('specialist.h1', second.id, 'accept', {
      scheduledAt: new Date(Date.parse(at) + 30 * 60_000).toISOString(),
      durationMinutes: 30,
    });
    assert.equal(clash.status, 409);
    assert.equal(clash.body.error.code, 'host_busy');
    const stillRequested = await as('specialist.h1', 'GET', `/api/consultations/${second.id}`);
    assert.equal(stillRequested.body.status, 'requested');
  });

  test('a coordinator accepts for a host of the department; a host outside it is refused', async () => {
    const c = await request();
    const noHost = await act('coordinator.h1', c.id, 'accept', { scheduledAt: slot(), durationMinutes: 30 });
    assert.equal(noHost.status, 400);
    assert.equal(noHost.body.error.code, 'host_not_eligible');
    const wrong = await act('coordinator.h1', c.id, 'accept', {
      scheduledAt: slot(),
      durationMinutes: 30,
      hostUserId: id('specialist.h2'),
    });
    assert.equal(wrong.status, 400);
    const ok = await mustAct('coordinator.h1', c.id, 'accept', {
      scheduledAt: slot(),
      durationMinutes: 30,
      hostUserId: id('specialist.h1'),
    });
    assert.equal(ok.hostUserId, id('specialist.h1'));
    assert.equal(ok.myRole, null, 'the coordinator arranges; they do not take part');
  });

  test('propose-time, request-info and provide-info, decline with a coded reason', async () => {
    const c = await request({ priority: 'routine' });
    const proposed = await mustAct('specialist.h1', c.id, 'propose-time', {
      times: [{ from: inHours(50), to: inHours(51) }],
      note: '周三下午可安排',
    });
    assert.equal(proposed.status, 'requested');
    assert.equal(proposed.request.proposedTimes.length, 1);
    const counter = await mustAct('doctor.c1', c.id, 'propose-time', {
      times: [{ from: inHours(52), to: inHours(53) }],
    });
    assert.equal(counter.request.preferredTimes[0].from, counter.request.preferredTimes[0].from);

    const asked = await mustAct('specialist.h1', c.id, 'request-info', {
      question: '请补充近期肌钙蛋白结果',
    });
    assert.equal(asked.status, 'info_requested');
    assert.equal(
      (await act('specialist.h1', c.id, 'accept', { scheduledAt: slot(), durationMinutes: 30 })).status,
      409,
    );
    const dueBefore = Date.parse(asked.request.decisionDueAt);
    const answered = await mustAct('doctor.c1', c.id, 'provide-info', { answer: '肌钙蛋白I 0.02 ng/mL' });
    assert.equal(answered.status, 'requested');
    assert.ok(Date.parse(answered.request.decisionDueAt) > dueBefore, 'the clock starts again');

    const bad = await act('specialist.h1', c.id, 'decline', { reasonCode: 'because', note: 'x' });
    assert.equal(bad.status, 400);
    const declined = await mustAct('specialist.h1', c.id, 'decline', {
      reasonCode: 'not_needed',
      note: '可在基层随访，暂不需会诊',
    });
    assert.equal(declined.status, 'declined');
    assert.equal(declined.request.declineReasonCode, 'not_needed');
    assert.deepEqual(
      declined.events.map((e: any) => e.action),
      ['request', 'propose-time', 'propose-time', 'request-info', 'provide-info', 'decline'],
    );
    assert.equal(declined.events.at(-1).verified, true);
    assert.deepEqual(declined.allowedActions, []);
  });

  test('the requester cancels; nothing more can happen to a cancelled request', async () => {
    const c = await request();
    assert.equal((await act('specialist.h1', c.id, 'cancel', { reason: 'x' })).status, 403);
    const cancelled = await mustAct('doctor.c1', c.id, 'cancel', { reason: '患者已转上级医院急诊' });
    assert.equal(cancelled.status, 'cancelled');
    for (const [action, body] of [
      ['accept', { scheduledAt: slot(), durationMinutes: 30 }],
      ['decline', { reasonCode: 'other', note: 'x' }],
    ] as const) {
      assert.equal((await act('specialist.h1', c.id, action, body)).status, 409, action);
    }
  });

  test('20 parallel accepts of one request: exactly one wins, the others get 409', async () => {
    const c = await request();
    const token = await t.login('specialist.h1');
    const scheduledAt = slot();
    const results = await Promise.all(
      Array.from({ length: 20 }, () =>
        t.call('POST', `/api/consultations/${c.id}/actions/accept`, {
          token,
          body: { version: 1, scheduledAt, durationMinutes: 30 },
        }),
      ),
    );
    const statuses = results.map((r) => r.status).sort();
    assert.equal(statuses.filter((s) => s === 200).length, 1, JSON.stringify(statuses));
    assert.equal(statuses.filter((s) => s === 409).length, 19);
    const final = await as('specialist.h1', 'GET', `/api/consultations/${c.id}`);
    assert.equal(final.body.events.filter((e: any) => e.action === 'accept').length, 1);
    assert.equal(final.body.participants.filter((p: any) => p.role === 'host').length, 1);
  });

  test('SLA: a request past its decision time is overdue in the detail, the filter and the counts', async () => {
    const c = await request({ priority: 'emergency' });
    const due = Date.parse(c.request.decisionDueAt) - Date.now();
    assert.ok(due > 1.9 * 3_600_000 && due < 2.1 * 3_600_000, 'emergency: 2 h');
    const owner = new pg.Client({ connectionString: t.db.ownerUrl });
    await owner.connect();
    await owner.query(
      `UPDATE consultations SET decision_due_at = now() - interval '1 minute' WHERE id = $1`,
      [c.id],
    );
    await owner.end();
    const detail = await as('coordinator.h1', 'GET', `/api/consultations/${c.id}`);
    assert.equal(detail.body.request.overdue, true);
    const page = await as('coordinator.h1', 'GET', '/api/consultations?box=incoming&overdue=true');
    assert.ok(page.body.items.some((i: any) => i.id === c.id && i.overdue));
    assert.ok(page.body.counts.overdue >= 1);
    assert.ok(page.body.items.every((i: any) => i.overdue));
  });
});

describe('invitations, the session’s end and the report', () => {
  let cid: string;
  before(async () => {
    cid = (await request()).id;
    await accept(cid);
  });

  test('the host invites across institutions and names a co-host; others may not', async () => {
    assert.equal((await act('doctor.c1', cid, 'invite', { userIds: [id('specialist.h2')] })).status, 403);
    const invited = await mustAct('specialist.h1', cid, 'invite', {
      userIds: [id('specialist.h2'), id('doctor.c2')],
    });
    assert.equal(invited.participants.length, 4);
    const twice = await act('specialist.h1', cid, 'invite', { userIds: [id('doctor.c2')] });
    assert.equal(twice.status, 400);
    assert.equal(twice.body.error.code, 'already_participant');
    const inactive = await act('specialist.h1', cid, 'invite', { userIds: [id('admin.region')] });
    assert.equal(inactive.status, 400);
    const cohost = await mustAct('specialist.h1', cid, 'set-cohost', { userId: id('specialist.h2') });
    assert.equal(cohost.participants.find((p: any) => p.userId === id('specialist.h2')).role, 'cohost');
    assert.equal((await act('specialist.h2', cid, 'set-cohost', { userId: id('doctor.c1') })).status, 403);
    const removed = await mustAct('specialist.h2', cid, 'remove-participant', { userId: id('doctor.c2') });
    assert.ok(!removed.participants.some((p: any) => p.userId === id('doctor.c2')));
    assert.equal(
      (await act('specialist.h2', cid, 'remove-participant', { userId: id('specialist.h1') })).status,
      400,
    );
    assert.equal(
      (await as('doctor.c2', 'GET', `/api/consultations/${cid}`)).status,
      404,
      'removed: gone for them',
    );
  });

  test('the conclusion waits for the end; the host signs it and the report PDF carries it', async () => {
    const conclusion = {
      diagnosis: '不稳定型心绞痛',
      recommendation: '建议上转市第一人民医院心内科行冠脉造影',
      referralAdvice: 'up',
    };
    assert.equal((await act('specialist.h1', cid, 'conclude', { conclusion })).status, 409);
    assert.equal((await as('specialist.h1', 'GET', `/api/consultations/${cid}/report.pdf`)).status, 409);
    assert.equal((await as('specialist.h1', 'POST', `/api/consultations/${cid}/end`)).status, 200);
    for (const username of ['specialist.h1', 'specialist.h2', 'doctor.c1']) {
      const res = await as(username, 'POST', `/api/consultations/${cid}/opinion`, {
        text: `${username} 意见：同意介入评估`,
      });
      assert.equal(res.status, 201, username);
    }
    assert.equal(
      (await act('specialist.h2', cid, 'conclude', { conclusion })).status,
      403,
      'co-host: not the report',
    );
    const reported = await mustAct('specialist.h1', cid, 'conclude', { conclusion });
    assert.equal(reported.status, 'reported');
    assert.equal(reported.conclusion.diagnosis, '不稳定型心绞痛');
    assert.equal(reported.conclusion.verified, true);
    const late = await as('doctor.c1', 'POST', `/api/consultations/${cid}/opinion`, { text: '补充' });
    assert.equal(late.status, 409, 'opinions close with the report');

    const res = await fetch(`${t.baseUrl}/api/consultations/${cid}/report.pdf`, {
      headers: { authorization: `Bearer ${await t.login('doctor.c1')}` },
    });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'application/pdf');
    const file = join(mkdtempSync(join(tmpdir(), 'report-')), 'report.pdf');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const text = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
    for (const expected of ['远程会诊报告', '张桂兰', '不稳定型心绞痛', '建议上转', '签名已验证', '周主任']) {
      assert.ok(text.includes(expected), `report contains ${expected}`);
    }
  });

  test('the referral’s timeline carries the consultation and its conclusion', async () => {
    const res = await as('doctor.c1', 'GET', `/api/referrals/${referralId}/consultations`);
    assert.equal(res.status, 200);
    const mine = res.body.find((c: any) => c.id === cid);
    assert.equal(mine.status, 'reported');
    assert.equal(mine.conclusion.referralAdvice, 'up');
    assert.equal(mine.recordVisible, true);
    assert.deepEqual(
      mine.events.map((e: any) => e.action),
      ['request', 'accept', 'invite', 'set-cohost', 'remove-participant', 'end', 'conclude'],
    );
  });

  test('the record: participants and an auditing administrator; everybody else 404', async () => {
    const record = await as('doctor.c1', 'GET', `/api/consultations/${cid}/record`);
    assert.equal(record.status, 200);
    assert.equal(record.body.opinions.length, 3);
    assert.ok(Array.isArray(record.body.messages));
    assert.ok(Array.isArray(record.body.attendanceSummary));
    assert.equal((await as('admin.h1', 'GET', `/api/consultations/${cid}/record`)).status, 200);
    // The requesting institution's coordinator sees the request, not the record.
    assert.equal((await as('coordinator.c1', 'GET', `/api/consultations/${cid}`)).status, 200);
    for (const username of ['coordinator.c1', 'doctor.c2', 'coordinator.h2', 'admin.region']) {
      for (const path of ['record', 'report.pdf', 'messages', 'opinion']) {
        const res = await as(username, 'GET', `/api/consultations/${cid}/${path}`);
        assert.equal(res.status, 404, `${username} ${path}`);
      }
    }
    for (const username of ['doctor.c2', 'coordinator.h2', 'admin.region']) {
      assert.equal((await as(username, 'GET', `/api/consultations/${cid}`)).status, 404, username);
      const rec = await as(username, 'GET', `/api/consultations/${cid}/recordings/${cid}/files`);
      assert.equal(rec.status, 404, `${username} recordings`);
    }
  });
});

describe('isolation of requests', () => {
  test('H2 and C2 staff who are not invited never see a request, in the worklists or by id', async () => {
    const c = await request();
    for (const username of ['specialist.h2', 'coordinator.h2', 'doctor.c2']) {
      assert.equal((await as(username, 'GET', `/api/consultations/${c.id}`)).status, 404, username);
      for (const box of ['incoming', 'outgoing', 'mine']) {
        const page = await as(username, 'GET', `/api/consultations?box=${box}`);
        assert.ok(!page.body.items.some((i: any) => i.id === c.id), `${username} ${box}`);
      }
      const res = await as(username, 'POST', `/api/consultations/${c.id}/actions/accept`, {
        version: 1,
        scheduledAt: slot(),
        durationMinutes: 30,
      });
      assert.equal(res.status, 404, `${username} accept`);
    }
  });
});

describe('bad input', () => {
  const countRequests = async () => {
    const owner = new pg.Client({ connectionString: t.db.ownerUrl });
    await owner.connect();
    const { rows } = await owner.query('SELECT count(*)::int AS n FROM consultations');
    await owner.end();
    return rows[0].n as number;
  };

  test('each is a clear 400 in the one error shape, and nothing is written', async () => {
    const before = await countRequests();
    const cases: [Record<string, unknown>, string | null][] = [
      [{ question: '' }, null],
      [{ priority: 'asap' }, null],
      [{ toInstitutionId: 'not-a-uuid' }, null],
      [{ preferredTimes: [{ from: inHours(5), to: inHours(4) }] }, null],
      [{ preferredTimes: [{ from: '0000-01-01T00:00:00Z', to: inHours(4) }] }, null],
      [{ referralId: undefined, patientId: undefined }, null],
      [{ toInstitutionId: dir.inst.C1, toDepartmentId: undefined }, 'same_institution'],
      [{ toInstitutionId: dir.inst.C2, toDepartmentId: undefined }, 'no_route'],
      [{ toDepartmentId: dir.dept['H2/IM'] }, 'department_mismatch'],
      [{ specialistUserId: id('specialist.h2') }, 'specialist_mismatch'],
      [{ studyInstanceUids: ['1.2.3.4.5'] }, 'study_not_shared'],
      [{ extra: true }, null],
      // PostgreSQL text can't hold NUL; the database's refusal is the client's 400, not a 500.
      [{ question: '胸痛\u0000' }, 'invalid_text'],
    ];
    for (const [overrides, code] of cases) {
      const res = await as('doctor.c1', 'POST', '/api/consultations', requestBody(overrides));
      assert.equal(res.status, 400, JSON.stringify(overrides));
      assert.equal(typeof res.body.error.code, 'string');
      assert.equal(typeof res.body.error.message, 'string');
      if (code) assert.equal(res.body.error.code, code, JSON.stringify(overrides));
    }
    for (const q of [
      'box=sideways',
      'box=incoming&status=nope',
      'box=incoming&cursor=Zm9v',
      'box=incoming&limit=0',
    ]) {
      const res = await as('specialist.h1', 'GET', `/api/consultations?${q}`);
      assert.equal(res.status, 400, q);
    }
    const c = await request();
    for (const body of [
      {},
      { version: 'one' },
      { version: 1, scheduledAt: 'tomorrow', durationMinutes: 30 },
    ]) {
      const res = await as('specialist.h1', 'POST', `/api/consultations/${c.id}/actions/accept`, body);
      assert.equal(res.status, 400, JSON.stringify(body));
    }
    assert.equal(await countRequests(), before + 1, 'only the one good request was written');
  });
});
