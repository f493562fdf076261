// An institution administrator manages users in the web client: admin.h1 resets specialist.h1's
// password (the temporary one is shown once; signing in with it leads to the password page
// first) and deactivates coordinator.h1, whose open page returns to the sign-in form.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Page } from 'playwright-core';
import { screenshot, signIn, useBrowser } from '@tiered-care/testkit/browser';
import { DEMO_PASSWORD, useTestApp } from '@tiered-care/testkit/harness';

const t = useTestApp({ web: true });
const chromium = useBrowser({ app: t });

const row = (page: Page, username: string) =>
  page.locator(`[data-testid="admin-user-row"][data-username="${username}"]`);

test(
  'admin.h1 resets a password and deactivates a user from the users page',
  { timeout: 120_000 },
  async () => {
    const { page } = await chromium.officePage();
    page.on('dialog', (d) => void d.accept());
    await signIn(page, t.baseUrl, 'admin.h1', DEMO_PASSWORD);
    await page.getByTestId('nav-admin-users').click();
    await row(page, 'specialist.h1').waitFor();
    // Another institution's staff are not listed.
    assert.equal(await row(page, 'doctor.c1').count(), 0);

    await row(page, 'specialist.h1').getByTestId('reset-password').click();
    const temporary = (await page.getByTestId('temporary-password').textContent()) ?? '';
    assert.match(temporary, /^[A-Za-z2-9]{12}$/);
    await screenshot(page, 'admin-users-reset');

    // The coordinator is signed in elsewhere when the administrator deactivates them.
    const other = await chromium.officePage();
    await signIn(other.page, t.baseUrl, 'coordinator.h1', DEMO_PASSWORD);
    await row(page, 'coordinator.h1').getByTestId('deactivate').click();
    await page
      .locator('[data-testid="admin-user-row"][data-username="coordinator.h1"][data-active="false"]')
      .waitFor({ timeout: 15_000 });
    // Their page hears that the session ended and returns to the sign-in form.
    await other.page.getByTestId('login-username').waitFor({ timeout: 30_000 });
    const refused = await t.call('POST', '/api/auth/login', {
      body: { username: 'coordinator.h1', password: DEMO_PASSWORD },
    });
    assert.equal(refused.status, 401);

    // The specialist signs in with the temporary password and must choose their own first.
    const specialist = await chromium.officePage();
    await signIn(specialist.page, t.baseUrl, 'specialist.h1', temporary);
    await specialist.page.waitForURL(/\/account\/password$/);
    await specialist.page.getByTestId('password-current').fill(temporary);
    await specialist.page.getByTestId('password-new').fill('Specialist@2027');
    await specialist.page.getByTestId('password-again').fill('Specialist@2027');
    await specialist.page.getByTestId('password-submit').click();
    await specialist.page.getByTestId('password-changed').waitFor({ timeout: 15_000 });
    await specialist.page.getByTestId('nav-consultations').click();
    await specialist.page.waitForURL(/\/consultations$/);
    assert.equal(await specialist.page.getByTestId('login-username').count(), 0);
  },
);
