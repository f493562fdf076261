// The web client's image viewer as a user drives it.
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
