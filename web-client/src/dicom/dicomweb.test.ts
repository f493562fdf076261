/// <reference types="node" />
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  authHeaders,
  frameUrl,
  parseImageId,
  seriesMetadataUrl,
  seriesSearchUrl,
  wadorsImageId,
} from './dicomweb';

const ref = { studyUid: '1.2.840.1', seriesUid: '1.2.840.1.2', sopInstanceUid: '1.2.840.1.2.3', frame: 4 };

test('QIDO and metadata paths follow the DICOMweb layout under the root', () => {
  assert.equal(seriesSearchUrl('/dicom-web/', '1.2'), '/dicom-web/studies/1.2/series');
  assert.equal(seriesMetadataUrl('/dicom-web', '1.2', '3.4'), '/dicom-web/studies/1.2/series/3.4/metadata');
});

test('frame URLs are 1-based WADO-RS frame paths', () => {
  assert.equal(
    frameUrl('http://pacs/dicom-web', ref),
    'http://pacs/dicom-web/studies/1.2.840.1/series/1.2.840.1.2/instances/1.2.840.1.2.3/frames/4',
  );
});

test('an image id parses back into the UIDs and frame it was built from', () => {
  assert.deepEqual(parseImageId(wadorsImageId('/dicom-web', ref)), ref);
  assert.deepEqual(parseImageId(wadorsImageId('https://host:8443/a/b/dicom-web/', ref)), ref);
});

test('image ids of other loaders or shapes are not parsed', () => {
  assert.equal(parseImageId('wadouri:/x.dcm'), null);
  assert.equal(parseImageId('wadors:/dicom-web/studies/1/series/2/instances/3'), null);
});

test('requests carry the bearer token only when signed in', () => {
  assert.deepEqual(authHeaders('abc'), { Authorization: 'Bearer abc' });
  assert.deepEqual(authHeaders(null), {});
});
