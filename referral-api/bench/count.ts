// Counts the SQL statements a pool's clients send (BEGIN, set_config and COMMIT included), so
// the report can show how many round trips one operation costs on each path. A counter bump
// per query is far below the resolution of anything measured here.
import type pg from 'pg';

export function countStatements(pool: pg.Pool): () => number {
  let n = 0;
  // Only clients connected after this call are counted: attach before the pool's first use.
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    Object.assign(client, {
      query: (...args: unknown[]) => {
        n++;
        return query(...args);
      },
    });
  });
  return () => n;
}
