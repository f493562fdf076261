// Counts the SQL statements a pool's clients send (BEGIN, set_config and COMMIT included), so
// the report can show how many round trips one operation costs on each path. Statements sent
// inside a transaction (from BEGIN to COMMIT or ROLLBACK) are the operation's and are compared
// between the paths; the others (the token's session check, a cached read once a second) belong
// to the HTTP layer and are counted apart. A counter bump per query is far below the resolution
// of anything measured here.
import type pg from 'pg';

export interface StatementCount {
  inTx: number;
  outside: number;
}

const textOf = (arg: unknown): string =>
  typeof arg === 'string'
    ? arg
    : typeof arg === 'object' && arg !== null && 'text' in arg
      ? String(arg.text)
      : '';

export function countStatements(pool: pg.Pool): () => StatementCount {
  const n: StatementCount = { inTx: 0, outside: 0 };
  // Only clients connected after this call are counted: attach before the pool's first use.
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    let open = false;
    Object.assign(client, {
      query: (...args: unknown[]) => {
        const text = textOf(args[0]).trimStart().toUpperCase();
        if (text.startsWith('BEGIN')) open = true;
        if (open) n.inTx++;
        else n.outside++;
        if (text.startsWith('COMMIT') || text.startsWith('ROLLBACK')) open = false;
        return query(...args);
      },
    });
  });
  return () => ({ ...n });
}
