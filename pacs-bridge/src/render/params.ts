// The query of a WADO-RS rendered request as Orthanc's DICOMweb plugin reads it, so the bridge's
// own rendering answers the same URLs the same way: `viewport=vw,vh[,sx,sy,sw,sh]` (negative
// sw/sh flip), `window=center,width,linear|linear-exact|sigmoid`, `quality=1..100`, and an Accept
// of image/jpeg (the default) or image/png.
import type { Request } from 'express';
import { Invalid } from '@tiered-care/platform';

export interface RenderWindow {
  center: number;
  width: number;
  fn: 'linear' | 'linear-exact' | 'sigmoid';
}

export interface Viewport {
  width: number | null;
  height: number | null;
  sx: number;
  sy: number;
  sw: number | null;
  sh: number | null;
  flipX: boolean;
  flipY: boolean;
}

export interface RenderParams {
  type: 'image/jpeg' | 'image/png';
  quality: number;
  window: RenderWindow | null;
  viewport: Viewport | null;
}

/** The largest viewport side the bridge draws (bounded work per request). */
export const MAX_VIEWPORT = 4096;

const invalid = (parameter: string, message: string) => Invalid('invalid_query', message, { parameter });

function integer(token: string | undefined, name: string, allowNegative: boolean): number | null {
  if (token === undefined || token === '') return null;
  const value = Math.round(Number(token));
  if (!Number.isFinite(value) || (!allowNegative && value < 0))
    throw invalid(name, `${name} must be a whole number`);
  return value;
}

function viewport(value: string): Viewport {
  const t = value.split(',');
  if (t.length !== 2 && t.length !== 6) throw invalid('viewport', 'viewport takes 2 or 6 numbers');
  const width = integer(t[0], 'viewport', false);
  const height = integer(t[1], 'viewport', false);
  if ((width ?? 1) > MAX_VIEWPORT || (height ?? 1) > MAX_VIEWPORT || width === 0 || height === 0) {
    throw invalid('viewport', `viewport sides are 1 to ${MAX_VIEWPORT}`);
  }
  const sw = integer(t[4], 'viewport', true);
  const sh = integer(t[5], 'viewport', true);
  return {
    width,
    height,
    sx: Math.abs(integer(t[2], 'viewport', true) ?? 0),
    sy: Math.abs(integer(t[3], 'viewport', true) ?? 0),
    sw: sw === null ? null : Math.abs(sw),
    sh: sh === null ? null : Math.abs(sh),
    flipX: (sw ?? 0) < 0,
    flipY: (sh ?? 0) < 0,
  };
}

function window(value: string): RenderWindow {
  const [c, w, fn] = value.split(',');
  const center = Number(c);
  const width = Number(w);
  if (!Number.isFinite(center) || !Number.isFinite(width) || width <= 0) {
    throw invalid('window', 'window is center,width,function with a positive width');
  }
  if (fn !== 'linear' && fn !== 'linear-exact' && fn !== 'sigmoid') {
    throw invalid('window', 'the window function is linear, linear-exact or sigmoid');
  }
  return { center, width: fn === 'linear' ? Math.max(width, 2) : width, fn };
}

function accepted(accept: string | undefined): RenderParams['type'] {
  const asked = (accept ?? '').split(',').map((t) => t.split(';')[0]?.trim().toLowerCase() ?? '');
  if (asked.every((t) => t === '')) return 'image/jpeg';
  for (const t of asked) {
    if (t === 'image/jpeg' || t === 'image/*' || t === '*/*') return 'image/jpeg';
    if (t === 'image/png') return 'image/png';
  }
  throw Invalid('not_acceptable', 'rendered images are image/jpeg or image/png', { accept });
}

export function renderParams(req: Request): RenderParams {
  const q = new URL(req.originalUrl, 'http://bridge.invalid').searchParams;
  const quality = q.get('quality');
  const asked = quality === null ? 90 : Number(quality);
  if (!Number.isInteger(asked) || asked < 1 || asked > 100) throw invalid('quality', 'quality is 1 to 100');
  const w = q.get('window');
  const v = q.get('viewport');
  return {
    type: accepted(req.headers.accept),
    quality: asked,
    window: w === null ? null : window(w),
    viewport: v === null ? null : viewport(v),
  };
}
