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

test('a finished length becomes a measurement on its image', () => {
  const m = toMeasurement(
    annotation('Length', [
      [1, 2, 3],
      [4, 5, 6],
    ]),
    '1.2',
  );
  assert.deepEqual(m, {
    uid: 'u1',
    tool: 'Length',
    seriesUid: '1.2.3',
    sopInstanceUid: '1.2.3.4',
    frame: 2,
    points: [
      [1, 2, 3],
      [4, 5, 6],
    ],
  });
  assert.ok(m);
  assert.equal(measurementImageId('/dicom-web', '1.2', m), imageId);
});

test('an angle needs its three points before it is shared', () => {
  assert.equal(
    toMeasurement(
      annotation('Angle', [
        [0, 0, 0],
        [1, 1, 0],
      ]),
      '1.2',
    ),
    null,
  );
  assert.ok(
    toMeasurement(
      annotation('Angle', [
        [0, 0, 0],
        [1, 1, 0],
        [2, 0, 0],
      ]),
      '1.2',
    ),
  );
});

test('other tools, other studies and broken points are ignored', () => {
  assert.equal(toMeasurement(annotation('Probe', [[0, 0, 0]]), '1.2'), null);
  assert.equal(
    toMeasurement(
      annotation('Length', [
        [0, 0, 0],
        [1, 1, 0],
      ]),
      '9.9',
    ),
    null,
  );
  assert.equal(
    toMeasurement(
      annotation('Length', [
        [0, 0, 0],
        [1, NaN, 0],
      ]),
      '1.2',
    ),
    null,
  );
  assert.equal(
    toMeasurement(
      annotation(
        'Length',
        [
          [0, 0, 0],
          [1, 1, 0],
        ],
        'wadouri:/x',
      ),
      '1.2',
    ),
    null,
  );
});

test('measurements sort by uid so both peers list them alike', () => {
  const a = toMeasurement(
    {
      ...annotation('Length', [
        [0, 0, 0],
        [1, 0, 0],
      ]),
      annotationUID: 'b',
    },
    '1.2',
  );
  const b = toMeasurement(
    {
      ...annotation('Length', [
        [0, 0, 0],
        [1, 0, 0],
      ]),
      annotationUID: 'a',
    },
    '1.2',
  );
  assert.ok(a && b);
  assert.deepEqual(
    sortMeasurements([a, b]).map((m) => m.uid),
    ['a', 'b'],
  );
});
