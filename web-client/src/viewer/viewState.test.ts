/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  diffMeasurements,
  diffViewerState,
  initialViewerState,
  sameViewerState,
  type Measurement,
  type ViewerState,
} from './viewState';

const base: ViewerState = {
  ...initialViewerState('1.2.3'),
  seriesUid: '1.2.3.4',
  imageIndex: 5,
  windowWidth: 400,
  windowCenter: 40,
  zoom: 1.5,
  pan: [10, -3],
};
const length: Measurement = {
  uid: 'm1',
  tool: 'Length',
  seriesUid: '1.2.3.4',
  sopInstanceUid: '1.2.3.4.5',
  frame: 1,
  points: [
    [0, 0, 0],
    [10, 0, 0],
  ],
};

/** The length measurement with its handles moved. */
const withPoints = (points: Measurement['points']): Measurement => ({ ...length, points });

test('a state compared with itself has no differences', () => {
  assert.deepEqual(diffViewerState(base, structuredClone(base)), []);
  assert.equal(sameViewerState(base, structuredClone(base)), true);
});

test('float noise from a camera round trip is not a change', () => {
  const noisy = { ...base, zoom: 1.5000000001, pan: [10.0000001, -3.0000002] as [number, number] };
  assert.deepEqual(diffViewerState(base, noisy), []);
});

test('each changed field is named once', () => {
  const next = {
    ...base,
    imageIndex: 6,
    windowWidth: 1500,
    windowCenter: -600,
    pan: [0, 0] as [number, number],
  };
  assert.deepEqual(diffViewerState(base, next), ['imageIndex', 'windowWidth', 'windowCenter', 'pan']);
});

test('a default window (null) differs from an explicit one', () => {
  assert.deepEqual(diffViewerState(base, { ...base, windowWidth: null, windowCenter: null }), [
    'windowWidth',
    'windowCenter',
  ]);
});

test('without a previous state every field counts as changed', () => {
  assert.equal(diffViewerState(null, base).length, Object.keys(base).length);
});

test('measurements compare by uid, not by order', () => {
  const angle: Measurement = {
    ...length,
    uid: 'm2',
    tool: 'Angle',
    points: [
      [0, 0, 0],
      [1, 1, 0],
      [2, 0, 0],
    ],
  };
  const a = { ...base, measurements: [length, angle] };
  const b = { ...base, measurements: [angle, length] };
  assert.deepEqual(diffViewerState(a, b), []);
});

test('moving a measurement handle is a change', () => {
  const moved = withPoints([
    [0, 0, 0],
    [12, 0, 0],
  ]);
  assert.deepEqual(diffViewerState({ ...base, measurements: [length] }, { ...base, measurements: [moved] }), [
    'measurements',
  ]);
});

test('diffMeasurements lists what to add or update and what to remove', () => {
  const moved = withPoints([
    [1, 0, 0],
    [12, 0, 0],
  ]);
  const added = { ...length, uid: 'm3' };
  const gone = { ...length, uid: 'm4' };
  const { upserts, removals } = diffMeasurements([length, gone], [moved, added]);
  assert.deepEqual(
    upserts.map((m) => m.uid),
    ['m1', 'm3'],
  );
  assert.deepEqual(removals, ['m4']);
});
