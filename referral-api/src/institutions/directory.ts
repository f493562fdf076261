import { NotFound, type Actor, type Db } from '@tiered-care/platform';

export interface Department {
  id: string;
  code: string;
  name: string;
}
export interface Institution {
  id: string;
  code: string;
  name: string;
  level: number;
  address: string | null;
  phone: string | null;
  departments: Department[];
}
export interface RouteOut {
  toInstitutionId: string;
  direction: 'up' | 'down';
}

/** The consortium's institutions with departments, and where the caller's institution may refer. */
export async function listInstitutions(
  db: Db,
  actor: Actor,
): Promise<{ institutions: Institution[]; routes: RouteOut[] }> {
  const { rows } = await db.query<Institution>(
    `SELECT i.id, i.code, i.name, i.level, i.address, i.phone,
            coalesce(json_agg(json_build_object('id', d.id, 'code', d.code, 'name', d.name) ORDER BY d.code)
              FILTER (WHERE d.id IS NOT NULL), '[]') AS departments
     FROM institutions i LEFT JOIN departments d ON d.institution_id = i.id
     GROUP BY i.id ORDER BY i.level DESC, i.code`,
  );
  const routes = await db.query<RouteOut>(
    `SELECT to_institution_id AS "toInstitutionId", direction FROM referral_routes
     WHERE from_institution_id = $1 ORDER BY direction, to_institution_id`,
    [actor.institutionId],
  );
  return { institutions: rows, routes: routes.rows };
}

export interface RouteTarget {
  direction: 'up' | 'down';
  toLevel: number;
  fromLevel: number;
}

/**
 * The direction follows from the two institutions' levels and must match an allowed route;
 * a department, when given, must belong to the receiving institution.
 */
export async function resolveRoute(
  db: Db,
  fromInstitutionId: string,
  toInstitutionId: string,
  toDepartmentId: string | null,
): Promise<RouteTarget | null> {
  const { rows } = await db.query<RouteRow>(routeQuery('$1', '$2', '$3'), [
    fromInstitutionId,
    toInstitutionId,
    toDepartmentId,
  ]);
  return routeTarget(rows[0]);
}

/** What routeQuery reads. */
export interface RouteRow extends RouteTarget {
  dept_ok: boolean;
}

/** The allowed route between two institutions (placeholders or expressions), for routeTarget. */
export const routeQuery = (from: string, to: string, dept: string) =>
  `SELECT r.direction, f.level AS "fromLevel", t.level AS "toLevel",
          (${dept}::uuid IS NULL OR EXISTS (SELECT 1 FROM departments d WHERE d.id = ${dept}::uuid AND d.institution_id = t.id)) AS dept_ok
     FROM referral_routes r
     JOIN institutions f ON f.id = r.from_institution_id
     JOIN institutions t ON t.id = r.to_institution_id
     WHERE r.from_institution_id = ${from}::uuid AND r.to_institution_id = ${to}::uuid`;

/** The route, or null when none is allowed; a department of another institution is not found. */
export function routeTarget(row: RouteRow | null | undefined): RouteTarget | null {
  if (!row?.direction) return null;
  const derived = row.toLevel > row.fromLevel ? 'up' : row.toLevel < row.fromLevel ? 'down' : null;
  if (derived !== row.direction) return null;
  if (!row.dept_ok) throw NotFound('department');
  return { direction: row.direction, fromLevel: row.fromLevel, toLevel: row.toLevel };
}

export async function describeMe(db: Db, actor: Actor) {
  const { rows } = await db.query<{
    institution: { id: string; name: string; level: number } | null;
    department: { id: string; name: string } | null;
  }>(
    `SELECT (SELECT json_build_object('id', i.id, 'name', i.name, 'level', i.level) FROM institutions i WHERE i.id = $1) AS institution,
            (SELECT json_build_object('id', d.id, 'name', d.name) FROM departments d WHERE d.id = $2) AS department`,
    [actor.institutionId, actor.departmentId],
  );
  return {
    id: actor.userId,
    username: actor.username,
    displayName: actor.displayName,
    roles: actor.roles,
    consortiumId: actor.consortiumId,
    institution: rows[0]?.institution ?? null,
    department: rows[0]?.department ?? null,
    mustChangePassword: actor.mustChangePassword === true,
  };
}
