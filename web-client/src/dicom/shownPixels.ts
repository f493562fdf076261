// Test hook: in a browser driven by automation (`navigator.webdriver`, as the e2e tests' Chromium
// is) the page offers `window.__viewerPixels()`, the decoded pixels of every image on screen: the
// viewer's stack viewports (viewer/pixelProbe.ts) and the first slice drawn before the viewer
// chunk is in (imaging/firstSlice). A person's browser never has it.
import type { ShownImage } from '@tiered-care/common';

type Source = () => ShownImage[];
const sources = new Set<Source>();

/** Adds what `source` shows to the hook; the returned function takes it off again. */
export function reportShownPixels(source: Source): () => void {
  if (!navigator.webdriver) return () => undefined;
  Object.assign(window, { __viewerPixels: () => [...sources].flatMap((s) => s()) });
  sources.add(source);
  return () => sources.delete(source);
}
