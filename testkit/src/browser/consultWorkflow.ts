// The consultation workflow's steps as a user takes them in the web client: request a consult
// from a referral, accept it with a host and a time, invite a colleague with the staff picker.
import type { Page } from 'playwright-core';

/** From the referral's page: 申请远程会诊, fill in the form, send; returns the new consultation's id. */
export async function requestConsultFromReferral(
  page: Page,
  baseUrl: string,
  referralId: string,
  opts: { priority: 'routine' | 'urgent' | 'emergency'; question: string },
): Promise<string> {
  await page.goto(`${baseUrl}/referrals/${referralId}`);
  await page.getByTestId('request-consult').click();
  await page.getByTestId('consult-about-referral').waitFor();
  // The form starts at the referral's receiving side; the test only checks it is filled in.
  if ((await page.getByTestId('consult-to-institution').inputValue()) === '') {
    throw new Error('the request form should start at the referral’s receiving institution');
  }
  await page.getByTestId('consult-priority').selectOption(opts.priority);
  await page.getByTestId('consult-question').fill(opts.question);
  await page.getByTestId('consult-submit').click();
  const record = page.getByTestId('consult-record');
  await record.waitFor({ timeout: 15_000 });
  const id = await record.getAttribute('data-consultation-id');
  if (!id) throw new Error('the record page names its consultation');
  return id;
}

/** A `datetime-local` value for an instant, in the page's own time zone. */
export function localInputValue(page: Page, at: Date): Promise<string> {
  return page.evaluate(`(() => {
    const d = new Date(${at.getTime()});
    const p = (n) => String(n).padStart(2, '0');
    return d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate()) + 'T' + p(d.getHours()) + ':' + p(d.getMinutes());
  })()`);
}

/** The receiving specialist opens the request from the incoming worklist and accepts it. */
export async function acceptFromWorklist(
  page: Page,
  baseUrl: string,
  consultationId: string,
  opts: { hostUserId: string; at: Date; durationMinutes?: number },
): Promise<void> {
  await page.goto(`${baseUrl}/consultations?tab=incoming`);
  await page.locator(`[data-testid="consult-request-row"][data-consultation-id="${consultationId}"]`).click();
  await page.getByTestId('consult-decision').waitFor();
  await page.getByTestId('consult-time').fill(await localInputValue(page, opts.at));
  await page.getByTestId('consult-duration').selectOption(String(opts.durationMinutes ?? 60));
  await page.getByTestId('consult-host').selectOption(opts.hostUserId);
  await page.getByTestId('consult-accept').click();
  await page
    .locator('[data-testid="consult-status"][data-status="scheduled"]')
    .first()
    .waitFor({ timeout: 15_000 });
}

/** The host finds a colleague in the staff picker and invites them. */
export async function inviteColleague(page: Page, search: string, userId: string): Promise<void> {
  await page.getByTestId('staff-search').fill(search);
  await page.locator(`[data-testid="staff-option"][data-user-id="${userId}"]`).click({ timeout: 15_000 });
  await page.getByTestId('invite-submit').click();
  await page
    .locator(`[data-testid="consult-participant"][data-user-id="${userId}"]`)
    .waitFor({ timeout: 15_000 });
}
