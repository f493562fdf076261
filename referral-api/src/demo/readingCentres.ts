// The demo's reading centres, their readers and routes, written as the owner inside the
// directory's transaction (the app role may not write configuration).
import type pg from 'pg';
import type { Actor } from '@tiered-care/platform';
import { READING_CENTRES } from './data';

export async function seedReadingCentres(
  owner: pg.Client,
  consortiumId: string,
  ids: { inst: Map<string, string>; dept: Map<string, string> },
  actors: Map<string, Actor>,
): Promise<void> {
  for (const c of READING_CENTRES) {
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO reading_centres (consortium_id, institution_id, department_id, kinds, modalities)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [
        consortiumId,
        ids.inst.get(c.institution),
        ids.dept.get(`${c.institution}/${c.department}`),
        c.kinds,
        c.modalities,
      ],
    );
    const centreId = rows[0]?.id;
    if (!centreId) throw new Error('reading centre insert returned nothing');
    for (const [username, grade] of c.readers) {
      const reader = actors.get(username);
      if (!reader) throw new Error(`demo reader ${username} missing`);
      await owner.query('INSERT INTO reading_readers (centre_id, user_id, grade) VALUES ($1, $2, $3)', [
        centreId,
        reader.userId,
        grade,
      ]);
    }
    for (const from of c.from) {
      await owner.query('INSERT INTO reading_routes (from_institution_id, centre_id) VALUES ($1, $2)', [
        ids.inst.get(from),
        centreId,
      ]);
    }
  }
}
