// A referral whose patient is out of the hospital's reach (the clinic cancelled it) still opens in
// the browser as the hospital's work record: status and institutions, the patient shown as no
// longer available, no slip to print, and no crash.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { screenshot, signIn, useBrowser } from '@tiered-care/testkit/browser';
import { DEMO_PASSWORD, referralBody, useTestApp } from '@tiered-care/testkit/harness';

const t = useTestApp({ web: true });
const chromium = useBrowser({ app: t });

test('the receiving hospital opens a cancelled referral without its patient', async () => {
  const dir = t.dir;
  const r = await t.createReferral(
    'doctor.c1',
    referralBody({ patientId: await t.patientId('doctor.c1', '王秀英'), toInstitutionId: dir.inst.H1 }),
  );
  await t.mustAct('doctor.c1', r.id, 'cancel', { version: r.version, reason: '患者改期' });

  const { page } = await chromium.officePage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await signIn(page, t.baseUrl, 'coordinator.h1', DEMO_PASSWORD);
  await page.goto(`${t.baseUrl}/referrals/${r.id}`);
  const patient = page.getByTestId('referral-patient');
  await patient.waitFor({ timeout: 15_000 });
  assert.equal(await patient.getAttribute('data-patient-access'), 'ended');
  assert.match((await patient.textContent()) ?? '', /不可查看/);
  assert.ok(!((await page.getByTestId('referral-view').textContent()) ?? '').includes('王秀英'));
  assert.match((await page.getByTestId('referral-to').textContent()) ?? '', /市第一人民医院/);
  assert.equal(await page.getByTestId('print-slip').count(), 0);
  assert.equal(await page.getByTestId('referral-diagnosis').count(), 0);
  assert.equal(await page.getByTestId('study-browser').count(), 0, 'no images to list');
  await screenshot(page, 'referral-patient-access-ended');
  assert.deepEqual(errors, []);
});
