/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CT_PRESETS, matchPreset, presetsApply, voiRangeFromWindow, windowFromVoiRange } from './presets';

test('the CT presets are the agreed lung, mediastinum, bone and brain windows', () => {
  assert.deepEqual(
    CT_PRESETS.map((p) => [p.id, p.windowWidth, p.windowCenter]),
    [
      ['lung', 1500, -600],
      ['mediastinum', 350, 50],
      ['bone', 2000, 500],
      ['brain', 80, 40],
    ],
  );
});

test('a window survives the round trip through a VOI range', () => {
  for (const p of CT_PRESETS) {
    const back = windowFromVoiRange(voiRangeFromWindow(p));
    assert.equal(back.windowWidth, p.windowWidth);
    assert.equal(back.windowCenter, p.windowCenter);
  }
});

test('the VOI range follows the DICOM linear window formula', () => {
  assert.deepEqual(voiRangeFromWindow({ windowWidth: 80, windowCenter: 40 }), { lower: 0, upper: 79 });
});

test('a rendered window is recognised as its preset', () => {
  assert.equal(matchPreset({ windowWidth: 1500.2, windowCenter: -599.9 }), 'lung');
  assert.equal(matchPreset({ windowWidth: 400, windowCenter: 40 }), null);
  assert.equal(matchPreset(null), null);
});

test('presets are offered for CT only', () => {
  assert.equal(presetsApply('CT'), true);
  assert.equal(presetsApply('MR'), false);
  assert.equal(presetsApply(null), false);
});
