// The request half of a remote consultation in real browsers: a township doctor asks H1 from
// the referral's page, the cardiologist sees it arrive live, asks for more information, the
// doctor answers, the cardiologist accepts with a time and invites a colleague from another
// hospital, who finds it in their schedule; a clinic not involved gets "not found".
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import {
  acceptFromWorklist,
  inviteColleague,
  requestConsultFromReferral,
  screenshot,
  useBrowser,
} from '@tiered-care/testkit/browser';
import { useTestApp } from '@tiered-care/testkit/harness';

const t = useTestApp({ web: true });
const chromium = useBrowser({ app: t });
let users: Record<string, string>;
let referralId: string;

before(async () => {
  const started = Date.now();
  const staff = await t.call<{ id: string; displayName: string }[]>('GET', '/api/users?limit=200', {
    token: await t.login('doctor.c1'),
  });
  const names: Record<string, string> = { 周主任: 'specialist.h1', 王主任: 'specialist.h2' };
  users = Object.fromEntries(
    staff.body.filter((s) => names[s.displayName]).map((s) => [names[s.displayName], s.id]),
  );
  const outgoing = await t.call<{ items: { id: string; patientName: string }[] }>(
    'GET',
    '/api/referrals?box=outgoing',
    { token: await t.login('doctor.c1') },
  );
  const demo = outgoing.body.items.find((i) => i.patientName === '张桂兰');
  assert.ok(demo, 'the demo up-referral about 张桂兰');
  referralId = demo.id;
  console.log(`# stack up in ${Date.now() - started} ms`);
});

const status = (page: Page, s: string) =>
  page.locator(`[data-testid="consult-status"][data-status="${s}"]`).first().waitFor({ timeout: 15_000 });

describe('requesting a remote consultation in the browser', () => {
  test('request, information asked and given, accepted, a colleague invited', async () => {
    const specialist = await chromium.signedIn('specialist.h1');
    await specialist.goto(`${t.baseUrl}/consultations?tab=incoming`);
    const doctor = await chromium.signedIn('doctor.c1');
    const id = await requestConsultFromReferral(doctor, t.baseUrl, referralId, {
      priority: 'urgent',
      question: '胸痛反复发作两周，心电图ST段压低，请协助判断是否需要冠脉造影。',
    });
    await status(doctor, 'requested');

    // It arrives in the cardiologist's open worklist without a reload.
    const row = specialist.locator(`[data-testid="consult-request-row"][data-consultation-id="${id}"]`);
    await row.waitFor({ timeout: 15_000 });
    assert.match(await row.innerText(), /张桂兰/);
    await screenshot(specialist, 'consult-incoming');
    await row.click();
    await specialist.getByTestId('consult-info-question').fill('请补充近三天肌钙蛋白结果');
    await specialist.getByTestId('consult-request-info').click();
    await status(specialist, 'info_requested');

    // The doctor's page shows the question live and answers it.
    await status(doctor, 'info_requested');
    await doctor.getByTestId('consult-info-answer').fill('肌钙蛋白I 0.02 ng/mL，三次均阴性');
    await doctor.getByTestId('consult-provide-info').click();
    await status(doctor, 'requested');

    const at = new Date(Date.now() + 26 * 3_600_000);
    await acceptFromWorklist(specialist, t.baseUrl, id, { hostUserId: users['specialist.h1']!, at });
    await inviteColleague(specialist, '县人民医院', users['specialist.h2']!);
    await screenshot(specialist, 'consult-accepted');
    const history = await specialist
      .getByTestId('consult-event')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-action')));
    assert.deepEqual(history, ['request', 'request-info', 'provide-info', 'accept', 'invite']);

    // The invited colleague finds it in their week, at the time in their own zone.
    const colleague = await chromium.signedIn('specialist.h2');
    await colleague.goto(`${t.baseUrl}/consultations`);
    const ours = colleague.locator(`[data-testid="consultation-row"][data-consultation-id="${id}"]`);
    // This week holds the demo consultation of today; tomorrow may already be next week.
    await colleague.getByTestId('consultation-row').first().waitFor({ timeout: 15_000 });
    if ((await ours.count()) === 0) await colleague.getByTestId('schedule-next').click();
    const inWeek = () =>
      ours.waitFor({ timeout: 10_000 }).then(
        () => true,
        () => false,
      );
    assert.ok(await inWeek(), 'the invited colleague sees it in 会诊日程');

    // The doctor sees the acceptance in the referral's timeline.
    await doctor.goto(`${t.baseUrl}/referrals/${referralId}`);
    await doctor
      .locator(
        `[data-testid="timeline-event"][data-action="consultation.accept"][data-consultation-id="${id}"]`,
      )
      .waitFor({ timeout: 15_000 });

    // A clinic with no part in it gets the same answer as for a consultation that does not exist.
    const other = await chromium.signedIn('doctor.c2');
    await other.goto(`${t.baseUrl}/consultations/${id}`);
    await other.getByTestId('consult-not-found').waitFor({ timeout: 15_000 });
    assert.equal(await other.getByTestId('consult-record').count(), 0);
  });
});
