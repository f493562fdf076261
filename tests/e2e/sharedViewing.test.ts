// Synchronized viewing in a consultation, in real browsers: the app with pacs-bridge over a real
// Orthanc and signaling, no media server (images and chat don't need Janus). The host presents
// the demo CT; the referring doctor's screen follows the presenter's scrolling; then the doctor
// takes control and the host follows.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { useBridgeTestApp, teardown } from '@tiered-care/testkit/bridge';
import { screenshot, useBrowser, wheelPastFirstImage } from '@tiered-care/testkit/browser';
import { freshDicomFile } from '@tiered-care/testkit/fixtures';
import { attachSignaling, type Signaling } from '@tiered-care/signaling';

const SLICES = 24;
let signaling: Signaling;
const t = useBridgeTestApp({ web: true, phantom: { slices: SLICES, size: 256 } });
const chromium = useBrowser({ app: t });
let consultationId: string;

before(
  async () => {
    await t.ready();
    signaling = attachSignaling(t.server, t.services, { listenUrl: t.db.appUrl, checkResponses: true });
    assert.ok(t.demo.consultationId, 'the demo data has a consultation with the CT shared to it');
    consultationId = t.demo.consultationId;
  },
  { timeout: 180_000 },
);
teardown(() => signaling.close());

async function inRoom(username: string): Promise<Page> {
  const page = await chromium.signedIn(username);
  await page.goto(`${t.baseUrl}/consult/${consultationId}`);
  await page.getByTestId('join-consult').click();
  return page;
}

const indexIs = (page: Page, text: string) =>
  page.waitForFunction(
    `document.querySelector('[data-testid="image-index"]')?.textContent === ${JSON.stringify(text)}`,
    null,
    { timeout: 15_000 },
  );

describe('synchronized viewing in a consultation', () => {
  test("the presenter's scrolling moves the other participant's image; control can be taken", async () => {
    const host = await inRoom('specialist.h1');
    await host.getByTestId('consult-room').waitFor({ timeout: 30_000 });
    const gp = await inRoom('doctor.c1');
    await host.locator(`[data-testid="admit-participant"][data-user-id]`).first().click({ timeout: 30_000 });
    await gp.getByTestId('consult-room').waitFor({ timeout: 30_000 });
    await gp.getByTestId('media-unavailable').waitFor({ timeout: 15_000 });

    // The host opens the CT from the images tab and becomes the presenter.
    await host.getByTestId('consult-tab-images').click();
    await host
      .locator(`[data-testid="consult-study"][data-study-uid="${t.demo.ct.studyInstanceUid}"]`)
      .getByTestId('open-study')
      .click();
    await indexIs(host, `1 / ${SLICES}`);
    await indexIs(gp, `1 / ${SLICES}`);
    await screenshot(host, 'consult-shared-viewer-presenter');

    await wheelPastFirstImage(host, SLICES);
    const hostIndex = await host.getByTestId('image-index').textContent();
    assert.notEqual(hostIndex, `1 / ${SLICES}`, 'the presenter moved');
    const started = Date.now();
    await indexIs(gp, hostIndex ?? '');
    const followedMs = Date.now() - started;
    await screenshot(gp, 'consult-shared-viewer-follower');

    // Anyone may take control; the former presenter then follows.
    await gp.getByTestId('take-control').click();
    await host.getByTestId('take-control').waitFor({ timeout: 10_000 });
    await gp.locator('.viewer-stage').focus();
    await gp.keyboard.press('End');
    await indexIs(gp, `${SLICES} / ${SLICES}`);
    await indexIs(host, `${SLICES} / ${SLICES}`);
    console.log(
      `# follower matched the presenter's image ${followedMs} ms after the presenter's screen showed it`,
    );

    // The doctor shares one more study from the room; it appears in the host's list by itself.
    const fresh = freshDicomFile();
    await gp.getByTestId('consult-tab-images').click();
    await gp.getByTestId('attach-study-toggle').click();
    await gp
      .getByTestId('upload-files')
      .setInputFiles([{ name: 'IM0001.dcm', mimeType: 'application/dicom', buffer: fresh.file }]);
    await host.getByTestId('consult-tab-images').click();
    await host
      .locator(`[data-testid="consult-study"][data-study-uid="${fresh.study}"]`)
      .waitFor({ timeout: 30_000 });

    // The presenter closes the viewer: it closes on the host's screen too.
    await gp.getByTestId('close-viewer').click();
    await host.getByTestId('shared-viewer').waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal(await gp.getByTestId('shared-viewer').count(), 0);
  });
});
