// `npm start` terminates TLS itself when given a certificate (TLS_CERT, TLS_KEY), and then sends
// HSTS; one of the two without the other is refused.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { request } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { createApp } from '@tiered-care/referral-api';
import { createAppServer } from '@tiered-care/testkit';
import { startTestApp, type TestApp } from '@tiered-care/testkit/harness';

const dir = mkdtempSync(join(tmpdir(), 'tls-'));
let t: TestApp;
before(async () => {
  t = await startTestApp();
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=127.0.0.1',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
      '-keyout',
      join(dir, 'key.pem'),
      '-out',
      join(dir, 'cert.pem'),
    ],
    { stdio: 'ignore' },
  );
});
after(async () => {
  await t.close();
  rmSync(dir, { recursive: true, force: true });
});

test('with a certificate the app is served over HTTPS, with HSTS', async () => {
  const { server, tls } = createAppServer(createApp(t.services), {
    TLS_CERT: join(dir, 'cert.pem'),
    TLS_KEY: join(dir, 'key.pem'),
  });
  assert.equal(tls, true);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const res = await new Promise<{ status: number; hsts: string | undefined }>((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port, path: '/healthz', ca: readFileSync(join(dir, 'cert.pem')) },
        (r) => {
          r.resume();
          resolve({
            status: r.statusCode ?? 0,
            hsts: r.headers['strict-transport-security'],
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    assert.equal(res.status, 200);
    assert.match(res.hsts ?? '', /max-age=\d+/);
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test('a certificate without its key (or the reverse) is a configuration error', () => {
  assert.throws(
    () => createAppServer(() => undefined, { TLS_CERT: join(dir, 'cert.pem') }),
    /TLS_CERT and TLS_KEY/,
  );
  assert.equal(createAppServer(() => undefined, {}).tls, false);
});
