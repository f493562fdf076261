// DATA_KEY rotation on a seeded database: every identity number, signing key and PACS password
// is re-sealed under the new key in resumable batches, after which the old key can go: numbers
// still decrypt, lookups by identity number still find the patient, signatures still verify and
// users still sign.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { before, test } from 'node:test';
import { identityCheckChar } from '@tiered-care/common';
import pg from 'pg';
import { DataCrypto } from '@tiered-care/platform';
import { referralBody, teardown, useTestApp } from '@tiered-care/testkit/harness';
import { pendingRotation, rotateDataKey } from './rotation';

const app = useTestApp();
let owner: pg.Pool;
before(async () => {
  owner = new pg.Pool({ connectionString: (await app.ready()).db.ownerUrl, max: 2 });
});
teardown(async () => {
  await owner.end();
});

const first17 = '11010219850512345';
const idNumber = first17 + identityCheckChar(first17);

const findById = async (token: string, id: string) =>
  (await app.call<{ id: string }[]>('GET', `/api/patients?q=${id}`, { token })).body.map((p) => p.id);

async function identityNumbers(crypto: DataCrypto): Promise<Map<string, string>> {
  const { rows } = await owner.query<{ id: string; enc: Buffer }>(
    'SELECT id, id_number_enc AS enc FROM patients',
  );
  return new Map(rows.map((r) => [r.id, crypto.decrypt(r.enc)]));
}

async function verifications(token: string): Promise<boolean[]> {
  const { rows } = await owner.query<{ referral_id: string; id: number }>(
    'SELECT referral_id, id FROM referral_events WHERE signature IS NOT NULL ORDER BY id',
  );
  const results: boolean[] = [];
  for (const e of rows) {
    const res = await app.call<{ valid: boolean }>(
      'GET',
      `/api/referrals/${e.referral_id}/events/${e.id}/verification`,
      {
        token,
      },
    );
    assert.equal(res.status, 200);
    results.push(res.body.valid);
  }
  return results;
}

test(
  'rotating DATA_KEY re-seals everything; with the old key gone, nothing is lost',
  { timeout: 60_000 },
  async () => {
    const doctor = await app.login('doctor.c1');
    const coordinator = await app.login('coordinator.h1');
    const registered = await app.call<{ id: string }>('POST', '/api/patients', {
      token: doctor,
      body: { name: '司马平安', gender: 'female', birthDate: '1985-05-12', idNumber },
    });
    assert.equal(registered.status, 201);
    const dir = app.dir;
    const referral = await app.createReferral(
      'doctor.c1',
      referralBody({
        patientId: await app.patientId('doctor.c1', '司马平安'),
        toInstitutionId: dir.inst.H1,
      }),
    );
    await app.mustAct('coordinator.h1', referral.id, 'accept', { version: 1 });

    const oldKey = app.db.secrets.DATA_KEY;
    await owner.query(
      `INSERT INTO pacs_endpoints (consortium_id, name, base_url, username, password_enc)
     SELECT id, 'region archive', 'http://127.0.0.1:9/dicom-web', 'bridge', $1 FROM consortia LIMIT 1`,
      [new DataCrypto(oldKey).encrypt('pacs password')],
    );
    const before = await identityNumbers(new DataCrypto(oldKey));
    const signedBefore = await verifications(coordinator);
    assert.ok(signedBefore.length > 0 && signedBefore.every(Boolean), 'signed decisions to check');

    // Every process restarts with the new key current and the old one as previous.
    const newKey = randomBytes(32).toString('base64');
    const during = new DataCrypto(newKey, [oldKey]);
    app.services.crypto = during;
    assert.deepEqual(
      await findById(doctor, idNumber),
      [registered.body.id],
      'found while the rotation is pending',
    );

    const pendingAtStart = await pendingRotation(owner, during);
    assert.ok(pendingAtStart.patients && pendingAtStart.users && pendingAtStart.pacs_endpoints);
    // An interrupted run (one batch) leaves the rest pending; running again finishes.
    const partial = await rotateDataKey(owner, during, { batchSize: 2, maxBatches: 1 });
    assert.equal(partial.patients, 2);
    assert.equal((await pendingRotation(owner, during)).patients, pendingAtStart.patients - 2);
    const rest = await rotateDataKey(owner, during, { batchSize: 3 });
    assert.equal((rest.patients ?? 0) + 2, pendingAtStart.patients);
    assert.deepEqual(await pendingRotation(owner, during), { patients: 0, users: 0, pacs_endpoints: 0 });

    // The old key removed everywhere.
    const after = new DataCrypto(newKey);
    app.services.crypto = after;
    assert.deepEqual(await identityNumbers(after), before, 'every identity number decrypts to what it was');
    const { rows: sealed } = await owner.query<{ enc: Buffer }>(
      'SELECT id_number_enc AS enc FROM patients WHERE id = $1',
      [registered.body.id],
    );
    assert.throws(
      () => new DataCrypto(oldKey).decrypt(sealed[0]?.enc ?? Buffer.alloc(0)),
      'the old key opens nothing',
    );
    assert.deepEqual(await findById(doctor, idNumber), [registered.body.id], 'found by identity number');
    for (const [id, number] of before) {
      const { rows } = await owner.query('SELECT 1 FROM patients WHERE id = $1 AND id_number_hash = $2', [
        id,
        after.lookupHash(number),
      ]);
      assert.equal(rows.length, 1, `patient ${id}: lookup hash under the new key`);
    }
    const { rows: endpoints } = await owner.query<{ password_enc: Buffer }>(
      'SELECT password_enc FROM pacs_endpoints WHERE password_enc IS NOT NULL',
    );
    assert.deepEqual(
      endpoints.map((e) => after.isCurrent(e.password_enc) && after.decrypt(e.password_enc)),
      ['pacs password'],
    );
    assert.deepEqual(await verifications(coordinator), signedBefore, 'old signatures still verify');

    // Users still sign: their private keys open under the new key.
    const second = await app.createReferral(
      'doctor.c1',
      referralBody({ patientId: registered.body.id, toInstitutionId: dir.inst.H1 }),
    );
    await app.mustAct('coordinator.h1', second.id, 'accept', { version: 1 });
    const signedAfter = await verifications(coordinator);
    assert.equal(signedAfter.length, signedBefore.length + 1);
    assert.ok(signedAfter.every(Boolean), 'new signatures verify');
  },
);
