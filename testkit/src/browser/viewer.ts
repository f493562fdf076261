// The web client's image viewer as a user drives it.
import type { ShownImage } from '@tiered-care/common';
import type { Page } from 'playwright-core';

/** Scrolls the mouse wheel over the viewer and waits until it has left the first of `slices` images. */
export async function wheelPastFirstImage(page: Page, slices: number): Promise<void> {
  await page.getByTestId('viewer-canvas').hover();
  await page.mouse.wheel(0, 240);
  await page.waitForFunction(
    `document.querySelector('[data-testid="image-index"]').textContent !== '1 / ${slices}'`,
    null,
    { timeout: 10_000 },
  );
}

/**
 * The decoded image the (single) viewer shows once it shows `frame` of `sopInstanceUid`, grey
 * values back as stored (the loader's rescale undone) and colour as RGB.
 */
export async function shownImage(page: Page, sopInstanceUid: string, frame = 1): Promise<ShownImage> {
  const wanted = `/instances/${sopInstanceUid}/frames/${frame}`;
  const handle = await page.waitForFunction(
    `(() => {
      const shown = window.__viewerPixels?.() ?? [];
      return shown.find((s) => s.imageId.endsWith(${JSON.stringify(wanted)})) ?? false;
    })()`,
    null,
    { timeout: 30_000 },
  );
  const image = (await handle.jsonValue()) as ShownImage;
  const { rows, columns, components } = image;
  let pixels = image.pixels;
  if (image.scaled) pixels = pixels.map((v) => Math.round((v - image.intercept) / image.slope));
  if (components === 4) pixels = pixels.filter((_, i) => i % 4 !== 3);
  return { ...image, pixels, components: components === 4 ? 3 : components, rows, columns };
}

/** Mean absolute difference of two equally long pixel arrays (Infinity when lengths differ). */
export function meanAbsoluteDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0) return Number.POSITIVE_INFINITY;
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / a.length;
}
