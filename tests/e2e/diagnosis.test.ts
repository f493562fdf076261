// Remote ECG reading in real browsers, on the real stack (the app with the PACS bridge in front of
// two real Orthancs, signaling for live notices, the built web client, Debian's Chromium). The
// clinic's doctor sends 张桂兰's demo ECG from the referral's page to H1 心内科; the cardiologist
// claims it from the reading worklist, finds the heart rate prefilled from the bridge's waveform
// analysis, writes the report and signs it; the doctor is told at once, reads the report with
// its verified signature, prints the PDF and acknowledges; the PACS study then holds the report.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import type { EcgAnalysis } from '@tiered-care/common';
import { attachSignaling, type Signaling } from '@tiered-care/signaling';
import { waitFor } from '@tiered-care/testkit';
import { teardown, useBridgeTestApp } from '@tiered-care/testkit/bridge';
import { screenshot, useBrowser } from '@tiered-care/testkit/browser';

const t = useBridgeTestApp({ web: true, phantom: { slices: 4, size: 256 } });
const chromium = useBrowser({ app: t });
let signaling: Signaling;

before(
  async () => {
    const started = Date.now();
    await t.ready();
    signaling = attachSignaling(t.server, t.services, { listenUrl: t.db.appUrl, checkResponses: true });
    console.log(`# stack up in ${Date.now() - started} ms`);
  },
  { timeout: 180_000 },
);
teardown(() => signaling.close());

/** Runs one step of the scenario and prints how long it took. */
async function step<T>(name: string, work: () => Promise<T>): Promise<T> {
  const started = Date.now();
  const result = await work();
  console.log(`# ${name}: ${Date.now() - started} ms`);
  return result;
}

const pageStatus = (page: Page, id: string, status: string) =>
  page
    .locator(`[data-testid="diagnosis-page"][data-request-id="${id}"][data-status="${status}"]`)
    .waitFor({ timeout: 15_000 });

/**
 * A page-side check as a string (tsx-compiled functions carry helpers the page doesn't have): the
 * value of the input or select with this test id compared as `test` says.
 */
const inputValueIs = (testId: string, test: string) =>
  `(document.querySelector('[data-testid="${testId}"]')?.value ?? '') ${test}`;

async function json<T>(path: string, username: string): Promise<T> {
  const res = await t.fetch(path, { token: await t.login(username) });
  assert.equal(res.status, 200, `${path}: ${res.status}`);
  return (await res.json()) as T;
}

describe('remote ECG reading in the browser', () => {
  test('the clinic sends the ECG, H1 reads and signs it, the doctor gets the report, its PDF and the PACS copy', async () => {
    const { ecg } = t.demo;
    const reader = await step('reader signed in, worklist open', async () => {
      const page = await chromium.signedIn('specialist.h1');
      await page.goto(`${t.baseUrl}/diagnosis/reading`);
      await page.getByTestId('reading-worklist').waitFor();
      return page;
    });
    const doctor = await chromium.signedIn('doctor.c1');

    const id = await step('doctor.c1 requests a reading of the demo ECG', async () => {
      await doctor.goto(`${t.baseUrl}/referrals/${t.demo.referralId}`);
      await doctor
        .locator(`[data-testid="request-diagnosis"][data-study-uid="${ecg.studyInstanceUid}"]`)
        .click({ timeout: 30_000 });
      // The study's modality (ECG) presets the kind; the centres offered are the ECG ones.
      const kind = doctor.getByTestId('diagnosis-kind');
      await doctor.waitForFunction(inputValueIs('diagnosis-kind', "=== 'ecg'"));
      assert.equal(await kind.inputValue(), 'ecg');
      const centre = doctor.getByTestId('diagnosis-centre');
      await centre.locator('option', { hasText: '心内科' }).waitFor({ state: 'attached' });
      const value = await centre.locator('option', { hasText: '心内科' }).first().getAttribute('value');
      assert.ok(value, 'H1 心内科 is offered as an ECG reading centre');
      await centre.selectOption(value);
      await doctor.getByTestId('diagnosis-priority').selectOption('urgent');
      await doctor.getByTestId('diagnosis-turnaround').filter({ hasText: '1 小时' }).waitFor();
      await doctor.getByTestId('diagnosis-clinical').fill('女，68岁，活动后胸闷两周，既往高血压。');
      await doctor.getByTestId('diagnosis-question').fill('请判读心电图，有无心肌缺血表现？');
      await doctor.getByTestId('diagnosis-submit').click();
      const frame = doctor.getByTestId('diagnosis-page');
      await frame.waitFor({ timeout: 15_000 });
      const requestId = await frame.getAttribute('data-request-id');
      assert.ok(requestId);
      await pageStatus(doctor, requestId, 'requested');
      return requestId;
    });

    const row = reader.locator(`[data-testid="reading-row"][data-request-id="${id}"]`);
    await step('the request arrives live in the reader worklist and is claimed', async () => {
      await row.waitFor({ timeout: 15_000 });
      assert.equal(await row.getAttribute('data-priority'), 'urgent');
      assert.match(await row.innerText(), /张桂兰/);
      const counted = await reader.getByTestId('diagnosis-filter-requested').getAttribute('data-count');
      assert.ok(Number(counted) >= 1, 'the counts above the list include it');
      await screenshot(reader, 'diagnosis-worklist');
      await row.getByTestId('reading-claim').click();
      await reader
        .locator(`[data-testid="reading-row"][data-request-id="${id}"][data-status="claimed"]`)
        .waitFor({ timeout: 15_000 });
    });

    // The doctor waits on another page: the notice must find them wherever they are.
    await doctor.goto(`${t.baseUrl}/diagnosis/outgoing`);
    await doctor.locator(`[data-testid="reading-row"][data-request-id="${id}"]`).waitFor();

    await step('the reader sees the heart rate prefilled from the waveform, writes and signs', async () => {
      await row.click();
      await pageStatus(reader, id, 'claimed');
      await reader.getByTestId('ecg-canvas').waitFor({ timeout: 60_000 });
      const rate = reader.getByTestId('report-ecg-heartRate');
      await reader.waitForFunction(inputValueIs('report-ecg-heartRate', "!== ''"), null, { timeout: 30_000 });
      const analysis = await json<EcgAnalysis>(
        `/api/ecg/${ecg.studyInstanceUid}/${ecg.seriesInstanceUid}/${ecg.sopInstanceUid}/measurements`,
        'specialist.h1',
      );
      const measured = analysis.measurements.heartRate;
      assert.ok(measured !== null, 'the bridge measures a heart rate on the demo ECG');
      const shown = Number(await rate.inputValue());
      assert.ok(Math.abs(shown - measured) <= 2, `prefilled ${shown} bpm, bridge ${measured} bpm`);
      await reader.getByTestId('report-findings').fill('窦性心律，各导联ST段未见明显偏移，T波形态正常。');
      await reader.getByTestId('report-impression').fill('窦性心律，正常心电图。');
      await screenshot(reader, 'diagnosis-reading');
      await reader.getByTestId('report-sign').click();
      await pageStatus(reader, id, 'signed');
    });

    await step('the doctor is notified live and reads the verified report', async () => {
      const notice = doctor.locator(`[data-testid="diagnosis-notice"][data-request-id="${id}"]`);
      await notice.waitFor({ timeout: 15_000 });
      await notice.getByTestId('diagnosis-notice-open').click();
      await pageStatus(doctor, id, 'signed');
      const report = doctor.getByTestId('diagnosis-report');
      await report.locator('[data-testid="report-version"][data-version="1"]').waitFor();
      assert.equal(await report.getByTestId('report-verified').getAttribute('data-verified'), 'true');
      assert.match(await report.getByTestId('report-impression-text').innerText(), /正常心电图/);
      assert.match(await report.getByTestId('report-ecg-figures').innerText(), /\d/);
      await screenshot(doctor, 'diagnosis-report');
    });

    await step('the report prints as a PDF', async () => {
      const [pdf] = await Promise.all([
        doctor.waitForResponse((r) => r.url().endsWith(`/api/diagnosis-requests/${id}/report.pdf`), {
          timeout: 30_000,
        }),
        doctor.getByTestId('report-pdf').click(),
      ]);
      assert.equal(pdf.status(), 200);
      assert.match(pdf.headers()['content-type'] ?? '', /^application\/pdf/);
      // The bytes themselves, fetched as the doctor (the browser hands them to its PDF tab).
      const res = await t.fetch(`/api/diagnosis-requests/${id}/report.pdf`, {
        token: await t.login('doctor.c1'),
      });
      assert.equal(res.status, 200);
      assert.equal(
        Buffer.from(await res.arrayBuffer())
          .subarray(0, 5)
          .toString('latin1'),
        '%PDF-',
      );
    });

    await step('the doctor acknowledges the report', async () => {
      await doctor.getByTestId('report-acknowledge').click();
      await pageStatus(doctor, id, 'acknowledged');
      await doctor.getByTestId('report-acknowledged').waitFor();
    });

    await step('the PACS study holds the report (QIDO through the bridge finds a DOC instance)', async () => {
      const token = await t.login('doctor.c1');
      const found = await waitFor('the stored report in the ECG study', 30_000, async () => {
        const res = await t.fetch(`/dicom-web/studies/${ecg.studyInstanceUid}/series?Modality=DOC`, {
          token,
        });
        if (res.status !== 200) return undefined;
        const series = (await res.json()) as Record<string, { Value?: unknown[] }>[];
        return series.length > 0 ? series : undefined;
      });
      assert.equal(found[0]?.['00080060']?.Value?.[0], 'DOC');
      const request = await json<{ reports: { pacs: { sopInstanceUid: string } | null }[] }>(
        `/api/diagnosis-requests/${id}`,
        'doctor.c1',
      );
      assert.ok(request.reports[0]?.pacs, 'the report version records its PACS copy');
    });
    await step('the region sees the centre turnaround, without patient data', async () => {
      const admin = await chromium.signedIn('admin.region');
      await admin.goto(`${t.baseUrl}/diagnosis/stats`);
      const row = admin.getByTestId('diagnosis-stats-row').filter({ hasText: '心内科' }).first();
      await row.waitFor({ timeout: 15_000 });
      assert.doesNotMatch(await admin.locator('main').innerText(), /张桂兰/);
      await admin.context().close();
    });
    await Promise.all([reader.context().close(), doctor.context().close()]);
  });
});
