// The staff directory for picking consultation participants (by name, institution, department
// or title): active users of the caller's consortium (row-level security on users decides which consortium). Only what a picker needs:
// no username, no keys, nothing from the credential columns.
import type { Role, StaffQuery } from '@tiered-care/common';
import type { Db } from '@tiered-care/platform';
import { containsPattern } from '../db/like';

export interface StaffMember {
  id: string;
  displayName: string;
  /** 职称 (主任医师, 主治医师…), when recorded. */
  title: string | null;
  institutionId: string | null;
  institutionName: string | null;
  departmentName: string | null;
  roles: Role[];
}

export async function listStaff(db: Db, q: StaffQuery): Promise<StaffMember[]> {
  const { rows } = await db.query<StaffMember>(
    `SELECT u.id, u.display_name AS "displayName", u.title, u.institution_id AS "institutionId",
            i.name AS "institutionName", d.name AS "departmentName", u.roles
     FROM users u
     LEFT JOIN institutions i ON i.id = u.institution_id
     LEFT JOIN departments d ON d.id = u.department_id
     WHERE u.active
       AND ($1::text IS NULL OR u.display_name ILIKE $1 OR d.name ILIKE $1 OR i.name ILIKE $1
            OR u.title ILIKE $1)
       AND ($2::uuid IS NULL OR u.institution_id = $2)
       AND ($3::text IS NULL OR $3 = ANY (u.roles))
       AND ($5::uuid IS NULL OR u.department_id = $5)
     ORDER BY i.level DESC NULLS LAST, i.name, d.name NULLS FIRST, u.display_name, u.id
     LIMIT $4`,
    [
      q.q ? containsPattern(q.q) : null,
      q.institutionId ?? null,
      q.role ?? null,
      q.limit,
      q.departmentId ?? null,
    ],
  );
  return rows;
}
