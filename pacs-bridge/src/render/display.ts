// Decoded samples to 8-bit display values, as Orthanc's DICOMweb plugin renders: grey through
// the modality rescale and a window (the caller's, else the image's own, else its whole range),
// MONOCHROME1 inverted; palette colour through its lookup tables (16-bit entries scaled to 8
// bits); YBR_FULL converted to RGB; RGB as it is.
import type { Decoded } from './decode';
import { cannotRender, type ImageAttributes } from './image';
import type { RenderWindow } from './params';

export interface Bitmap {
  width: number;
  height: number;
  channels: 1 | 3;
  data: Uint8Array;
}

export interface Palette {
  /** Lookup tables for red, green and blue; `first` is the first index they map. */
  tables: [Uint16Array, Uint16Array, Uint16Array];
  first: number;
}

const clamp = (v: number) => (v <= 0 ? 0 : v >= 255 ? 255 : Math.round(v));

function windowFn(w: RenderWindow): (x: number) => number {
  const { center: c, width } = w;
  if (w.fn === 'sigmoid') return (x) => 255 / (1 + Math.exp((-4 * (x - c)) / width));
  if (w.fn === 'linear-exact') return (x) => ((x - (c - width / 2)) / width) * 255;
  // PS3.3 C.11.2.1.2.1
  return (x) =>
    x <= c - 0.5 - (width - 1) / 2
      ? 0
      : x > c - 0.5 + (width - 1) / 2
        ? 255
        : ((x - (c - 0.5)) / (width - 1) + 0.5) * 255;
}

function grey(d: Decoded, a: ImageAttributes, asked: RenderWindow | null): Uint8Array {
  const out = new Uint8Array(d.values.length);
  let window = asked ?? (a.window ? { ...a.window, fn: 'linear' as const } : null);
  if (!window) {
    let min = Number.POSITIVE_INFINITY;
    let max = Number.NEGATIVE_INFINITY;
    for (const v of d.values) {
      min = Math.min(min, v * a.slope + a.intercept);
      max = Math.max(max, v * a.slope + a.intercept);
    }
    window = { center: (min + max) / 2, width: Math.max(1, max - min), fn: 'linear-exact' };
  }
  const f = windowFn(window);
  const invert = a.photometric === 'MONOCHROME1';
  d.values.forEach((v, i) => {
    const y = clamp(f(v * a.slope + a.intercept));
    out[i] = invert ? 255 - y : y;
  });
  return out;
}

function throughPalette(d: Decoded, p: Palette): Uint8Array {
  const [r, g, b] = p.tables;
  const wide = p.tables.some((t) => t.some((v) => v > 255));
  const last = r.length - 1;
  const out = new Uint8Array(d.values.length * 3);
  d.values.forEach((v, i) => {
    const k = Math.min(last, Math.max(0, v - p.first));
    out[3 * i] = wide ? (r[k] ?? 0) >> 8 : (r[k] ?? 0);
    out[3 * i + 1] = wide ? (g[k] ?? 0) >> 8 : (g[k] ?? 0);
    out[3 * i + 2] = wide ? (b[k] ?? 0) >> 8 : (b[k] ?? 0);
  });
  return out;
}

function colour(d: Decoded): Uint8Array {
  const out = new Uint8Array(d.values.length);
  const ybr = d.photometric === 'YBR_FULL';
  for (let i = 0; i < d.values.length; i += 3) {
    const [y, cb, cr] = [d.values[i] ?? 0, d.values[i + 1] ?? 0, d.values[i + 2] ?? 0];
    if (ybr) {
      out[i] = clamp(y + 1.402 * (cr - 128));
      out[i + 1] = clamp(y - 0.344136 * (cb - 128) - 0.714136 * (cr - 128));
      out[i + 2] = clamp(y + 1.772 * (cb - 128));
    } else {
      out[i] = clamp(y);
      out[i + 1] = clamp(cb);
      out[i + 2] = clamp(cr);
    }
  }
  return out;
}

export function toDisplay(
  d: Decoded,
  a: ImageAttributes,
  window: RenderWindow | null,
  palette: Palette | null,
): Bitmap {
  const size = { width: a.columns, height: a.rows };
  if (d.components === 3) return { ...size, channels: 3, data: colour(d) };
  if (d.photometric === 'PALETTE COLOR') {
    if (!palette) throw cannotRender('its palette is missing');
    return { ...size, channels: 3, data: throughPalette(d, palette) };
  }
  if (d.photometric !== 'MONOCHROME1' && d.photometric !== 'MONOCHROME2') {
    throw cannotRender(`photometric interpretation ${d.photometric}`);
  }
  return { ...size, channels: 1, data: grey(d, a, window) };
}
