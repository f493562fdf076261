// One-time set-up of Cornerstone3D for the whole page: rendering core (GPU when WebGL works,
// CPU otherwise) and the DICOM image loader with its decoding workers. The tools come later, with
// their own chunk (viewerTools.ts). Every
// image request carries the session's bearer token, read at request time so a refreshed token
// is picked up.
import { init as coreInit, setUseCPURendering } from '@cornerstonejs/core';
import { init as loaderInit } from '@cornerstonejs/dicom-image-loader';
import { getToken } from '../api/client';
import { authHeaders } from '../dicom/dicomweb';
import { installPixelProbe } from './pixelProbe';

export type RenderMode = 'gpu' | 'cpu';

/**
 * WebGL2 with a hardware rasterizer → GPU. No WebGL at all (e.g. `--disable-gpu` without
 * SwiftShader) → CPU. A software-only WebGL also goes to the CPU path: for 2D stacks it is
 * faster than emulated GL and does not hold several emulated contexts.
 */
export function detectRenderMode(): RenderMode {
  const probe = document.createElement('canvas');
  const fast = probe.getContext('webgl2', { failIfMajorPerformanceCaveat: true });
  const lose = (gl: WebGL2RenderingContext | WebGLRenderingContext | null) =>
    gl?.getExtension('WEBGL_lose_context')?.loseContext();
  if (fast) {
    lose(fast);
    return 'gpu';
  }
  return 'cpu';
}

let ready: Promise<RenderMode> | null = null;

export function ensureCornerstone(): Promise<RenderMode> {
  ready ??= setUp();
  return ready;
}

async function setUp(): Promise<RenderMode> {
  const mode = detectRenderMode();
  coreInit();
  setUseCPURendering(mode === 'cpu');
  loaderInit({
    maxWebWorkers: Math.max(1, Math.min(2, Math.floor((navigator.hardwareConcurrency || 2) / 2))),
    beforeSend: () => authHeaders(getToken()),
  });
  installPixelProbe();
  return Promise.resolve(mode);
}
