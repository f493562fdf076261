/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { cameraFor, panOf, zoomOf, type CameraLike } from './camera';

// An axial image as Cornerstone looks at it: from the feet, anterior up on screen.
const fit: CameraLike = {
  focalPoint: [10, 20, 30],
  position: [10, 20, -970],
  parallelScale: 100,
  viewUp: [0, -1, 0],
  viewPlaneNormal: [0, 0, -1],
};

const near = (a: number, b: number) => Math.abs(a - b) < 1e-9;

test('the fitted camera is zoom 1 and no pan', () => {
  assert.equal(zoomOf(fit, fit), 1);
  assert.deepEqual(
    panOf(fit, fit).map((v) => Math.abs(v)),
    [0, 0],
  );
});

test('halving the visible height is zoom 2', () => {
  assert.equal(zoomOf(fit, { ...fit, parallelScale: 50 }), 2);
});

test('pan is measured in millimetres along screen right and screen up', () => {
  const moved = { ...fit, focalPoint: [15, 12, 30] as [number, number, number] };
  const [x, y] = panOf(fit, moved);
  // viewUp is -y, so moving the focus 8 mm towards -y is 8 mm up; right = up × normal = +x.
  assert.ok(near(x, 5) && near(y, 8), `${x}, ${y}`);
});

test('a zoom and pan read from a camera rebuild the same camera', () => {
  const cam: CameraLike = { ...fit, focalPoint: [-3, 41, 30], position: [-3, 41, -970], parallelScale: 37 };
  const rebuilt = cameraFor(fit, fit, zoomOf(fit, cam), panOf(fit, cam));
  assert.ok(rebuilt.focalPoint.every((v, i) => near(v, cam.focalPoint[i] ?? NaN)));
  assert.ok(near(rebuilt.parallelScale, 37));
  assert.deepEqual(rebuilt.position, [-3, 41, -970]);
});

test('the same zoom and pan on a wider screen keep the same centre in millimetres', () => {
  const wideFit = { ...fit, parallelScale: 80 };
  const cam = cameraFor(wideFit, wideFit, 2, [4, -6]);
  assert.equal(cam.parallelScale, 40);
  assert.deepEqual(
    panOf(wideFit, { ...wideFit, ...cam }),
    panOf(fit, { ...fit, ...cameraFor(fit, fit, 2, [4, -6]) }),
  );
});
