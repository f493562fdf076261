// Patients: identity numbers are stored encrypted and found through a keyed hash; an
// institution sees its own patients and those of referrals it takes part in, nobody else's.
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { identityCheckChar } from '@tiered-care/common';
import pg from 'pg';
import { startTestApp, type TestApp } from '@tiered-care/testkit/harness';

let app: TestApp;
let owner: pg.Client;
let c1Doctor: string;
let c2Doctor: string;
let h1Coordinator: string;

const first17 = '11010219900307123';
const idNumber = first17 + identityCheckChar(first17);
const newPatient = {
  name: '欧阳明华',
  gender: 'male',
  birthDate: '1990-03-07',
  idNumber,
  phone: '13912345678',
  address: '城关镇幸福路8号',
};
let created: any;

before(async () => {
  app = await startTestApp();
  owner = new pg.Client({ connectionString: app.db.ownerUrl });
  await owner.connect();
  c1Doctor = await app.login('doctor.c1');
  c2Doctor = await app.login('doctor.c2');
  h1Coordinator = await app.login('coordinator.h1');
});
after(async () => {
  await owner.end();
  await app.close();
});

const search = (token: string, q?: string) =>
  app.call('GET', q === undefined ? '/api/patients' : `/api/patients?q=${encodeURIComponent(q)}`, { token });

describe('registering a patient', () => {
  test('a doctor registers a patient and sees only the masked identity number', async () => {
    const res = await app.call('POST', '/api/patients', { token: c1Doctor, body: newPatient });
    assert.equal(res.status, 201);
    created = res.body;
    assert.match(created.id, /^[0-9a-f-]{36}$/);
    assert.equal(created.name, '欧阳明华');
    assert.equal(created.gender, 'male');
    assert.equal(created.birthDate, '1990-03-07');
    assert.equal(created.phone, '13912345678');
    assert.equal(created.idNumberMasked, `**************${idNumber.slice(-4)}`);
    assert.equal(created.idNumber, undefined);
    assert.ok(!JSON.stringify(res.body).includes(idNumber), 'the full number is not in the answer');
    assert.ok(!JSON.stringify(res.body).includes(first17), 'nor its first 17 digits');
    const me = await app.call('GET', '/api/me', { token: c1Doctor });
    assert.equal(created.institutionId, me.body.institution.id);
  });

  test('the stored row holds ciphertext and a hash, never the plain number', async () => {
    const { rows } = await owner.query<{
      id_number_enc: Buffer;
      id_number_hash: Buffer;
      id_number_last4: string;
      row_text: string;
    }>(
      'SELECT id_number_enc, id_number_hash, id_number_last4, p::text AS row_text FROM patients p WHERE id = $1',
      [created.id],
    );
    const row = rows[0]!;
    assert.ok(Buffer.isBuffer(row.id_number_enc));
    assert.ok(row.id_number_enc.length > idNumber.length, 'IV + tag + ciphertext');
    assert.ok(!row.id_number_enc.toString('latin1').includes(idNumber));
    assert.ok(!row.id_number_enc.toString('latin1').includes(first17));
    assert.ok(!row.id_number_enc.toString('hex').includes(Buffer.from(idNumber).toString('hex')));
    assert.equal(row.id_number_hash.length, 32, 'an HMAC-SHA256');
    assert.equal(row.id_number_last4, idNumber.slice(-4));
    assert.ok(!row.row_text.includes(first17), 'the whole row as text has no full number');
    // The ciphertext opens with the app's key to the original number.
    assert.equal(app.services.crypto.decrypt(row.id_number_enc), idNumber);
  });

  test('the same identity number again at the same institution is a 409 naming the existing patient', async () => {
    const res = await app.call('POST', '/api/patients', {
      token: c1Doctor,
      body: { ...newPatient, name: '欧阳明', idNumber: idNumber.toLowerCase() },
    });
    assert.equal(res.status, 409);
    assert.equal(res.body.error.code, 'patient_exists');
    assert.equal(res.body.error.details.patientId, created.id);
    const { rows } = await owner.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM patients WHERE name LIKE $1',
      ['欧阳明%'],
    );
    assert.equal(rows[0]!.n, 1, 'nothing new stored');
  });

  test('an identity number with a wrong check character is a 400', async () => {
    const right = identityCheckChar(first17);
    const wrong = right === '0' ? '1' : '0';
    const res = await app.call('POST', '/api/patients', {
      token: c1Doctor,
      body: { ...newPatient, idNumber: first17 + wrong },
    });
    assert.equal(res.status, 400);
    assert.equal(res.body.error.code, 'invalid_request');
    assert.ok(res.body.error.details.some((d: any) => d.path === 'idNumber'));
  });

  test('an identity number of the wrong length is a 400', async () => {
    const res = await app.call('POST', '/api/patients', {
      token: c1Doctor,
      body: { ...newPatient, idNumber: first17 },
    });
    assert.equal(res.status, 400);
  });

  test('the regional administrator, who has no institution, cannot register patients', async () => {
    const token = await app.login('admin.region');
    const other17 = '11010219900307456';
    const res = await app.call('POST', '/api/patients', {
      token,
      body: { ...newPatient, idNumber: other17 + identityCheckChar(other17) },
    });
    assert.equal(res.status, 403);
    assert.equal(res.body.error.code, 'institution_required');
  });
});

describe('finding patients', () => {
  test('the full identity number finds the patient through the keyed hash', async () => {
    const res = await search(c1Doctor, idNumber);
    assert.equal(res.status, 200);
    assert.deepEqual(
      res.body.map((p: any) => p.id),
      [created.id],
    );
    // Lower-case x and surrounding spaces are the same number.
    const spaced = await search(c1Doctor, ` ${idNumber.toLowerCase()} `);
    assert.deepEqual(
      spaced.body.map((p: any) => p.id),
      [created.id],
    );
  });

  test('a substring of the identity number finds nothing (only exact hashed lookup)', async () => {
    const res = await search(c1Doctor, first17.slice(0, 10));
    assert.equal(res.status, 200);
    assert.ok(!res.body.some((p: any) => p.id === created.id));
  });

  test('a name substring finds the patient', async () => {
    const res = await search(c1Doctor, '阳明');
    assert.equal(res.status, 200);
    assert.ok(res.body.some((p: any) => p.id === created.id));
    assert.ok(res.body.every((p: any) => p.name.includes('阳明')));
  });

  test('a phone prefix finds the patient', async () => {
    const res = await search(c1Doctor, '1391234');
    assert.ok(res.body.some((p: any) => p.id === created.id));
  });

  test('LIKE wildcards in the search term are taken literally', async () => {
    const res = await search(c1Doctor, '%');
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, []);
  });

  test('GET /api/patients/:id returns the patient with the masked number', async () => {
    const res = await app.call('GET', `/api/patients/${created.id}`, { token: c1Doctor });
    assert.equal(res.status, 200);
    assert.equal(res.body.id, created.id);
    assert.equal(res.body.idNumberMasked, created.idNumberMasked);
  });
});

describe('who sees which patients', () => {
  test("doctor.c2 finds none of C1's patients, by name, number or listing", async () => {
    const all = await search(c2Doctor);
    assert.equal(all.status, 200);
    const names = all.body.map((p: any) => p.name).sort();
    assert.deepEqual(names, ['刘德明', '陈淑芬'].sort(), "only C2's own patients");
    assert.deepEqual((await search(c2Doctor, '欧阳')).body, []);
    assert.deepEqual((await search(c2Doctor, idNumber)).body, []);
    assert.deepEqual((await search(c2Doctor, '张桂兰')).body, []);
  });

  test("doctor.c2 gets a 404 for one of C1's patients by id, the same as for no patient at all", async () => {
    const res = await app.call('GET', `/api/patients/${created.id}`, { token: c2Doctor });
    assert.equal(res.status, 404);
    const none = await app.call('GET', `/api/patients/${randomUUID()}`, { token: c2Doctor });
    assert.equal(none.status, 404);
    assert.deepEqual(res.body, none.body);
  });

  test("coordinator.h1 sees C1's 张桂兰 (submitted referral to H1) but not C1's 王秀英", async () => {
    const zhang = await search(h1Coordinator, '张桂兰');
    assert.equal(zhang.status, 200);
    assert.equal(zhang.body.length, 1);
    const c1 = await owner.query<{ id: string; name: string }>(
      `SELECT p.id, p.name FROM patients p JOIN institutions i ON i.id = p.institution_id WHERE i.code = 'C1'`,
    );
    const c1Ids = new Map(c1.rows.map((r) => [r.name, r.id]));
    assert.equal(zhang.body[0].id, c1Ids.get('张桂兰'));
    const byId = await app.call('GET', `/api/patients/${c1Ids.get('张桂兰')}`, { token: h1Coordinator });
    assert.equal(byId.status, 200);

    assert.deepEqual((await search(h1Coordinator, '王秀英')).body, []);
    const wang = await app.call('GET', `/api/patients/${c1Ids.get('王秀英')}`, { token: h1Coordinator });
    assert.equal(wang.status, 404);
    const newOne = await app.call('GET', `/api/patients/${created.id}`, { token: h1Coordinator });
    assert.equal(newOne.status, 404);
  });

  test("coordinator.h1 sees H1's own 李建国 but not C1's patient of the same name", async () => {
    const res = await search(h1Coordinator, '李建国');
    assert.equal(res.body.length, 1);
    const h1 = await owner.query<{ id: string }>(
      `SELECT p.id FROM patients p JOIN institutions i ON i.id = p.institution_id WHERE i.code = 'H1'`,
    );
    assert.equal(res.body[0].id, h1.rows[0]!.id);
  });

  test('once C1 refers the new patient to H1, coordinator.h1 can see them', async () => {
    const inst = await app.call('GET', '/api/institutions', { token: c1Doctor });
    const h1Id = inst.body.institutions.find((i: any) => i.code === 'H1').id;
    const referral = await app.call('POST', '/api/referrals', {
      token: c1Doctor,
      body: {
        patientId: created.id,
        toInstitutionId: h1Id,
        type: 'outpatient',
        priority: 'routine',
        reason: '心悸待查',
        diagnosis: { code: 'R00.2', text: '心悸' },
        summary: '动态心电图基层无法完成',
      },
    });
    assert.equal(referral.status, 201);
    const res = await app.call('GET', `/api/patients/${created.id}`, { token: h1Coordinator });
    assert.equal(res.status, 200);
    assert.equal(res.body.idNumberMasked, created.idNumberMasked);
    // Still nothing for C2, which takes no part in it.
    assert.equal((await app.call('GET', `/api/patients/${created.id}`, { token: c2Doctor })).status, 404);
  });

  test('the regional administrator sees no patients at all', async () => {
    const token = await app.login('admin.region');
    const res = await search(token);
    assert.equal(res.status, 200);
    assert.deepEqual(res.body, []);
  });
});
