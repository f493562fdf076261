import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import pg from 'pg';
import { referralBody, useTestApp } from '@tiered-care/testkit/harness';

const t = useTestApp();
const created: { id: string; priority: string }[] = [];

before(async () => {
  const zhang = await t.patientId('doctor.c1', '张桂兰');
  for (const priority of ['routine', 'emergency', 'urgent', 'routine', 'emergency', 'urgent', 'routine']) {
    const r = await t.createReferral(
      'doctor.c1',
      referralBody({ patientId: zhang, toInstitutionId: t.dir.inst.H1, priority }),
    );
    created.push({ id: r.id, priority });
  }
});

const list = async (user: string, query: string) => {
  const res = await t.call('GET', `/api/referrals?${query}`, { token: await t.login(user) });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body;
};

describe("the coordinator's worklist", () => {
  test('the incoming box puts emergencies first, then the longest-waiting', async () => {
    const page = await list('coordinator.h1', 'box=incoming&status=submitted&limit=100');
    const ranks = page.items.map(
      (i: { priority: string }) => ({ emergency: 3, urgent: 2, routine: 1 })[i.priority],
    );
    assert.deepEqual(
      ranks,
      [...ranks].sort((a, b) => b - a),
    );
    const emergencies = page.items.filter((i: { priority: string }) => i.priority === 'emergency');
    assert.ok(emergencies[0].createdAt <= emergencies[1].createdAt);
  });

  test('walking pages with the cursor returns every item exactly once', async () => {
    const all = await list('coordinator.h1', 'box=incoming&limit=100');
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list('coordinator.h1', `box=incoming&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      assert.ok(page.items.length <= 3);
      seen.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(
      seen,
      all.items.map((i: { id: string }) => i.id),
    );
    assert.equal(new Set(seen).size, seen.length);

    const newest: string[] = [];
    cursor = null;
    do {
      const page = await list(
        'doctor.c1',
        `box=outgoing&sort=newest&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      newest.push(...page.items.map((i: { createdAt: string }) => i.createdAt));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(newest, [...newest].sort().reverse());
  });

  test('the counts per status cover the whole box, whatever the filters', async () => {
    const page = await list('coordinator.h1', 'box=incoming&priority=emergency&limit=1');
    assert.equal(page.items.length, 1);
    assert.ok(page.counts.submitted >= created.length);
  });

  test('a referral past its decision time is flagged overdue and found by the overdue filter', async () => {
    const late = created[0]!.id;
    const owner = new pg.Client({ connectionString: t.db.ownerUrl });
    await owner.connect();
    await owner.query(`UPDATE referrals SET decision_due_at = now() - interval '1 hour' WHERE id = $1`, [
      late,
    ]);
    await owner.end();
    const overdue = await list('coordinator.h1', 'box=incoming&overdue=true');
    assert.deepEqual(
      overdue.items.map((i: { id: string }) => i.id),
      [late],
    );
    assert.equal(overdue.items[0].overdue, true);
    assert.equal(overdue.counts.overdue, 1);
    const detail = await t.call('GET', `/api/referrals/${late}`, { token: await t.login('coordinator.h1') });
    assert.equal(detail.body.overdue, true);
    // Once decided it is no longer overdue.
    await t.mustAct('coordinator.h1', late, 'accept', { version: 1 });
    const after = await list('coordinator.h1', 'box=incoming&overdue=true');
    assert.equal(after.items.length, 0);
  });

  test('search finds referrals by patient name, diagnosis or number', async () => {
    const byName = await list('coordinator.h1', `box=incoming&q=${encodeURIComponent('桂兰')}`);
    assert.ok(byName.items.length >= created.length);
    const one = byName.items[0];
    const byNo = await list('coordinator.h1', `box=incoming&q=${one.referralNo}`);
    assert.deepEqual(
      byNo.items.map((i: { id: string }) => i.id),
      [one.id],
    );
    const none = await list('coordinator.h1', `box=incoming&q=${encodeURIComponent('不存在的患者%_')}`);
    assert.equal(none.items.length, 0);
  });

  test('a search pages by its cursor: every match once, newest first, as on one long page', async () => {
    const q = `box=incoming&q=${encodeURIComponent('桂兰')}`;
    const all = await list('coordinator.h1', `${q}&limit=100`);
    assert.ok(all.items.length >= 3);
    const paged: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list('coordinator.h1', `${q}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      paged.push(...page.items.map((i: { id: string }) => i.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(
      paged,
      all.items.map((i: { id: string }) => i.id),
    );
  });

  test("today's arrivals list shows referrals with an appointment on that day", async () => {
    const slots = await t.call('GET', `/api/slots?institutionId=${t.dir.inst.H1}`, {
      token: await t.login('doctor.c1'),
    });
    const slot = slots.body[0];
    await t.mustAct('coordinator.h1', created[1]!.id, 'accept', { version: 1 });
    await t.mustAct('coordinator.h1', created[1]!.id, 'schedule', { version: 2, slotId: slot.id });
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
      new Date(slot.startsAt),
    );
    const arrivals = await list('coordinator.h1', `box=incoming&appointmentDate=${day}&status=scheduled`);
    assert.ok(arrivals.items.some((i: { id: string }) => i.id === created[1]!.id));
  });

  test('the outgoing box of one clinic never shows another clinic’s referrals', async () => {
    const c2 = await list('doctor.c2', 'box=outgoing&limit=100');
    assert.equal(c2.items.length, 0);
    const c2in = await list('doctor.c2', 'box=incoming&limit=100');
    assert.equal(c2in.items.length, 0);
  });
});
