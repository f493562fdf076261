// Images on the referral page in a real browser: the real app with pacs-bridge in front of a real
// Orthanc holding the demo studies, the built web client, Debian's Chromium. The hospital's
// specialist opens the chest CT and the ECG; the clinic's doctor uploads a study and attaches it.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { useBridgeTestApp } from '@tiered-care/testkit/bridge';
import { ctPhantom, demoDicomPatientId } from '@tiered-care/pacs-bridge';
import { JPEG_LS_LOSSLESS } from '@tiered-care/testkit';
import {
  meanAbsoluteDifference,
  screenshot,
  shownImage,
  useBrowser,
  wheelPastFirstImage,
} from '@tiered-care/testkit/browser';
import { freshDicomFile, pixelDataOf } from '@tiered-care/testkit/fixtures';

const SLICES = 24;
const t = useBridgeTestApp({ web: true, phantom: { slices: SLICES, size: 256 } });
const chromium = useBrowser({ app: t });

async function referralPage(username: string): Promise<Page> {
  const page = await chromium.signedIn(username);
  await page.goto(`${t.baseUrl}/referrals/${t.demo.referralId}`);
  await page.getByTestId('study-items').waitFor();
  return page;
}

/**
 * Page-side check, as a string (tsx-compiled functions carry helpers the page doesn't have):
 * how many sampled pixels of the canvas differ from its first pixel by more than `threshold`.
 */
const differingPixels = (testId: string, threshold: number) => `(() => {
  const c = document.querySelector('[data-testid="${testId}"]');
  if (!c || c.width === 0 || c.height === 0) return 0;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4 * 3) {
    if (Math.abs(d[i] - d[0]) + Math.abs(d[i + 1] - d[1]) + Math.abs(d[i + 2] - d[2]) > ${threshold}) n++;
  }
  return n;
})()`;

describe('images on the referral page', () => {
  test('the specialist opens the demo CT, scrolls through it, then reads the ECG', async () => {
    const page = await referralPage('specialist.h1');
    const { ct, ecg } = t.demo;

    await page.locator(`[data-testid="study-item"][data-study-uid="${ct.studyInstanceUid}"]`).click();
    await page.getByTestId('viewer-canvas').waitFor({ timeout: 30_000 });
    await page.waitForFunction(`${differingPixels('viewer-canvas', 30)} > 500`, null, { timeout: 30_000 });
    const index = page.getByTestId('image-index');
    assert.equal(await index.textContent(), `1 / ${SLICES}`);
    assert.ok((await page.getByTestId('series-thumb').count()) >= 1);
    assert.match(page.url(), new RegExp(`study=${ct.studyInstanceUid.replace(/\./g, '\\.')}`));

    await wheelPastFirstImage(page, SLICES);
    await page.locator('.viewer-stage').focus();
    await page.keyboard.press('End');
    await page.waitForFunction(
      `document.querySelector('[data-testid="image-index"]').textContent === '${SLICES} / ${SLICES}'`,
      null,
      { timeout: 10_000 },
    );
    await screenshot(page, 'referral-viewer-ct');

    await page.locator(`[data-testid="study-item"][data-study-uid="${ecg.studyInstanceUid}"]`).click();
    await page.getByTestId('ecg-canvas').waitFor({ timeout: 30_000 });
    // The paper is one colour; the grid and the trace are not.
    await page.waitForFunction(`${differingPixels('ecg-canvas', 200)} > 500`, null, { timeout: 30_000 });
    await screenshot(page, 'referral-viewer-ecg');
    await page.context().close();
  });

  test('the demo CT travels as JPEG-LS and the browser decodes it bit-exact', async () => {
    const page = await chromium.signedIn('specialist.h1');
    const frameTypes: string[] = [];
    page.on('response', (res) => {
      if (/\/frames\/\d+$/.test(new URL(res.url()).pathname))
        frameTypes.push(res.headers()['content-type'] ?? '');
    });
    const { ct } = t.demo;
    await page.goto(`${t.baseUrl}/referrals/${t.demo.referralId}?study=${ct.studyInstanceUid}`);
    const phantom = ctPhantom({ patientId: demoDicomPatientId('C1/张桂兰'), slices: SLICES, size: 256 });
    const first = await shownImage(page, ct.sopInstanceUids[0] ?? '');
    const generated = new Uint16Array(new Uint8Array(pixelDataOf(phantom.slice(0))).buffer);
    assert.equal(first.pixels.length, 256 * 256);
    assert.equal(meanAbsoluteDifference(first.pixels, generated), 0);
    // Every frame the viewer fetched came as JPEG-LS lossless (the archive's ingest transcoding).
    assert.ok(frameTypes.length >= 1);
    for (const type of frameTypes) assert.match(type, new RegExp(`transfer-syntax="?${JPEG_LS_LOSSLESS}`));
    await page.context().close();
  });

  test('a link with ?study= opens that study at once', async () => {
    const page = await chromium.signedIn('doctor.c1');
    await page.goto(`${t.baseUrl}/referrals/${t.demo.referralId}?study=${t.demo.ct.studyInstanceUid}`);
    await page.waitForFunction(`${differingPixels('viewer-canvas', 30)} > 500`, null, { timeout: 30_000 });
    await page.context().close();
  });

  test('the referring doctor uploads a DICOM file and it joins the referral’s studies', async () => {
    const page = await referralPage('doctor.c1');
    const fresh = freshDicomFile();
    await page.getByTestId('attach-study-toggle').click();
    await page
      .getByTestId('upload-files')
      .setInputFiles([{ name: 'IM0001.dcm', mimeType: 'application/dicom', buffer: fresh.file }]);
    await page
      .locator(`[data-testid="study-item"][data-study-uid="${fresh.study}"]`)
      .waitFor({ timeout: 30_000 });
    assert.match((await page.getByTestId('attach-notice').textContent()) ?? '', /1/);

    // The hospital's specialist sees it too; the receiving side has no attach action.
    const specialist = await referralPage('specialist.h1');
    await specialist.locator(`[data-testid="study-item"][data-study-uid="${fresh.study}"]`).waitFor();
    assert.equal(await specialist.getByTestId('attach-study').count(), 0);
    await page.context().close();
    await specialist.context().close();
  });
});
