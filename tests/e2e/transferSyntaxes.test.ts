// Every transfer syntax in the viewer: pydicom's sample files (and a generated multi-frame
// palette-colour RLE ultrasound) stored as they are, as another vendor's archive keeps them,
// opened from the referral page in Chromium; the pixels the viewer decoded must be pydicom's
// (mean absolute difference 0 for lossless syntaxes, at most 1 for baseline JPEG, where two JPEG
// decoders may round colour conversion differently). One app and one browser for the file.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { useBridgeTestApp } from '@tiered-care/testkit/bridge';
import { meanAbsoluteDifference, screenshot, shownImage, useBrowser } from '@tiered-care/testkit/browser';
import { syntaxSamples, truthFrame, type SyntaxSample } from '@tiered-care/testkit/fixtures';

const t = useBridgeTestApp({ web: true, phantom: { slices: 2, size: 256 }, storeAsReceived: true });
const chromium = useBrowser({ app: t });
/** The samples syntaxSamples.py makes, in its order. */
const NAMES = [
  'mr-uncompressed',
  'mr-rle',
  'mr-jpeg-lossless',
  'mr-jpeg-ls',
  'mr-j2k-lossless',
  'rgb-jpeg-baseline',
  'rgb-rle',
  'rgb-rle-2frame',
  'us-palette-rle',
];
const LOSSY_TOLERANCE = 1;
let samples: SyntaxSample[] = [];
let page: Page | null = null;

before(async () => {
  const started = Date.now();
  samples = syntaxSamples();
  await t.storeInRegion(samples.map((s) => s.file));
  for (const s of samples) await t.shareToDemoReferral(s.study);
  page = await chromium.signedIn('specialist.h1');
  console.log(`samples made, stored and shared, browser signed in: ${Date.now() - started} ms`);
});

/** Sampled canvas pixels that differ from its first one: more than a few means an image is drawn. */
const differingPixels = `(() => {
  const c = document.querySelector('[data-testid="viewer-canvas"]');
  if (!c || c.width === 0 || c.height === 0) return 0;
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4 * 3) {
    if (Math.abs(d[i] - d[0]) + Math.abs(d[i + 1] - d[1]) + Math.abs(d[i + 2] - d[2]) > 10) n++;
  }
  return n;
})()`;

async function checkFrame(p: Page, s: SyntaxSample, frame: number): Promise<number> {
  const shown = await shownImage(p, s.sop, frame);
  assert.deepEqual([shown.rows, shown.columns, shown.components], [s.rows, s.columns, s.samples], s.name);
  return meanAbsoluteDifference(shown.pixels, truthFrame(s, frame));
}

describe('every transfer syntax in the viewer', () => {
  for (const name of NAMES) {
    test(`${name}: the viewer shows it and decodes pydicom's pixels`, async () => {
      const started = Date.now();
      const s = samples.find((x) => x.name === name);
      assert.ok(s && page, `${name} was made`);
      await page.goto(`${t.baseUrl}/referrals/${t.demo.referralId}?study=${s.study}`);
      await page.waitForFunction(`${differingPixels} > 50`, null, { timeout: 30_000 });
      const first = await checkFrame(page, s, 1);
      assert.ok(
        s.lossy ? first <= LOSSY_TOLERANCE : first === 0,
        `${name} frame 1: mean difference ${first}`,
      );
      if (s.frames > 1) {
        await page.locator('.viewer-stage').focus();
        await page.keyboard.press('End');
        const last = await checkFrame(page, s, s.frames);
        assert.equal(last, 0, `${name} frame ${s.frames}`);
      }
      await screenshot(page, `syntax-${name}`);
      console.log(
        `${name} (${s.transferSyntax}, ${s.photometric}, ${s.frames} frame(s)): mean difference ${first}, ${Date.now() - started} ms`,
      );
    });
  }
});
