// Test hook (dicom/shownPixels.ts): the decoded pixels of the image each stack viewport shows, so
// a test can compare what the browser decoded with the original pixel data.
import { getRenderingEngines, StackViewport } from '@cornerstonejs/core';
import type { ShownImage } from '@tiered-care/common';
import { reportShownPixels } from '../dicom/shownPixels';

function shownImages(): ShownImage[] {
  const out: ShownImage[] = [];
  for (const engine of getRenderingEngines() ?? []) {
    for (const viewport of engine.getViewports()) {
      if (!(viewport instanceof StackViewport)) continue;
      // Undefined until the first image has loaded.
      const image = viewport.getCornerstoneImage() as
        ReturnType<StackViewport['getCornerstoneImage']> | undefined;
      if (!image) continue;
      const pixels = Array.from(image.getPixelData());
      const scaling = image.preScale?.scaled ? image.preScale.scalingParameters : undefined;
      out.push({
        imageId: image.imageId,
        rows: image.rows,
        columns: image.columns,
        components: pixels.length / (image.rows * image.columns),
        scaled: scaling !== undefined,
        slope: scaling?.rescaleSlope ?? 1,
        intercept: scaling?.rescaleIntercept ?? 0,
        pixels,
      });
    }
  }
  return out;
}

export function installPixelProbe(): void {
  reportShownPixels(shownImages);
}
