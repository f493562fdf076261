// Zoom and pan as the shared state carries them, independent of the render backend and of the
// screen: zoom 1 = the image fitted to the viewer (on each participant's own screen), pan = how
// far, in millimetres along the image's rows and columns, the view centre is from the fitted
// centre. Cornerstone's own getZoom/getPan mean different things on the GPU and CPU paths (and
// pan is in screen pixels), so the camera is read and written directly.
import type { Vec2, Vec3 } from './viewState';

export interface CameraLike {
  focalPoint: Vec3;
  position?: Vec3;
  parallelScale: number;
  viewUp: Vec3;
  viewPlaneNormal: Vec3;
}

const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]];
const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]];
const scale = (a: Vec3, k: number): Vec3 => [a[0] * k, a[1] * k, a[2] * k];
const dot = (a: Vec3, b: Vec3) => a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];
function unit(a: Vec3): Vec3 {
  const n = Math.hypot(a[0], a[1], a[2]);
  return n > 0 ? scale(a, 1 / n) : [0, 0, 0];
}

/** Screen-right and screen-up directions of the fitted view, in patient space. */
function axes(fit: CameraLike): { right: Vec3; up: Vec3 } {
  const up = unit(fit.viewUp);
  return { right: unit(cross(up, fit.viewPlaneNormal)), up };
}

export function zoomOf(fit: CameraLike, camera: CameraLike): number {
  return camera.parallelScale > 0 ? fit.parallelScale / camera.parallelScale : 1;
}

export function panOf(fit: CameraLike, camera: CameraLike): Vec2 {
  const { right, up } = axes(fit);
  const d = sub(camera.focalPoint, fit.focalPoint);
  return [dot(d, right), dot(d, up)];
}

/** The camera showing `zoom` and `pan` for this fit; the position moves with the focal point. */
export function cameraFor(
  fit: CameraLike,
  current: CameraLike,
  zoom: number,
  pan: Vec2,
): { focalPoint: Vec3; position?: Vec3; parallelScale: number } {
  const { right, up } = axes(fit);
  const focalPoint = add(fit.focalPoint, add(scale(right, pan[0]), scale(up, pan[1])));
  const move = sub(focalPoint, current.focalPoint);
  return {
    focalPoint,
    position: current.position ? add(current.position, move) : undefined,
    parallelScale: fit.parallelScale / (zoom > 0 ? zoom : 1),
  };
}
