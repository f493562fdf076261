/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { wadorsImageId } from '../dicom/dicomweb';
import { measurementImageId, sortMeasurements, toMeasurement, type AnnotationLike } from './measurements';

const ref = { studyUid: '1.2', seriesUid: '1.2.3', sopInstanceUid: '1.2.3.4', frame: 2 };
const imageId = wadorsImageId('/dicom-web', ref);

function annotation(toolName: string, points: number[][], referencedImageId = imageId): AnnotationLike {
  return { annotationUID: 'u1', metadata: { toolName, referencedImageId }, data: { handles: { points } } };
}

/** A line from the origin, the shape most cases need. */
const diagonal = [
  [0, 0, 0],
  [1, 1, 0],
];
const measure = (tool: string, points: number[][], studyUid = '1.2', referencedImageId = imageId) =>
  toMeasurement(annotation(tool, points, referencedImageId), studyUid);

test('a finished length becomes a measurement on its image', () => {
  const points = [
    [1, 2, 3],
    [4, 5, 6],
  ];
  const m = measure('Length', points);
  const { seriesUid, sopInstanceUid, frame } = ref;
  assert.deepEqual(m, { uid: 'u1', tool: 'Length', seriesUid, sopInstanceUid, frame, points });
  assert.ok(m);
  assert.equal(measurementImageId('/dicom-web', '1.2', m), imageId);
});

test('an angle needs its three points before it is shared', () => {
  assert.equal(measure('Angle', diagonal), null);
  assert.ok(measure('Angle', [...diagonal, [2, 0, 0]]));
});

test('other tools, other studies and broken points are ignored', () => {
  assert.equal(measure('Probe', [[0, 0, 0]]), null);
  assert.equal(measure('Length', diagonal, '9.9'), null);
  assert.equal(
    measure('Length', [
      [0, 0, 0],
      [1, NaN, 0],
    ]),
    null,
  );
  assert.equal(measure('Length', diagonal, '1.2', 'wadouri:/x'), null);
});

test('measurements sort by uid so both peers list them alike', () => {
  const named = (annotationUID: string) =>
    toMeasurement(
      {
        ...annotation('Length', [
          [0, 0, 0],
          [1, 0, 0],
        ]),
        annotationUID,
      },
      '1.2',
    );
  const a = named('b');
  const b = named('a');
  assert.ok(a && b);
  assert.deepEqual(
    sortMeasurements([a, b]).map((m) => m.uid),
    ['a', 'b'],
  );
});
