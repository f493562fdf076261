// The referral workflow in real browsers: a township doctor refers up, the hospital's referral
// office sees it arrive live, accepts, books a slot, prints the slip, checks the patient in with
// the slip's code, the specialist closes the loop, and the doctor sees the feedback.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshot, useBrowser } from '@tiered-care/testkit/browser';
import { referralBody, useTestApp } from '@tiered-care/testkit/harness';

const t = useTestApp({ web: true });
const chromium = useBrowser({ app: t });

/** Waits until the page shows this status (pages update after the action or a live event). */
async function expectStatus(page: Page, text: string): Promise<void> {
  await page.getByTestId('referral-status').filter({ hasText: text }).first().waitFor({ timeout: 15_000 });
}

describe('the referral workflow in the browser', () => {
  test('an inpatient up-referral goes from the clinic to completed feedback', async () => {
    const coordinator = await chromium.signedIn('coordinator.h1');
    await coordinator.getByTestId('nav-worklist').click();
    await coordinator.getByTestId('worklist-tab-pending').click();
    await screenshot(coordinator, 'worklist-before');

    // The doctor at C1 fills in the form.
    const doctor = await chromium.signedIn('doctor.c1');
    await doctor.getByTestId('nav-new-referral').click();
    await doctor.getByTestId('patient-search').fill('王秀英');
    await doctor.getByTestId('patient-option').first().click();
    await doctor.getByTestId('to-institution').selectOption(t.dir.inst.H1!);
    await doctor.getByTestId('to-department').selectOption(t.dir.dept['H1/CARD']!);
    await doctor.getByTestId('referral-type').selectOption('inpatient');
    await doctor.getByTestId('referral-priority').selectOption('urgent');
    await doctor.getByTestId('diagnosis-search').fill('I20.0');
    await doctor.getByTestId('diagnosis-option').first().click();
    await doctor.getByTestId('referral-reason').fill('胸痛反复发作，需住院评估');
    await doctor.getByTestId('referral-summary').fill('女，78岁，心电图ST段压低，肌钙蛋白阴性。');
    await screenshot(doctor, 'new-referral-form');
    await doctor.getByTestId('referral-form-submit').click();
    await doctor.waitForURL(/\/referrals\/[0-9a-f-]{36}$/);
    const id = doctor.url().split('/').pop()!;
    await expectStatus(doctor, '待接收');

    // It appears in the hospital's worklist without a reload.
    const row = coordinator.locator(`[data-testid="referral-row"][data-referral-id="${id}"]`);
    await row.waitFor({ timeout: 15_000 });
    assert.notEqual(await coordinator.getByTestId('notification-badge').getAttribute('data-count'), '0');
    await screenshot(coordinator, 'worklist-new-arrival');

    await row.click();
    await coordinator.getByTestId('action-accept').click();
    await coordinator.getByTestId('action-confirm').click();
    await expectStatus(coordinator, '已接收');

    await coordinator.getByTestId('action-schedule').click();
    await coordinator.getByTestId('slot-option').first().click();
    await coordinator.getByTestId('action-confirm').click();
    await expectStatus(coordinator, '已预约');
    const code = (await coordinator.getByTestId('referral-checkin-code').innerText()).match(
      /[0-9A-Z]{8}/,
    )?.[0];
    assert.ok(code, 'the receiving coordinator sees the check-in code');
    await screenshot(coordinator, 'referral-drawer-scheduled');

    // The slip opens as a PDF in a new tab.
    const [slip] = await Promise.all([
      coordinator.waitForEvent('popup'),
      coordinator.getByTestId('print-slip').click(),
    ]);
    // The tab opens at the click (popup blockers) and then loads the PDF as a blob.
    await slip.waitForURL(/^blob:/, { timeout: 15_000 });
    await slip.close();

    // The patient arrives with the slip: check in by its code.
    await coordinator.keyboard.press('Escape');
    await coordinator.getByTestId('nav-check-in').click();
    await coordinator.getByTestId('checkin-code').fill(code.toLowerCase());
    await coordinator.getByTestId('checkin-submit').click();
    await coordinator.getByTestId('checkin-success').waitFor();
    await expectStatus(coordinator, '已报到');
    await screenshot(coordinator, 'check-in-done');

    // The cardiologist completes it with feedback.
    const specialist = await chromium.signedIn('specialist.h1');
    await specialist.goto(`${t.baseUrl}/referrals/${id}`);
    await specialist.getByTestId('action-complete').click();
    await specialist.getByTestId('action-diagnosis').fill('稳定型心绞痛');
    await specialist.getByTestId('action-treatment').fill('冠脉造影：前降支狭窄50%，药物治疗');
    await specialist.getByTestId('action-advice').fill('回社区随访，监测血压血脂，一月后复诊');
    await specialist.getByTestId('action-confirm').click();
    await specialist.getByTestId('referral-feedback').waitFor();
    await expectStatus(specialist, '已完成');

    // The referring doctor sees 已完成 and the feedback, live.
    await doctor.getByTestId('referral-feedback').waitFor({ timeout: 15_000 });
    await expectStatus(doctor, '已完成');
    assert.match(await doctor.getByTestId('referral-feedback').innerText(), /前降支狭窄50%/);
    await screenshot(doctor, 'referral-completed-feedback');
  });

  test('a rejected referral shows its reason to the referring doctor', async () => {
    const r = await t.createReferral(
      'doctor.c1',
      referralBody({ patientId: await t.patientId('doctor.c1', '李建国'), toInstitutionId: t.dir.inst.H1 }),
    );
    await t.mustAct('coordinator.h1', r.id, 'reject', {
      version: 1,
      reasonCode: 'capacity',
      note: '本周床位已满',
    });
    const doctor = await chromium.signedIn('doctor.c1');
    await doctor.goto(`${t.baseUrl}/referrals/${r.id}`);
    const rejection = doctor.getByTestId('referral-rejection');
    await rejection.waitFor();
    await expectStatus(doctor, '已拒绝');
    assert.match(await rejection.innerText(), /接收能力不足/);
    assert.match(await rejection.innerText(), /本周床位已满/);
    await screenshot(doctor, 'referral-rejected');
  });

  test('the regional dashboard shows the new counts and no patient data', async () => {
    const admin = await chromium.signedIn('admin.region');
    await admin.getByTestId('nav-dashboard').click();
    const upCard = admin.getByTestId('kpi-up').locator('.dash-kpi-value');
    await upCard.waitFor();
    const before = Number((await upCard.innerText()).replace(/\D/g, ''));

    await t.createReferral(
      'doctor.c2',
      referralBody({ patientId: await t.patientId('doctor.c2', '刘德明'), toInstitutionId: t.dir.inst.H1 }),
    );
    await admin.reload();
    await admin
      .getByTestId('kpi-up')
      .locator('.dash-kpi-value')
      .filter({ hasText: String(before + 1) })
      .waitFor();
    assert.equal(await admin.getByTestId('stats-chart').count(), 4);
    await admin.getByTestId('stats-chart').first().locator('canvas').waitFor();
    const text = await admin.locator('body').innerText();
    for (const name of ['张桂兰', '王秀英', '刘德明']) assert.doesNotMatch(text, new RegExp(name));
    // Let the charts' entry animation finish so the saved picture shows them.
    await admin.waitForTimeout(1500);
    await screenshot(admin, 'regional-dashboard');
  });
});
