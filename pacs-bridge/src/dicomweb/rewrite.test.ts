import assert from 'node:assert/strict';
import { test } from 'node:test';
import { rebase, rewriteUrls } from './rewrite';

const UP = 'http://127.0.0.1:8042/dicom-web';
const BRIDGE = 'https://care.example.org/dicom-web';

test('PACS URLs are moved under the bridge, whatever host the PACS wrote into them', () => {
  assert.equal(
    rebase(
      'http://localhost/dicom-web/studies/1.2/series/3.4/instances/5.6/bulk/7FE00010',
      UP,
      BRIDGE,
      '1.2',
    ),
    `${BRIDGE}/studies/1.2/series/3.4/instances/5.6/bulk/7FE00010`,
  );
  assert.equal(rebase('/dicom-web/studies/1.2?x=1', UP, BRIDGE, '1.2'), `${BRIDGE}/studies/1.2?x=1`);
  assert.equal(rebase('http://127.0.0.1:8042/instances/abc/file', UP, BRIDGE, '1.2'), null);
});

test('BulkDataURIs and RetrieveURLs are rewritten inside sequences; other values are untouched', () => {
  const [out] = rewriteUrls(
    [
      {
        '00081190': { vr: 'UR', Value: [`${UP}/studies/1.2`] },
        '00100010': { vr: 'PN', Value: [{ Alphabetic: 'A^B' }] },
        '54000100': {
          vr: 'SQ',
          Value: [
            {
              '54001010': {
                vr: 'OW',
                BulkDataURI: `${UP}/studies/1.2/series/3/instances/4/bulk/54000100/1/54001010`,
              },
            },
          ],
        },
        '7FE00010': { vr: 'OW', BulkDataURI: 'http://elsewhere.example/secret' },
      },
    ],
    UP,
    BRIDGE,
    '1.2',
  );
  assert.deepEqual(out?.['00081190']?.Value, [`${BRIDGE}/studies/1.2`]);
  assert.deepEqual(out['00100010']?.Value, [{ Alphabetic: 'A^B' }]);
  const group = out['54000100']?.Value?.[0] as Record<string, { BulkDataURI?: string }>;
  assert.equal(
    group['54001010']?.BulkDataURI,
    `${BRIDGE}/studies/1.2/series/3/instances/4/bulk/54000100/1/54001010`,
  );
  assert.equal(out['7FE00010'], undefined);
});

test('a URL into another study is dropped, not rewritten: the bridge names only the shared study', () => {
  assert.equal(rebase(`${UP}/studies/9.9/series/3/instances/4/bulk/7FE00010`, UP, BRIDGE, '1.2'), null);
  // A UID that merely starts with the shared one is another study.
  assert.equal(rebase(`${UP}/studies/1.23/series/3`, UP, BRIDGE, '1.2'), null);
  assert.equal(rebase(`${UP}/studies/1.2/series/3`, UP, BRIDGE, '1.2'), `${BRIDGE}/studies/1.2/series/3`);
  const [out] = rewriteUrls(
    [
      {
        '0020000D': { vr: 'UI', Value: ['1.2'] },
        '00081190': { vr: 'UR', Value: [`${UP}/studies/1.2`, `${UP}/studies/9.9`] },
        '7FE00010': { vr: 'OW', BulkDataURI: `${UP}/studies/9.9/series/3/instances/4/bulk/7FE00010` },
      },
    ],
    UP,
    BRIDGE,
    '1.2',
  );
  assert.deepEqual(out?.['00081190']?.Value, [`${BRIDGE}/studies/1.2`]);
  assert.equal(out['7FE00010'], undefined);
  // A patient search lists many studies: each dataset's URLs stay inside its own study.
  const [own] = rewriteUrls(
    [
      {
        '0020000D': { vr: 'UI', Value: ['5.6'] },
        '00081190': { vr: 'UR', Value: [`${UP}/studies/5.6`, `${UP}/studies/1.2`] },
      },
    ],
    UP,
    BRIDGE,
    null,
  );
  assert.deepEqual(own?.['00081190']?.Value, [`${BRIDGE}/studies/5.6`]);
});
