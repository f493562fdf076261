// Changing one's password in the web client: the page goes on in a new session, the old
// password stops working.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useBrowser } from '@tiered-care/testkit/browser';
import { DEMO_PASSWORD, useTestApp } from '@tiered-care/testkit/harness';

const t = useTestApp({ web: true });
const chromium = useBrowser({ app: t });

test('a doctor changes their password from the header and stays signed in', async () => {
  const page = await chromium.signedIn('doctor.c2');
  await page.getByTestId('nav-password').click();
  await page.getByTestId('password-current').fill(DEMO_PASSWORD);
  await page.getByTestId('password-new').fill('Clinic@Pass2026');
  await page.getByTestId('password-again').fill('Clinic@Pass2026');
  await page.getByTestId('password-submit').click();
  await page.getByTestId('password-changed').waitFor({ timeout: 15_000 });
  // The page carries on with the new session: another page loads data, not the sign-in form.
  await page.getByTestId('nav-referrals').click();
  await page.waitForURL(/\/referrals$/);
  assert.equal(await page.getByTestId('login-username').count(), 0);
  const old = await t.call('POST', '/api/auth/login', {
    body: { username: 'doctor.c2', password: DEMO_PASSWORD },
  });
  assert.equal(old.status, 401);
});
