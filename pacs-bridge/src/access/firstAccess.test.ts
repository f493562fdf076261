// A viewer opening a series fires its frame requests together: before any of them has a grant
// to reuse, they all used to ask the database the same question. Concurrent first accesses of one
// user to one study now share one check (and the burst its one audit row).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { useBridgeTestApp } from '@tiered-care/testkit/bridge';

const t = useBridgeTestApp({ phantom: { slices: 12, size: 256 } });

/** Database connections taken from the app's pool while `run` runs. */
async function checkouts(run: () => Promise<unknown>): Promise<number> {
  let n = 0;
  const count = () => n++;
  t.services.pool.on('acquire', count);
  try {
    await run();
  } finally {
    t.services.pool.off('acquire', count);
  }
  return n;
}

test('concurrent first accesses of one user to one study run one access check', async () => {
  const token = await t.login('doctor.c1');
  // The session check of a fresh token is the API's own cost, not the bridge's: paid here first.
  assert.equal((await t.fetch('/api/me', { token })).status, 200);
  const { ct } = t.demo;
  const series = `/dicom-web/studies/${ct.studyInstanceUid}/series/${ct.seriesInstanceUid}`;
  const frames = (offset: number) =>
    Promise.all(
      ct.sopInstanceUids.slice(offset, offset + 6).map(async (sop) => {
        const res = await t.fetch(`${series}/instances/${sop}/frames/1`, { token });
        assert.equal(res.status, 200);
        await res.arrayBuffer();
      }),
    );
  const first = await checkouts(() => frames(0));
  // The same six again, granted already (and in the audit window): only what every request costs.
  const granted = await checkouts(() => frames(6));
  assert.ok(
    first <= granted + 2,
    `one check and one audit row for six first accesses: ${first} checkouts against ${granted}`,
  );
});
