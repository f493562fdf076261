import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bridgeOptionsFromEnv } from './config';

test('upload limits come from the environment, and nonsense is refused at start', () => {
  assert.deepEqual(bridgeOptionsFromEnv({}), {});
  assert.deepEqual(bridgeOptionsFromEnv({ UPLOAD_MAX_BYTES: '2147483648', UPLOADS_PER_USER: '3' }), {
    uploadLimitBytes: 2147483648,
    uploadsPerUser: 3,
  });
  assert.deepEqual(bridgeOptionsFromEnv({ UPLOAD_BYTES_PER_HOUR: '0' }), { uploadBytesPerHour: null });
  assert.throws(() => bridgeOptionsFromEnv({ UPLOAD_MAX_BYTES: '1kb' }), /UPLOAD_MAX_BYTES/);
  assert.throws(() => bridgeOptionsFromEnv({ UPLOADS_PER_USER: '0' }), /UPLOADS_PER_USER/);
});

test('the response cache size comes from BRIDGE_CACHE_MB; 0 turns it off', () => {
  assert.deepEqual(bridgeOptionsFromEnv({ BRIDGE_CACHE_MB: '512' }), { cacheBytes: 512 * 1024 ** 2 });
  assert.deepEqual(bridgeOptionsFromEnv({ BRIDGE_CACHE_MB: '0' }), { cacheBytes: 0 });
  assert.throws(() => bridgeOptionsFromEnv({ BRIDGE_CACHE_MB: '-1' }), /BRIDGE_CACHE_MB/);
  assert.throws(() => bridgeOptionsFromEnv({ BRIDGE_CACHE_MB: 'lots' }), /BRIDGE_CACHE_MB/);
});

test('the report store-back interval comes from REPORT_STORE_SECONDS; 0 turns the worker off', () => {
  assert.deepEqual(bridgeOptionsFromEnv({ REPORT_STORE_SECONDS: '30' }), { reportStorePollMs: 30_000 });
  assert.deepEqual(bridgeOptionsFromEnv({ REPORT_STORE_SECONDS: '0' }), { reportStorePollMs: null });
  assert.throws(() => bridgeOptionsFromEnv({ REPORT_STORE_SECONDS: 'often' }), /REPORT_STORE_SECONDS/);
});

test('the series read-ahead comes from BRIDGE_READ_AHEAD; 0 turns it off', () => {
  assert.deepEqual(bridgeOptionsFromEnv({ BRIDGE_READ_AHEAD: '200' }), { seriesReadAhead: 200 });
  assert.deepEqual(bridgeOptionsFromEnv({ BRIDGE_READ_AHEAD: '0' }), { seriesReadAhead: 0 });
  assert.throws(() => bridgeOptionsFromEnv({ BRIDGE_READ_AHEAD: 'all' }), /BRIDGE_READ_AHEAD/);
});
