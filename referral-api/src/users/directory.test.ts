import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import pg from 'pg';
import { useTestApp } from '@tiered-care/testkit/harness';

const t = useTestApp();

async function staff(query = '', username = 'doctor.c1') {
  const res = await t.call('GET', `/api/users${query}`, { token: await t.login(username) });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return res.body as any[];
}

describe('GET /api/users (staff directory for picking participants)', () => {
  test('lists the consortium’s active staff with institution and department, and nothing secret', async () => {
    const all = await staff();
    assert.equal(all.length, 11, 'every demo user');
    const zhou = all.find((u) => u.displayName === '周主任');
    assert.deepEqual(Object.keys(zhou).sort(), [
      'departmentName',
      'displayName',
      'id',
      'institutionId',
      'institutionName',
      'roles',
      'title',
    ]);
    assert.equal(zhou.title, '主任医师');
    assert.equal(zhou.institutionName, '市第一人民医院');
    assert.equal(zhou.departmentName, '心内科');
    assert.deepEqual(zhou.roles, ['specialist']);
    assert.doesNotMatch(JSON.stringify(all), /argon2|PRIVATE|PUBLIC KEY|password/i);
  });

  test('filters by name, institution and role', async () => {
    assert.deepEqual(
      (await staff(`?q=${encodeURIComponent('主任')}&role=specialist`)).map((u) => u.displayName).sort(),
      ['周主任', '王主任'].sort(),
    );
    const h1 = await staff(`?institutionId=${t.dir.inst.H1}`);
    assert.ok(h1.length >= 3);
    assert.ok(h1.every((u) => u.institutionId === t.dir.inst.H1));
    assert.deepEqual(
      (await staff(`?q=${encodeURIComponent('心内')}`)).map((u) => u.displayName).sort(),
      ['周主任', '林医生'].sort(),
      'matches the department too',
    );
    assert.deepEqual(await staff('?q=%25'), [], 'LIKE wildcards are taken literally');
    assert.deepEqual(
      (await staff(`?q=${encodeURIComponent('副主任医师')}`)).map((u) => u.displayName),
      ['王主任'],
      'matches the title (职称)',
    );
    const county = await staff(`?q=${encodeURIComponent('县人民医院')}`);
    assert.ok(
      county.length >= 2 && county.every((u) => u.institutionId === t.dir.inst.H2),
      'and the institution',
    );
    assert.deepEqual(
      (await staff(`?departmentId=${t.dir.dept['H1/CARD']}`)).map((u) => u.displayName).sort(),
      ['周主任', '林医生'].sort(),
      'by department',
    );
  });

  test('leaves out deactivated staff', async () => {
    const owner = new pg.Client({ connectionString: t.db.ownerUrl });
    await owner.connect();
    try {
      await owner.query(`UPDATE users SET active = false WHERE username = 'coordinator.c1'`);
      const names = (await staff()).map((u) => u.displayName);
      assert.ok(!names.includes('钱协调员'));
      assert.equal(names.length, 10);
    } finally {
      await owner.query(`UPDATE users SET active = true WHERE username = 'coordinator.c1'`);
      await owner.end();
    }
  });

  test('refuses an unknown role or a malformed institution id, and needs a token', async () => {
    const token = await t.login('doctor.c1');
    assert.equal((await t.call('GET', '/api/users?role=janitor', { token })).status, 400);
    assert.equal((await t.call('GET', '/api/users?institutionId=H1', { token })).status, 400);
    assert.equal((await t.call('GET', '/api/users')).status, 401);
  });
});
