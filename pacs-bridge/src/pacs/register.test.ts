// One archive, one owner. Found by trying: H1's PACS and the region's upload archive were the
// same Orthanc, so H1's "own" search found what clinics had uploaded for the region.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { testServices } from '@tiered-care/testkit/bridge';
import { createTestDatabase, type TestDatabase } from '@tiered-care/testkit/harness';
import type { Services } from '@tiered-care/referral-api';
import { registerEndpoint, type EndpointRegistration } from './register';

let db: TestDatabase;
let services: Services;
let owner: pg.Client;
let ids: { consortium: string; h1: string; h2: string; c1: string };

before(async () => {
  db = await createTestDatabase();
  services = testServices(db);
  owner = new pg.Client({ connectionString: db.ownerUrl });
  await owner.connect();
  const { rows } = await owner.query<{ code: string; id: string; consortium_id: string }>(
    `SELECT code, id, consortium_id FROM institutions WHERE code IN ('H1', 'H2', 'C1')`,
  );
  const by = Object.fromEntries(rows.map((r) => [r.code, r]));
  ids = {
    consortium: by.H1?.consortium_id ?? '',
    h1: by.H1?.id ?? '',
    h2: by.H2?.id ?? '',
    c1: by.C1?.id ?? '',
  };
});
after(async () => {
  await owner.end();
  await services.pool.end();
  await db.drop();
});

const register = (institutionId: string | null, baseUrl: string) => {
  const e: EndpointRegistration = {
    consortiumId: ids.consortium,
    institutionId,
    name: institutionId ? 'PACS' : '区域影像中心',
    baseUrl,
    username: 'u',
    password: 'p',
  };
  return registerEndpoint(owner, services.crypto, e);
};

test('the same PACS URL cannot be registered for two owners, however it is spelled', async () => {
  const h1 = await register(ids.h1, 'http://127.0.0.1:8042/dicom-web');
  for (const spelling of [
    'http://127.0.0.1:8042/dicom-web',
    'HTTP://127.0.0.1:8042/dicom-web/',
    'http://127.0.0.1:8042/dicom-web//',
  ]) {
    await assert.rejects(register(null, spelling), { code: 'pacs_url_taken' }, `region: ${spelling}`);
    await assert.rejects(register(ids.h2, spelling), { code: 'pacs_url_taken' }, `H2: ${spelling}`);
  }
  // The default port is no port.
  await register(ids.c1, 'https://Pacs.Example.org/dicom-web');
  await assert.rejects(register(ids.h2, 'https://pacs.example.org:443/dicom-web/'), {
    code: 'pacs_url_taken',
  });
  // The owner re-registers its own archive (new password, same URL) as often as it likes.
  assert.equal(await register(ids.h1, 'http://127.0.0.1:8042/dicom-web/'), h1);
  // Each owner with an archive of its own is fine.
  await register(null, 'http://127.0.0.1:8043/dicom-web');
  await register(ids.h2, 'http://127.0.0.1:8044/dicom-web');
  // Not a DICOMweb root: refused, not stored.
  for (const bad of ['ftp://127.0.0.1/dicom-web', 'http://user:pw@127.0.0.1:8045/dicom-web', 'no url']) {
    await assert.rejects(register(ids.h2, bad), { code: 'bad_pacs_url' }, bad);
  }
});

test('the database refuses a second owner of one archive too, past the registration code', async () => {
  await owner.query('BEGIN');
  try {
    await owner.query('DELETE FROM pacs_endpoints');
    await assert.rejects(
      owner.query(
        `INSERT INTO pacs_endpoints (consortium_id, institution_id, name, base_url)
         VALUES ($1, $2, 'x', 'http://LocalHost:80/dicom-web'), ($1, $3, 'y', 'http://localhost/dicom-web')`,
        [ids.consortium, ids.h1, ids.c1],
      ),
      { code: '23505' },
    );
  } finally {
    await owner.query('ROLLBACK');
  }
});

test('migration 016 stops on endpoints that already share an archive, and names them', async () => {
  const sql = readFileSync(
    new URL('../../../referral-api/migrations/016_pacs_one_owner.sql', import.meta.url),
    'utf8',
  );
  await owner.query('BEGIN');
  try {
    // The schema as it was before 016, with two owners of one archive (the old demo).
    await owner.query('DROP INDEX pacs_endpoints_one_owner');
    await owner.query('DROP FUNCTION pacs_url_key(text)');
    await owner.query('DELETE FROM pacs_endpoints');
    await owner.query(
      `INSERT INTO pacs_endpoints (consortium_id, institution_id, name, base_url)
       VALUES ($1, NULL, '区域影像中心', 'http://127.0.0.1:8042/dicom-web'),
              ($1, $2, '市第一人民医院 PACS', 'http://127.0.0.1:8042/dicom-web')`,
      [ids.consortium, ids.h1],
    );
    await assert.rejects(
      owner.query(sql),
      /share one archive.*http:\/\/127\.0\.0\.1:8042\/dicom-web.*市第一人民医院 PACS/s,
    );
  } finally {
    await owner.query('ROLLBACK');
  }
});
