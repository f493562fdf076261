/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SharedView } from '@tiered-care/common';
import { fromSharedView, sameDocument, toSharedView, type OpenView } from './sharedView';

const STUDY = '1.2.840.113619.2.1';
const SERIES = '1.2.840.113619.2.1.3';

const image: OpenView = {
  kind: 'image',
  studyUid: STUDY,
  seriesUid: SERIES,
  viewer: {
    studyUid: STUDY,
    seriesUid: SERIES,
    imageIndex: 42,
    windowWidth: 400,
    windowCenter: 40,
    zoom: 1.5,
    pan: [3, -2],
    measurements: [
      {
        uid: 'm1',
        tool: 'Length',
        seriesUid: SERIES,
        sopInstanceUid: '1.2.3.4',
        frame: 1,
        points: [
          [0, 0, 0],
          [10, 0, 0],
        ],
      },
    ],
  },
};

const ecg: OpenView = {
  kind: 'ecg',
  studyUid: STUDY,
  seriesUid: SERIES,
  ecg: {
    position: 2.5,
    zoom: { gain: 10, speed: 25, scale: 1.2 },
    calipers: [{ id: 'c1', kind: 'time', a: 1, b: 1.8 }],
  },
};

test("an image view goes over the wire and comes back as the presenter's view", () => {
  const wire = toSharedView(image);
  assert.equal(SharedView.safeParse(wire).success, true);
  assert.deepEqual(fromSharedView(JSON.parse(JSON.stringify(wire)) as typeof wire), image);
});

test('an ECG view carries the ECG viewer state as the opaque state', () => {
  const wire = toSharedView(ecg);
  assert.equal(SharedView.safeParse(wire).success, true);
  assert.deepEqual(fromSharedView(wire), ecg);
});

test('a study just opened travels without a viewer state and opens at its default view', () => {
  const wire = toSharedView({ kind: 'image', studyUid: STUDY, seriesUid: null, viewer: null });
  assert.deepEqual(wire.state, {});
  assert.deepEqual(fromSharedView(wire), { kind: 'image', studyUid: STUDY, seriesUid: null, viewer: null });
});

test('a malformed remote image state opens the study without applying it', () => {
  const view = fromSharedView({ kind: 'image', studyUid: STUDY, seriesUid: SERIES, state: { zoom: 'big' } });
  assert.deepEqual(view, { kind: 'image', studyUid: STUDY, seriesUid: SERIES, viewer: null });
});

test('a malformed remote ECG state opens the waveform at its default view', () => {
  const view = fromSharedView({ kind: 'ecg', studyUid: STUDY, seriesUid: null, state: { position: -1 } });
  assert.deepEqual(view, { kind: 'ecg', studyUid: STUDY, seriesUid: null, ecg: null });
});

test('moving within one study keeps the same document; another study or viewer does not', () => {
  assert.equal(sameDocument(image, { ...image, viewer: null }), true);
  assert.equal(sameDocument(image, { ...image, studyUid: '1.2.3' }), false);
  assert.equal(sameDocument(image, ecg), false);
});
