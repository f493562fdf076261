// The image archive stops answering (SIGSTOP: connections open, nothing comes back). Found by
// trying: with Orthanc stopped, /api/me and sign-in hung past 10 s, because study lists asked the
// PACS, without a timeout, inside database transactions, until the pool ran dry.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import { startBridgeTestApp, type BridgeTestApp } from '@tiered-care/testkit/bridge';
import { freshDicomFile } from '@tiered-care/testkit/fixtures';

let t: BridgeTestApp;
let orthancPid = 0;
before(async () => {
  t = await startBridgeTestApp();
  orthancPid = Number(readFileSync(`${t.orthanc.dataDir}/orthanc.pid`, 'utf8'));
});
after(async () => {
  if (orthancPid) process.kill(orthancPid, 'SIGCONT');
  await t.close();
});

test(
  'a hung PACS: the API still answers at once, study calls end in a bounded time',
  { timeout: 90_000 },
  async () => {
    const token = await t.login('doctor.c1');
    process.kill(orthancPid, 'SIGSTOP');
    try {
      const started = Date.now();
      const lists = Array.from({ length: 12 }, () =>
        t.fetch(`/api/referrals/${t.demo.referralId}/studies`, { token }).then(async (r) => ({
          status: r.status,
          body: (await r.json()) as { studies?: { available: boolean }[] },
          ms: Date.now() - started,
        })),
      );
      // While the twelve lists wait on the archive, the rest of the API is unaffected.
      await new Promise((r) => setTimeout(r, 500));
      for (const path of ['/api/me', '/api/referrals?box=outgoing']) {
        const t0 = Date.now();
        const res = await t.fetch(path, { token });
        const ms = Date.now() - t0;
        assert.equal(res.status, 200, path);
        assert.ok(ms < 1000, `${path} answered in ${ms} ms`);
      }
      const wado = await t.fetch(`/dicom-web/studies/${t.demo.studyInstanceUids[0]}/metadata`, { token });
      const wadoBody = (await wado.json()) as { error?: { code?: string } };
      assert.equal(wado.status, 504, 'a DICOMweb call says the archive timed out');
      assert.equal(wadoBody.error?.code, 'pacs_timeout');
      for (const l of await Promise.all(lists)) {
        assert.equal(l.status, 200);
        assert.ok(
          l.body.studies?.every((s) => !s.available),
          'listed, marked not available',
        );
        assert.ok(l.ms < 30_000, `the list answered in ${l.ms} ms`);
      }
    } finally {
      process.kill(orthancPid, 'SIGCONT');
    }
    // And everything works again once the archive is back.
    const again = await t.fetch(`/api/referrals/${t.demo.referralId}/studies`, { token });
    const body = (await again.json()) as { studies: { available: boolean }[] };
    assert.ok(body.studies.some((s) => s.available));
  },
);

test(
  'attaching studies while the PACS hangs holds no database connection: 504s, the API answers',
  { timeout: 90_000 },
  async () => {
    const token = await t.login('doctor.c1');
    const fresh = freshDicomFile();
    const up = await t.fetch('/api/pacs/upload', {
      method: 'POST',
      token,
      headers: { 'content-type': 'application/dicom' },
      body: fresh.file,
    });
    assert.equal(up.status, 201);
    process.kill(orthancPid, 'SIGSTOP');
    try {
      const attaches = Array.from({ length: 12 }, () =>
        t.fetch(`/api/referrals/${t.demo.referralId}/studies`, {
          method: 'POST',
          token,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ studyInstanceUid: fresh.study }),
        }),
      );
      await new Promise((r) => setTimeout(r, 500));
      const t0 = Date.now();
      const me = await t.fetch('/api/me', { token });
      assert.equal(me.status, 200);
      assert.ok(Date.now() - t0 < 1000, `/api/me answered in ${Date.now() - t0} ms`);
      for (const res of await Promise.all(attaches)) {
        assert.equal(res.status, 504);
        assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'pacs_timeout');
      }
    } finally {
      process.kill(orthancPid, 'SIGCONT');
    }
    const later = await t.fetch(`/api/referrals/${t.demo.referralId}/studies`, {
      method: 'POST',
      token,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ studyInstanceUid: fresh.study }),
    });
    assert.equal(later.status, 201, 'attached once the archive is back');
  },
);
