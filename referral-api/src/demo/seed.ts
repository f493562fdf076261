// Loads the demo consortium into an empty database: the directory (as the owner, because the
// app role may not write it), then a few referrals through the same domain functions the API
// uses, so their history, audit rows and signatures are real.
import { identityCheckChar } from '@tiered-care/common';
import pg from 'pg';
import { hashPassword } from '../auth/passwords';
import { createConsultation } from '../consultations/create';
import { requestConsultation } from '../consultations/request';
import { newSigningKey, withActor, type Actor } from '@tiered-care/platform';
import { performAction } from '../referrals/actions';
import { createReferral } from '../referrals/create';
import type { Services } from '../services';
import { seedReadingCentres } from './readingCentres';
import {
  CONSORTIUM,
  DEMO_CONSULTATION,
  DEMO_CONSULTATION_REQUEST,
  DEMO_PASSWORD,
  INSTITUTIONS,
  PATIENTS,
  ROUTES,
  SLOT_PLAN,
  USERS,
} from './data';

export interface SeedResult {
  seeded: boolean;
}

export async function seedDemo(ownerUrl: string, services: Services): Promise<SeedResult> {
  const owner = new pg.Client({ connectionString: ownerUrl });
  await owner.connect();
  let actors: Map<string, Actor>;
  const ids = {
    inst: new Map<string, string>(),
    dept: new Map<string, string>(),
    patients: new Map<string, string>(),
  };
  try {
    await owner.query('BEGIN');
    await owner.query('LOCK TABLE consortia IN EXCLUSIVE MODE');
    const existing = await owner.query('SELECT 1 FROM consortia LIMIT 1');
    if (existing.rowCount) {
      await owner.query('ROLLBACK');
      return { seeded: false };
    }
    const q = async <T extends pg.QueryResultRow>(sql: string, params: unknown[]) =>
      (await owner.query<T>(sql, params)).rows;
    const [consortium] = await q<{ id: string }>(
      'INSERT INTO consortia (code, name) VALUES ($1, $2) RETURNING id',
      [CONSORTIUM.code, CONSORTIUM.name],
    );
    if (!consortium) throw new Error('consortium insert returned nothing');
    for (const inst of INSTITUTIONS) {
      const [row] = await q<{ id: string }>(
        'INSERT INTO institutions (consortium_id, code, name, level) VALUES ($1, $2, $3, $4) RETURNING id',
        [consortium.id, inst.code, inst.name, inst.level],
      );
      ids.inst.set(inst.code, row?.id ?? '');
      for (const [code, name] of inst.departments) {
        const [d] = await q<{ id: string }>(
          'INSERT INTO departments (institution_id, code, name) VALUES ($1, $2, $3) RETURNING id',
          [row?.id, code, name],
        );
        ids.dept.set(`${inst.code}/${code}`, d?.id ?? '');
      }
    }
    for (const [from, to, direction] of ROUTES) {
      await q('INSERT INTO referral_routes VALUES ($1, $2, $3)', [
        ids.inst.get(from),
        ids.inst.get(to),
        direction,
      ]);
    }
    actors = new Map();
    for (const u of USERS) {
      const key = newSigningKey(services.crypto);
      const institutionId = u.institution ? (ids.inst.get(u.institution) ?? null) : null;
      const departmentId = u.department ? (ids.dept.get(`${u.institution}/${u.department}`) ?? null) : null;
      const [row] = await q<{ id: string }>(
        `INSERT INTO users (username, password_hash, display_name, consortium_id, institution_id, department_id, roles,
           signing_public_key, signing_private_key_enc, title) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10) RETURNING id`,
        [
          u.username,
          await hashPassword(DEMO_PASSWORD),
          u.name,
          consortium.id,
          institutionId,
          departmentId,
          u.roles,
          key.publicKeyPem,
          key.privateKeyEnc,
          u.title ?? null,
        ],
      );
      actors.set(u.username, {
        userId: row?.id ?? '',
        username: u.username,
        displayName: u.name,
        consortiumId: consortium.id,
        institutionId,
        departmentId,
        roles: u.roles,
        ip: null,
        userAgent: 'demo-seed',
      });
    }
    await seedReadingCentres(owner, consortium.id, ids, actors);
    for (const p of PATIENTS) {
      const idNumber = p.id17 + identityCheckChar(p.id17);
      const creator = [...actors.values()].find((a) => a.institutionId === ids.inst.get(p.institution));
      const [row] = await q<{ id: string }>(
        `INSERT INTO patients (institution_id, name, gender, birth_date, id_number_enc, id_number_hash, id_number_last4, phone, created_by)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) RETURNING id`,
        [
          ids.inst.get(p.institution),
          p.name,
          p.gender,
          p.birthDate,
          services.crypto.encrypt(idNumber),
          services.crypto.lookupHash(idNumber),
          idNumber.slice(-4),
          p.phone,
          creator?.userId,
        ],
      );
      ids.patients.set(`${p.institution}/${p.name}`, row?.id ?? '');
    }
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date());
    for (let day = 1; day <= SLOT_PLAN.days; day++) {
      const date = new Date(Date.parse(`${today}T00:00:00+08:00`) + day * 86_400_000);
      const ymd = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(date);
      for (const time of SLOT_PLAN.times) {
        const start = new Date(`${ymd}T${time}:00+08:00`);
        await q(
          `INSERT INTO reserved_slots (institution_id, department_id, type, starts_at, ends_at, location, capacity)
           VALUES ($1, $2, 'outpatient', $3, $4, $5, $6)`,
          [
            ids.inst.get(SLOT_PLAN.institution),
            ids.dept.get(`${SLOT_PLAN.institution}/${SLOT_PLAN.department}`),
            start,
            new Date(start.getTime() + SLOT_PLAN.minutes * 60_000),
            SLOT_PLAN.location,
            SLOT_PLAN.capacity,
          ],
        );
      }
    }
    await owner.query('COMMIT');
  } catch (err) {
    await owner.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    await owner.end();
  }
  await seedReferrals(services, actors, ids);
  await seedConsultation(services, actors, ids);
  await seedConsultationRequest(services, actors, ids);
  return { seeded: true };
}

/** A few referrals in different states so every worklist has something to show. */
async function seedReferrals(
  services: Services,
  actors: Map<string, Actor>,
  ids: { inst: Map<string, string>; dept: Map<string, string>; patients: Map<string, string> },
): Promise<void> {
  const as = (name: string) => {
    const a = actors.get(name);
    if (!a) throw new Error(`demo user ${name} missing`);
    return a;
  };
  const h1 = ids.inst.get('H1') ?? '';
  const card = ids.dept.get('H1/CARD') ?? '';
  const run = <T>(actor: Actor, fn: (db: pg.PoolClient) => Promise<T>) => withActor(services.pool, actor, fn);

  await run(as('doctor.c1'), (db) =>
    createReferral(
      db,
      services.crypto,
      as('doctor.c1'),
      {
        patientId: ids.patients.get('C1/张桂兰') ?? '',
        toInstitutionId: h1,
        toDepartmentId: card,
        type: 'inpatient',
        priority: 'urgent',
        reason: '反复胸闷胸痛1周，加重2天，基层无法完成冠脉评估',
        diagnosis: { code: 'I20.0', text: '不稳定型心绞痛' },
        summary:
          '患者女，70岁。高血压病史10年。心电图示V4-V6导联ST段压低0.1mV。肌钙蛋白阴性。已予阿司匹林、硝酸甘油。',
      },
      null,
    ),
  );
  const down = await run(as('specialist.h1'), (db) =>
    createReferral(
      db,
      services.crypto,
      as('specialist.h1'),
      {
        patientId: ids.patients.get('H1/李建国') ?? '',
        toInstitutionId: ids.inst.get('C1') ?? '',
        type: 'outpatient',
        priority: 'routine',
        reason: 'PCI术后病情稳定，转回基层继续康复及随访',
        diagnosis: { code: 'I25.1', text: '冠状动脉粥样硬化性心脏病' },
        summary:
          '冠脉支架植入术后第7天，无胸痛。出院带药：阿司匹林、氯吡格雷、阿托伐他汀。建议每月随访血脂、肝功能。',
      },
      null,
    ),
  );
  await run(as('doctor.c1'), (db) =>
    performAction(db, services.crypto, as('doctor.c1'), down.referral.id, 'accept', {
      version: down.referral.version,
      note: '已安排家庭医生随访',
    }),
  );
}

/** A consultation about the demo referral's patient later today; pacs-bridge shares images to it. */
async function seedConsultation(
  services: Services,
  actors: Map<string, Actor>,
  ids: { patients: Map<string, string> },
): Promise<void> {
  const actor = (name: string) => {
    const a = actors.get(name);
    if (!a) throw new Error(`demo user ${name} missing`);
    return a;
  };
  const host = actor(DEMO_CONSULTATION.host);
  // The next half hour, still today in China; just before midnight, now.
  const shanghaiDay = (d: Date) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
  const now = new Date();
  const next = new Date(Math.ceil(now.getTime() / 1_800_000) * 1_800_000);
  const scheduledAt = shanghaiDay(next) === shanghaiDay(now) ? next : now;
  await withActor(services.pool, host, (db) =>
    createConsultation(db, host, {
      title: DEMO_CONSULTATION.title,
      scheduledAt: scheduledAt.toISOString(),
      durationMinutes: DEMO_CONSULTATION.durationMinutes,
      participantUserIds: DEMO_CONSULTATION.participants.map((p) => actor(p).userId),
      patientId: ids.patients.get(DEMO_CONSULTATION.patient) ?? '',
    }),
  );
}

async function seedConsultationRequest(
  services: Services,
  actors: Map<string, Actor>,
  ids: { patients: Map<string, string>; inst: Map<string, string>; dept: Map<string, string> },
): Promise<void> {
  const r = DEMO_CONSULTATION_REQUEST;
  const actor = actors.get(r.requester);
  const to = ids.inst.get(r.to);
  const department = ids.dept.get(`${r.to}/${r.department}`);
  const patientId = ids.patients.get(r.patient);
  if (!actor || !to || !department || !patientId)
    throw new Error('demo consultation request: directory missing');
  await withActor(services.pool, actor, (db) =>
    requestConsultation(db, services.crypto, actor, {
      mode: 'request',
      toInstitutionId: to,
      toDepartmentId: department,
      priority: r.priority,
      question: r.question,
      patientId,
    }),
  );
}
