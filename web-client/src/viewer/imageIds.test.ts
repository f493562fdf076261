/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  buildStack,
  clampIndex,
  imageCounter,
  loaderMetadata,
  middleIndex,
  parseSeriesList,
} from './imageIds';
import type { DicomJson } from '@tiered-care/common/dicomJson';

const v = (vr: string, ...values: unknown[]) => ({ vr, Value: values });

function instance(
  sop: string,
  opts: { number?: number; z?: number; frames?: number; rows?: boolean } = {},
): DicomJson {
  const json: DicomJson = {
    '00080018': v('UI', sop),
    '00200037': v('DS', 1, 0, 0, 0, 1, 0),
  };
  if (opts.rows !== false) {
    json['00280010'] = v('US', 64);
    json['00280011'] = v('US', 64);
  }
  if (opts.number !== undefined) json['00200013'] = v('IS', opts.number);
  if (opts.z !== undefined) json['00200032'] = v('DS', 0, 0, opts.z);
  if (opts.frames !== undefined) json['00280008'] = v('IS', String(opts.frames));
  return json;
}

test('slices sort by instance number', () => {
  const stack = buildStack('/dicom-web', 's', 'se', [
    instance('c', { number: 3 }),
    instance('a', { number: 1 }),
    instance('b', { number: 2 }),
  ]);
  assert.deepEqual(
    stack.map((e) => e.sopInstanceUid),
    ['a', 'b', 'c'],
  );
  assert.equal(stack[0]?.imageId, 'wadors:/dicom-web/studies/s/series/se/instances/a/frames/1');
});

test('slices without instance numbers sort along the slice normal', () => {
  const stack = buildStack('/dicom-web', 's', 'se', [
    instance('x', { z: 10 }),
    instance('y', { z: -5 }),
    instance('z', { z: 2.5 }),
  ]);
  assert.deepEqual(
    stack.map((e) => e.sopInstanceUid),
    ['y', 'z', 'x'],
  );
});

test('a multi-frame instance expands to one image per frame', () => {
  const stack = buildStack('/dw', 's', 'se', [instance('us', { frames: 3 })]);
  assert.deepEqual(
    stack.map((e) => e.frame),
    [1, 2, 3],
  );
  assert.match(stack[2]?.imageId ?? '', /instances\/us\/frames\/3$/);
});

test('instances without pixel rows and columns are left out', () => {
  const stack = buildStack('/dw', 's', 'se', [
    instance('img', { number: 1 }),
    instance('sr', { rows: false }),
  ]);
  assert.deepEqual(
    stack.map((e) => e.sopInstanceUid),
    ['img'],
  );
});

test('the series list keeps image series in series-number order and drops ECG and SR', () => {
  const series = (uid: string, modality: string, number: number): DicomJson => ({
    '0020000E': v('UI', uid),
    '00080060': v('CS', modality),
    '00200011': v('IS', number),
    '0008103E': v('LO', `${modality} series`),
    '00201209': v('IS', 10),
  });
  const list = parseSeriesList([
    series('3', 'MR', 3),
    series('e', 'ECG', 1),
    series('1', 'CT', 1),
    series('r', 'SR', 2),
    series('u', 'US', 2),
  ]);
  assert.deepEqual(
    list.map((s) => s.seriesUid),
    ['1', 'u', '3'],
  );
  assert.deepEqual(list[0], {
    seriesUid: '1',
    modality: 'CT',
    description: 'CT series',
    seriesNumber: 1,
    instanceCount: 10,
  });
});

test('the middle image of a stack and the 1-based counter', () => {
  assert.equal(middleIndex(120), 59);
  assert.equal(middleIndex(1), 0);
  assert.equal(middleIndex(0), 0);
  assert.equal(imageCounter(11, 120), '12 / 120');
  assert.equal(imageCounter(500, 120), '120 / 120');
  assert.equal(imageCounter(0, 0), '0 / 0');
  assert.equal(clampIndex(-3, 10), 0);
});

test('images without a modality are handed to the loader as OT, others unchanged', () => {
  const bare = instance('sc', { number: 1 });
  assert.deepEqual(loaderMetadata(bare)['00080060'], { vr: 'CS', Value: ['OT'] });
  assert.equal(bare['00080060'], undefined);
  const ct = { ...bare, '00080060': v('CS', 'CT') };
  assert.equal(loaderMetadata(ct), ct);
});
