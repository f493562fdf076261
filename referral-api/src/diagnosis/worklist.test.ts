// The reading worklist and what each party sees: turnaround targets and overdue, urgency order
// and paging, isolation between clinics and centres, minimum necessary once care ended, reading
// centres by route, and the region's turnaround statistics without patient data.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type pg from 'pg';
import { TURNAROUND_MINUTES } from '@tiered-care/common';
import { mustDiagnosisAct, requestDiagnosis, uploadedStudy, useTestApp } from '@tiered-care/testkit/harness';

const t = useTestApp();
let owner: pg.Client;
let patient: string;

before(async () => {
  await t.ready();
  owner = await t.client('owner');
  patient = await t.patientId('doctor.c1', '张桂兰');
});

const send = async (kind: 'ecg' | 'imaging', priority: string, patientId = patient) =>
  requestDiagnosis(t, 'doctor.c1', {
    kind,
    patientId,
    studyInstanceUid: await uploadedStudy(owner, 'C1'),
    toInstitutionId: t.dir.inst.H1,
    toDepartmentId: t.dir.dept[kind === 'ecg' ? 'H1/CARD' : 'H1/RAD'],
    priority,
    clinicalInfo: '咳嗽发热3天',
    question: kind === 'ecg' ? '心律失常？' : '肺炎？',
  });

const get = async (username: string, path: string) => t.call('GET', path, { token: await t.login(username) });
const must = (u: string, id: string, a: string, b: Record<string, unknown> = {}) =>
  mustDiagnosisAct(t, u, id, a, b);
const report = { findings: '窦性心律', impression: '正常心电图', critical: false };

/** Moves a request back in time, as if it had been sent `minutes` ago. */
const age = (id: string, minutes: number) =>
  owner.query(
    `UPDATE diagnosis_requests SET requested_at = requested_at - make_interval(mins => $2),
       due_at = due_at - make_interval(mins => $2),
       signed_at = signed_at - make_interval(mins => $2) WHERE id = $1`,
    [id, minutes],
  );

describe('turnaround targets and the reading worklist', () => {
  test('due time follows the kind and priority; a late request shows overdue, first, and in the counts', async () => {
    for (const [kind, priority] of [
      ['ecg', 'emergency'],
      ['ecg', 'routine'],
      ['imaging', 'urgent'],
      ['imaging', 'routine'],
    ] as const) {
      const d = await send(kind, priority);
      const minutes = (Date.parse(d.dueAt) - Date.parse(d.requestedAt)) / 60_000;
      assert.equal(minutes, TURNAROUND_MINUTES[kind][priority], `${kind} ${priority}`);
      assert.equal(d.overdue, false);
    }
    const late = await send('ecg', 'routine');
    await age(late.id, 25 * 60);
    const page = await get(
      'specialist.h1',
      '/api/diagnosis-requests?box=incoming&status=requested,claimed,reported',
    );
    assert.equal(page.status, 200);
    assert.equal(page.body.items[0].id, late.id, 'overdue first, even before an emergency');
    assert.equal(page.body.items[0].overdue, true);
    assert.ok(page.body.counts.overdue >= 1);
    assert.ok(page.body.counts.requested >= 3);
    const onlyLate = await get('specialist.h1', '/api/diagnosis-requests?box=incoming&overdue=true');
    assert.deepEqual(
      onlyLate.body.items.map((i: { id: string }) => i.id),
      [late.id],
    );
    const detail = await get('doctor.c1', `/api/diagnosis-requests/${late.id}`);
    assert.equal(detail.body.overdue, true, 'the requester sees it is late too');
  });

  test('open work by urgency, then closed work newest first; pages join without gaps or repeats', async () => {
    const routine = await send('ecg', 'routine');
    const emergency = await send('ecg', 'emergency');
    const urgent = await send('ecg', 'urgent');
    const done = await send('ecg', 'urgent');
    await must('specialist.h1', done.id, 'claim');
    await must('specialist.h1', done.id, 'report', { report });
    await must('specialist.h1', done.id, 'sign');
    const all = await get('specialist.h1', '/api/diagnosis-requests?box=incoming&limit=100');
    const ids: string[] = all.body.items.map((i: { id: string }) => i.id);
    assert.ok(ids.indexOf(emergency.id) < ids.indexOf(urgent.id));
    assert.ok(ids.indexOf(urgent.id) < ids.indexOf(routine.id));
    assert.ok(ids.indexOf(routine.id) < ids.indexOf(done.id), 'signed work after open work');
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await get(
        'specialist.h1',
        `/api/diagnosis-requests?box=incoming&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      assert.equal(res.status, 200, JSON.stringify(res.body));
      paged.push(...res.body.items.map((i: { id: string }) => i.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    assert.deepEqual(paged, ids);
    // The counts the trigger keeps agree with the requests themselves, through every change.
    const truth = await owner.query<{ status: string; n: number }>(
      `SELECT d.status, count(*)::int AS n FROM diagnosis_requests d JOIN reading_centres c ON c.id = d.centre_id
       WHERE c.department_id = $1 GROUP BY d.status`,
      [t.dir.dept['H1/CARD']],
    );
    const counted = Object.entries(all.body.counts as Record<string, number>).filter(
      ([status, n]) => status !== 'overdue' && n > 0,
    );
    assert.deepEqual(Object.fromEntries(counted), Object.fromEntries(truth.rows.map((r) => [r.status, r.n])));
    const mine = await get('specialist.h1', '/api/diagnosis-requests?box=incoming&mine=true');
    assert.ok(
      mine.body.items.every(
        (i: { claimedBy: { displayName: string } }) => i.claimedBy.displayName === '周主任',
      ),
    );
    const foreign = await get(
      'specialist.h1',
      '/api/diagnosis-requests?box=incoming&cursor=bm90LWEtY3Vyc29y',
    );
    assert.equal(foreign.status, 400);
    assert.equal(foreign.body.error.code, 'invalid_cursor');
  });
});

describe('who sees a request', () => {
  test('another clinic, another centre and another hospital get 404; a colleague of the requester sees it', async () => {
    const d = await send('ecg', 'urgent');
    for (const outsider of [
      'doctor.c2',
      'radiologist.h1',
      'specialist.h2',
      'coordinator.h1',
      'admin.region',
    ]) {
      const res = await get(outsider, `/api/diagnosis-requests/${d.id}`);
      assert.equal(res.status, 404, outsider);
      assert.equal(res.body.error.code, 'not_found');
      const claim = await t.call('POST', `/api/diagnosis-requests/${d.id}/actions/claim`, {
        token: await t.login(outsider),
        body: { version: 1 },
      });
      assert.equal(claim.status, 404, `${outsider} claims`);
    }
    const radiology = await get('radiologist.h1', '/api/diagnosis-requests?box=incoming&limit=100');
    assert.ok(!radiology.body.items.some((i: { id: string }) => i.id === d.id));
    const c2 = await get('doctor.c2', '/api/diagnosis-requests?box=outgoing&limit=100');
    assert.ok(!c2.body.items.some((i: { id: string }) => i.id === d.id));
    const colleague = await get('coordinator.c1', `/api/diagnosis-requests/${d.id}`);
    assert.equal(colleague.status, 200);
    assert.deepEqual(colleague.body.allowedActions, [], 'seeing outgoing work is not acting on it');
    const outgoing = await get('coordinator.c1', '/api/diagnosis-requests?box=outgoing&limit=100');
    assert.ok(outgoing.body.items.some((i: { id: string }) => i.id === d.id));
  });

  test('the centre keeps the patient while reading and for the care period after; not once cancelled', async () => {
    // A patient H1 knows of through nothing else (张桂兰 has the demo referral to H1).
    const alone = await t.patientId('doctor.c1', '王秀英');
    const signed = await send('ecg', 'routine', alone);
    await must('specialist.h1', signed.id, 'claim');
    await must('specialist.h1', signed.id, 'report', { report });
    await must('specialist.h1', signed.id, 'sign');
    const recent = await get('specialist.h1', `/api/diagnosis-requests/${signed.id}`);
    assert.equal(recent.body.patient.name, '王秀英');
    await age(signed.id, 100 * 24 * 60);
    const old = await get('specialist.h1', `/api/diagnosis-requests/${signed.id}`);
    assert.equal(old.status, 200, 'the work record stays');
    assert.equal(old.body.patient, null);
    assert.equal(old.body.patientAccess, 'ended');
    assert.equal(old.body.clinicalInfo, null);
    assert.equal(old.body.question, null);
    assert.equal(old.body.reports[0].content.impression, '正常心电图', 'the centre’s own report stays');
    const requester = await get('doctor.c1', `/api/diagnosis-requests/${signed.id}`);
    assert.equal(requester.body.patient.name, '王秀英', 'the clinic registered the patient');

    const cancelled = await send('ecg', 'routine', alone);
    await must('doctor.c1', cancelled.id, 'cancel', { reason: '重复申请' });
    const after = await get('specialist.h1', `/api/diagnosis-requests/${cancelled.id}`);
    assert.equal(after.body.patient, null);
  });
});

describe('reading centres and statistics', () => {
  test('a clinic sees the centres its routes allow, by kind', async () => {
    const all = await get('doctor.c1', '/api/reading-centres');
    assert.deepEqual(
      all.body.items.map((c: { department: { name: string }; kinds: string[] }) => [
        c.department.name,
        c.kinds,
      ]),
      [
        ['心内科', ['ecg']],
        ['放射科', ['imaging']],
      ],
    );
    const imaging = await get('doctor.c1', '/api/reading-centres?kind=imaging');
    assert.deepEqual(imaging.body.items[0].modalities, ['CR', 'DX', 'CT', 'MR']);
    assert.equal(imaging.body.items.length, 1);
    const h1 = await get('specialist.h1', '/api/reading-centres');
    assert.deepEqual(h1.body.items, [], 'no route from H1 to its own centres');
  });

  test('per centre and month: requests, median and p90 turnaround, overdue share, critical; no patient data', async () => {
    interface Row {
      department: { name: string };
      kind: string;
      priority: string;
      requests: number;
      signed: number;
      turnaroundMedianMinutes: number;
      turnaroundP90Minutes: number;
      overdueShare: number;
      critical: number;
    }
    const row = (body: { rows: Row[] }) =>
      body.rows.find((r) => r.department.name === '心内科' && r.kind === 'ecg' && r.priority === 'emergency');
    const base = row((await get('admin.region', '/api/diagnosis-stats')).body);
    for (const [minutes, critical] of [
      [10, false],
      [20, true],
      [30, false],
    ] as const) {
      const d = await send('ecg', 'emergency');
      await must('specialist.h1', d.id, 'claim');
      await must('specialist.h1', d.id, 'report', { report: { ...report, critical } });
      await must('specialist.h1', d.id, 'sign');
      await owner.query(
        `UPDATE diagnosis_requests SET requested_at = signed_at - make_interval(mins => $2),
           due_at = signed_at - make_interval(mins => $2) + interval '15 minutes' WHERE id = $1`,
        [d.id, minutes],
      );
    }
    const res = await get('admin.region', '/api/diagnosis-stats');
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const r = row(res.body);
    assert.ok(r);
    assert.equal(r.requests - (base?.requests ?? 0), 3);
    assert.equal(r.critical - (base?.critical ?? 0), 1);
    if (!base) {
      assert.equal(r.turnaroundMedianMinutes, 20);
      assert.equal(r.turnaroundP90Minutes, 28);
      assert.equal(r.overdueShare, 0.6667, 'two of three signed after 15 minutes');
    }
    assert.doesNotMatch(JSON.stringify(res.body), /张桂兰|咳嗽/);
    const audit = await owner.query(`SELECT 1 FROM audit_log WHERE action = 'stats.diagnosis'`);
    assert.ok(audit.rowCount);
    const other = await get('doctor.c2', '/api/diagnosis-stats');
    assert.equal(other.status, 200);
    assert.deepEqual(other.body.rows, [], 'a clinic that sent nothing sees nothing of others');
    const bad = await get('admin.region', '/api/diagnosis-stats?from=2026-13');
    assert.equal(bad.status, 400);
  });
});
