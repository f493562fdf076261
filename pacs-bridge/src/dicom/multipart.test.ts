import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boundaryOf, parseMultipart, relatedTypeOf } from './multipart';

const CRLF = '\r\n';

test('the boundary is read from quoted and unquoted Content-Type parameters', () => {
  assert.equal(boundaryOf('multipart/related; type="application/octet-stream"; boundary=abc-1'), 'abc-1');
  assert.equal(boundaryOf('multipart/related; boundary="a b"; type=application/dicom'), 'a b');
  assert.equal(boundaryOf('application/dicom'), null);
  assert.equal(relatedTypeOf('multipart/related; type="application/dicom"; boundary=x'), 'application/dicom');
  assert.equal(
    relatedTypeOf('multipart/related; type="application/octet-stream; transfer-syntax=*"; boundary=x'),
    'application/octet-stream',
  );
});

test('parts keep their bytes exactly, including CR/LF and boundary-like text inside a part', () => {
  const binary = Buffer.from([0, 13, 10, 45, 45, 255, 13, 10]);
  const body = Buffer.concat([
    Buffer.from(`--b1${CRLF}Content-Type: application/octet-stream${CRLF}Content-Length: 8${CRLF}${CRLF}`),
    binary,
    Buffer.from(`${CRLF}--b1${CRLF}Content-Type: text/plain${CRLF}${CRLF}--b2 not ours${CRLF}--b1--${CRLF}`),
  ]);
  const parts = parseMultipart(body, 'b1');
  assert.equal(parts.length, 2);
  assert.deepEqual(parts[0]?.body, binary);
  assert.equal(parts[0].headers['content-type'], 'application/octet-stream');
  assert.equal(parts[1]?.body.toString(), '--b2 not ours');
});

test('a body without its closing delimiter is refused rather than half-read', () => {
  const body = Buffer.from(`--b1${CRLF}Content-Type: x${CRLF}${CRLF}data`);
  assert.throws(() => parseMultipart(body, 'b1'), /not closed/);
});
