// The first slice's stored values as grey levels on a canvas, as the viewer draws them: the
// modality LUT (rescale slope and intercept), then the linear VOI window of PS3.3 C.11.2.1.2.1,
// then MONOCHROME1 inverted. No Cornerstone here: this runs before the viewer chunk is in.

export type StoredPixels = Uint8Array | Int8Array | Uint16Array | Int16Array;

export interface Greyscale {
  rows: number;
  columns: number;
  /** Stored values, as decoded (the modality LUT not applied). */
  pixels: StoredPixels;
  slope: number;
  intercept: number;
  /** The image's own window; the full range of its values when it has none. */
  window: { center: number; width: number } | null;
  /** MONOCHROME1: the lowest value is white. */
  inverted: boolean;
}

/** The window covering every modality value of the image (what the viewer picks without one). */
export function fullRangeWindow(g: Greyscale): { center: number; width: number } {
  let min = Infinity;
  let max = -Infinity;
  for (const v of g.pixels) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const lo = min * g.slope + g.intercept;
  const hi = max * g.slope + g.intercept;
  return { center: (lo + hi) / 2, width: Math.max(1, Math.abs(hi - lo)) };
}

/** RGBA bytes, one opaque grey pixel per stored value. */
export function toRgba(g: Greyscale): Uint8ClampedArray<ArrayBuffer> {
  const { center, width } = g.window ?? fullRangeWindow(g);
  const w = Math.max(1, width);
  const low = center - 0.5 - (w - 1) / 2;
  const high = center - 0.5 + (w - 1) / 2;
  const out = new Uint8ClampedArray(new ArrayBuffer(g.pixels.length * 4));
  for (let i = 0; i < g.pixels.length; i++) {
    const x = (g.pixels[i] ?? 0) * g.slope + g.intercept;
    let y = x <= low ? 0 : x > high ? 255 : ((x - (center - 0.5)) / (w - 1 || 1) + 0.5) * 255;
    if (g.inverted) y = 255 - y;
    const o = i * 4;
    out[o] = out[o + 1] = out[o + 2] = y;
    out[o + 3] = 255;
  }
  return out;
}
