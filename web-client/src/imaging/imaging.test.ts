/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dicomDate, viewerKindOf } from './selection';
import { batches, isDicomFile } from './upload';

test('a waveform-only study opens in the ECG viewer, any study with images in the image viewer', () => {
  assert.equal(viewerKindOf(['ECG']), 'ecg');
  assert.equal(viewerKindOf(['ECG', 'SR']), 'ecg');
  assert.equal(viewerKindOf(['CT']), 'image');
  assert.equal(viewerKindOf(['CT', 'ECG']), 'image');
  assert.equal(viewerKindOf([]), 'image');
});

test('DICOM dates read as YYYY-MM-DD, anything else unchanged', () => {
  assert.equal(dicomDate('20260110'), '2026-01-10');
  assert.equal(dicomDate(null), null);
  assert.equal(dicomDate('2026'), '2026');
});

test('uploads go in batches of at most 40 files and about 16 MB, in order', () => {
  const mb = 1024 * 1024;
  const sizes = (b: { size: number }[][]) => b.map((x) => x.map((f) => f.size / mb));
  assert.deepEqual(
    sizes(batches([{ size: 10 * mb }, { size: 5 * mb }, { size: 2 * mb }, { size: 30 * mb }])),
    [[10, 5], [2], [30]],
  );
  assert.equal(batches(Array.from({ length: 100 }, () => ({ size: 1000 }))).length, 3);
  assert.deepEqual(batches([]), []);
});

test('only Part 10 files count as DICOM, and DICOMDIR is left out', async () => {
  const part10 = new Uint8Array(200);
  part10.set([0x44, 0x49, 0x43, 0x4d], 128);
  const named = (bytes: Uint8Array<ArrayBuffer>, name: string) => Object.assign(new Blob([bytes]), { name });
  assert.equal(await isDicomFile(named(part10, 'IM0001')), true);
  assert.equal(await isDicomFile(named(part10, 'DICOMDIR')), false);
  assert.equal(await isDicomFile(named(new Uint8Array(200), 'notes.txt')), false);
  assert.equal(await isDicomFile(named(new Uint8Array(10), 'tiny')), false);
});
