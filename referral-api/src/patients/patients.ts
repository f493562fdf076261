import { isValidIdentityNumber, type CreatePatientBody, type PatientQuery } from '@tiered-care/common';
import {
  audit,
  auditList,
  Conflict,
  Forbidden,
  NotFound,
  type Actor,
  type DataCrypto,
  type Db,
} from '@tiered-care/platform';
import { containsPattern } from '../db/like';

export interface Patient {
  id: string;
  institutionId: string;
  name: string;
  gender: string;
  birthDate: string;
  /** Only the last four characters are ever sent; the full number stays encrypted. */
  idNumberMasked: string;
  phone: string | null;
  address: string | null;
  createdAt: Date;
}

const COLUMNS = `p.id, p.institution_id AS "institutionId", p.name, p.gender,
  to_char(p.birth_date, 'YYYY-MM-DD') AS "birthDate", '**************' || p.id_number_last4 AS "idNumberMasked",
  p.phone, p.address, p.created_at AS "createdAt"`;

export async function createPatient(
  db: Db,
  crypto: DataCrypto,
  actor: Actor,
  body: CreatePatientBody,
): Promise<Patient> {
  if (!actor.institutionId)
    throw Forbidden('institution_required', 'only institution staff register patients');
  const hash = crypto.lookupHash(body.idNumber);
  // While a key rotation is pending, a stored hash may still be under the previous key.
  const existing = await db.query<{ id: string }>(
    'SELECT id FROM patients WHERE institution_id = $1 AND id_number_hash = ANY($2)',
    [actor.institutionId, crypto.lookupHashes(body.idNumber)],
  );
  if (existing.rows[0]) {
    throw Conflict('patient_exists', 'this patient is already registered here', {
      patientId: existing.rows[0].id,
    });
  }
  const { rows } = await db.query<Patient>(
    `INSERT INTO patients AS p (institution_id, name, gender, birth_date, id_number_enc, id_number_hash,
       id_number_last4, phone, address, created_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING ${COLUMNS}`,
    [
      actor.institutionId,
      body.name,
      body.gender,
      body.birthDate,
      crypto.encrypt(body.idNumber),
      hash,
      body.idNumber.slice(-4),
      body.phone ?? null,
      body.address ?? null,
      actor.userId,
    ],
  );
  const patient = rows[0] as Patient;
  await audit(db, actor, {
    action: 'patient.create',
    entityType: 'patient',
    entityId: patient.id,
    patientId: patient.id,
  });
  return patient;
}

/**
 * The caller's own patients plus those of referrals their institution takes part in: the
 * query has no institution filter at all, row-level security decides.
 */
export async function searchPatients(
  db: Db,
  crypto: DataCrypto,
  actor: Actor,
  q: PatientQuery,
): Promise<Patient[]> {
  const term = q.q ?? '';
  const idNumber = term.toUpperCase();
  let where = 'TRUE';
  const params: unknown[] = [];
  if (isValidIdentityNumber(idNumber)) {
    params.push(crypto.lookupHashes(idNumber));
    where = `p.id_number_hash = ANY($1)`;
  } else if (/^[0-9+\- ]{3,}$/.test(term)) {
    params.push(`${term}%`);
    where = `p.phone LIKE $1`;
  } else if (term) {
    params.push(containsPattern(term));
    where = `p.name ILIKE $1`;
  }
  params.push(q.limit);
  const { rows } = await db.query<Patient>(
    `SELECT ${COLUMNS} FROM patients p WHERE ${where} ORDER BY p.created_at DESC, p.id LIMIT $${params.length}`,
    params,
  );
  await auditList(
    db,
    actor,
    'patient.search',
    'patient',
    rows.map((r) => r.id),
    { q: term ? 'given' : 'none' },
  );
  return rows;
}

export async function getPatient(db: Db, actor: Actor, id: string): Promise<Patient> {
  const { rows } = await db.query<Patient>(`SELECT ${COLUMNS} FROM patients p WHERE p.id = $1`, [id]);
  const patient = rows[0];
  if (!patient) throw NotFound('patient');
  await audit(db, actor, { action: 'patient.read', entityType: 'patient', entityId: id, patientId: id });
  return patient;
}
