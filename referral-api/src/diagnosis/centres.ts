// GET /api/reading-centres: where the caller's institution may send an ECG or a study (its
// reading routes decide); administrators see every centre of the consortium.
import type { ReadingCentreList, ReadingCentreQuery } from '@tiered-care/common';
import { hasRole, type Actor, type Db } from '@tiered-care/platform';

export async function listReadingCentres(
  db: Db,
  actor: Actor,
  q: ReadingCentreQuery,
): Promise<ReadingCentreList> {
  const all = hasRole(actor, 'regional_admin', 'institution_admin');
  const { rows } = await db.query<ReadingCentreList['items'][number]>(
    `SELECT json_build_object('id', i.id, 'name', i.name) AS institution,
       json_build_object('id', dp.id, 'name', dp.name) AS department, c.kinds, c.modalities
     FROM reading_centres c
     JOIN institutions i ON i.id = c.institution_id
     JOIN departments dp ON dp.id = c.department_id
     WHERE c.active AND ($1::text IS NULL OR $1 = ANY (c.kinds))
       AND ($2 OR EXISTS (SELECT 1 FROM reading_routes r WHERE r.centre_id = c.id AND r.from_institution_id = $3))
     ORDER BY i.code, dp.code`,
    [q.kind ?? null, all, actor.institutionId],
  );
  return { items: rows };
}
