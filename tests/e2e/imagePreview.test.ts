// The first picture on a thin link: the referral page shows a rendered preview of the first slice,
// labelled as such, while the viewer chunk and the full-depth frame are on their way; thumbnails
// are small rendered images. Real app, pacs-bridge, Orthanc and Chromium.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Request } from 'playwright-core';
import { ctPhantom, demoDicomPatientId } from '@tiered-care/pacs-bridge';
import { useBridgeTestApp } from '@tiered-care/testkit/bridge';
import { meanAbsoluteDifference, shownImage, useBrowser } from '@tiered-care/testkit/browser';
import { pixelDataOf } from '@tiered-care/testkit/fixtures';

const SLICES = 12;
const t = useBridgeTestApp({ web: true, phantom: { slices: SLICES, size: 256 } });
const chromium = useBrowser({ app: t });

/** A WADO-RS frame (pixel data), as opposed to a rendered picture of one. */
const FRAME = /\/frames\/\d+$/;

const nonBlankCanvas = `(() => {
  const c = document.querySelector('[data-testid="viewer-canvas"]');
  if (!c || c.width === 0 || c.height === 0) return false;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4 * 3) if (Math.abs(d[i] - d[0]) > 30) n++;
  return n > 500;
})()`;

describe('the first picture', () => {
  test('a labelled preview shows first and the diagnostic image replaces it', async () => {
    const page = await chromium.signedIn('specialist.h1');
    // Hold the full-depth frames back until the preview has been seen.
    let release: (value?: unknown) => void = () => undefined;
    const held = new Promise((resolve) => (release = resolve));
    await page.route(FRAME, async (route) => {
      await held;
      await route.continue();
    });
    await page.goto(`${t.baseUrl}/referrals/${t.demo.referralId}?study=${t.demo.ct.studyInstanceUid}`);

    const preview = page.getByTestId('viewer-preview');
    await page.getByTestId('viewer-preview-image').waitFor({ timeout: 30_000 });
    await page.waitForFunction(
      `document.querySelector('[data-testid="viewer-preview-image"]').naturalWidth > 0`,
    );
    assert.equal(await page.getByTestId('viewer-preview-label').textContent(), '预览 · 非诊断质量');
    assert.ok(await page.getByTestId('viewer-preview-label').isVisible());
    assert.equal(await page.evaluate(nonBlankCanvas), false);

    release();
    await page.waitForFunction(nonBlankCanvas, null, { timeout: 30_000 });
    await preview.waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal(await page.getByText('预览 · 非诊断质量').count(), 0);
    assert.equal(await page.getByTestId('image-index').textContent(), '1 / 12');
    await page.context().close();
  });

  test('the first slice shows its stored pixels, labelled, before the viewer chunk arrives', async () => {
    const page = await chromium.signedIn('specialist.h1');
    // Hold the viewer chunk (Cornerstone) back: what is drawn meanwhile is the page's own decoding.
    let release: (value?: unknown) => void = () => undefined;
    const held = new Promise((resolve) => (release = resolve));
    await page.route(/\/assets\/ViewerPanel-[^/]*\.js$/, async (route) => {
      await held;
      await route.continue();
    });
    const { ct } = t.demo;
    await page.goto(`${t.baseUrl}/referrals/${t.demo.referralId}?study=${ct.studyInstanceUid}`);

    await page.getByTestId('viewer-first-slice').waitFor({ timeout: 30_000 });
    assert.equal(await page.getByTestId('viewer-first-slice-label').textContent(), '原始图像 · 工具加载中');
    assert.equal(await page.getByText('预览 · 非诊断质量').count(), 0);
    const drawn = await page.evaluate(`(() => {
      const c = document.querySelector('[data-testid="viewer-first-slice"]');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let n = 0;
      for (let i = 0; i < d.length; i += 4 * 3) if (Math.abs(d[i] - d[0]) > 30) n++;
      return [c.width, c.height, n];
    })()`);
    const [width, height, differing] = drawn as [number, number, number];
    assert.deepEqual([width, height], [256, 256]);
    assert.ok(differing > 500, `only ${differing} pixels differ from the corner`);
    const phantom = ctPhantom({ patientId: demoDicomPatientId('C1/张桂兰'), slices: SLICES, size: 256 });
    const generated = new Uint16Array(new Uint8Array(pixelDataOf(phantom.slice(0))).buffer);
    const first = await shownImage(page, ct.sopInstanceUids[0] ?? '');
    assert.equal(meanAbsoluteDifference(first.pixels, generated), 0);
    assert.equal(await page.getByTestId('viewer-canvas').count(), 0);

    release();
    await page.waitForFunction(nonBlankCanvas, null, { timeout: 30_000 });
    await page.getByTestId('viewer-first-slice').waitFor({ state: 'detached', timeout: 10_000 });
    assert.equal(await page.getByTestId('image-index').textContent(), `1 / ${SLICES}`);
    await page.context().close();
  });

  test('thumbnails are small rendered images and never load a frame', async () => {
    const page = await chromium.signedIn('specialist.h1');
    const rendered: string[] = [];
    page.on('request', (r: Request) => {
      if (r.url().includes('/rendered')) rendered.push(r.url());
    });
    // No frame reaches the page at all: whatever the thumbnails show came from `rendered`.
    await page.route(FRAME, (route) => route.abort());
    await page.goto(`${t.baseUrl}/referrals/${t.demo.referralId}?study=${t.demo.ct.studyInstanceUid}`);

    await page
      .locator('[data-testid="series-thumb"][data-state="ready"]')
      .first()
      .waitFor({ timeout: 30_000 });
    // `ready` means the picture's bytes are in; the <img> decodes them a moment later.
    await page.waitForFunction(
      `document.querySelector('[data-testid="series-thumb"][data-state="ready"] img')?.naturalWidth > 0`,
      null,
      { timeout: 10_000 },
    );
    const sizes = rendered
      .map((url) => /viewport=(\d+),(\d+)/.exec(url))
      .filter((m): m is RegExpExecArray => m !== null)
      .map((m) => Math.max(Number(m[1]), Number(m[2])));
    // One preview at the viewport's size, one thumbnail at its own small size.
    assert.ok(
      sizes.some((s) => s <= 88 * 2),
      `thumbnail sizes asked for: ${sizes.join(', ')}`,
    );
    await page.context().close();
  });
});
