// Live events from PostgreSQL. Every change writes an outbox row and a pg_notify in its own
// transaction (migration 018); the notification only wakes this listener, which then reads the
// outbox. So a listener whose connection was lost (a database restart, a failover, a killed
// backend) reads on reconnect everything it missed, and each event is delivered once per process.
//
// Reading uses snapshot horizons instead of "ids after the last one": an id is taken before
// commit, so a lower id can commit after a higher one was read. Each read runs in a REPEATABLE
// READ transaction: its snapshot's xmin is the horizon below which no writer is still open, and
// the next read asks for rows written at or above it; rows read twice are dropped by id.
import pg from 'pg';
import type { Logger } from 'pino';

export interface LiveEvent {
  id: number;
  channel: string;
  payload: unknown;
}

export interface ListenHandlers {
  onEvent: (event: LiveEvent) => void;
  /** The connection came back after a loss: missed events were delivered just before this. */
  onReconnect?: () => void;
}

export interface ListenOptions {
  /** How long outbox rows are kept (pruned by every listener on a timer). */
  keepSeconds?: number;
  pruneEveryMs?: number;
}

export interface PgListener {
  close: () => Promise<void>;
}

/** Names the connection in pg_stat_activity (operators, and tests that cut it). */
export const LISTEN_APPLICATION_NAME = 'tiered-care-listen';

interface Row {
  id: string;
  tx: string;
  channel: string;
  payload: unknown;
}

export function listen(
  url: string,
  channels: string[],
  handlers: ListenHandlers,
  log: Logger,
  options: ListenOptions = {},
): PgListener {
  let client: pg.Client | null = null;
  let closed = false;
  let connectedOnce = false;
  let retryMs = 500;
  /** Rows written by transactions with an xid below this have all been read (null: not yet). */
  let horizon: bigint | null = null;
  /** Ids delivered at or above the horizon (they may be read again), with their writer's xid. */
  const delivered = new Map<number, bigint>();
  // Reads run one at a time on the one connection; a wake-up during a read asks for another.
  let reading: Promise<void> = Promise.resolve();
  let again = false;

  const read = async (c: pg.Client, deliver: boolean): Promise<void> => {
    // One round trip: the simple-query protocol runs the four statements in order. The horizon
    // is a number this code made, so it goes into the text as a literal.
    const since = horizon === null ? 'pg_snapshot_xmin(pg_current_snapshot())' : `'${horizon}'::xid8`;
    let results: pg.QueryResult[];
    try {
      results = (await c.query(
        `BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY;
         SELECT pg_snapshot_xmin(pg_current_snapshot())::text AS xmin;
         SELECT id::text, tx::text, channel, payload FROM live_events_since(${since});
         COMMIT`,
      )) as unknown as pg.QueryResult[];
    } catch (err) {
      await c.query('ROLLBACK').catch(() => undefined);
      throw err;
    }
    const snapshot = results[1]?.rows[0] as { xmin: string } | undefined;
    if (!snapshot) throw new Error('reading live events gave no snapshot');
    const xmin = BigInt(snapshot.xmin);
    for (const row of (results[2]?.rows ?? []) as Row[]) {
      const id = Number(row.id);
      if (delivered.has(id)) continue;
      delivered.set(id, BigInt(row.tx));
      if (!deliver) continue;
      try {
        handlers.onEvent({ id, channel: row.channel, payload: row.payload });
      } catch (err) {
        log.warn({ err, eventId: id }, 'delivering a live event failed');
      }
    }
    horizon = xmin;
    for (const [id, tx] of delivered) if (tx < xmin) delivered.delete(id);
  };

  const drain = (): Promise<void> => {
    if (again) return reading;
    again = true;
    reading = reading.then(async () => {
      again = false;
      const c = client;
      if (!c) return;
      await read(c, true).catch((err: unknown) => log.warn({ err }, 'reading live events failed'));
    });
    return reading;
  };

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url, application_name: LISTEN_APPLICATION_NAME });
    c.on('notification', () => void drain());
    // A lost connection (database restart) reconnects with backoff instead of going deaf.
    c.on('error', (err) => log.warn({ err }, 'notification connection error'));
    // Only an established connection reconnects when it ends; a failed attempt is retried below.
    c.on('end', () => {
      if (client !== c) return;
      client = null;
      if (closed) return;
      setTimeout(() => void reconnect(), retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
    });
    try {
      await c.connect();
      // The first time, what is already there is history, not news: note it, deliver nothing.
      // Noting it before LISTEN leaves no gap: anything committed later is above the horizon.
      if (horizon === null) await read(c, false);
      for (const ch of channels) await c.query(`LISTEN ${pg.escapeIdentifier(ch)}`);
    } catch (err) {
      // Not awaited: ending a client whose connection already broke may never settle.
      c.end().catch(() => undefined);
      throw err;
    }
    client = c;
    retryMs = 500;
    await drain();
  };

  const reconnect = async (): Promise<void> => {
    if (closed) return;
    try {
      await connect();
      if (connectedOnce) {
        log.info('notification connection restored');
        handlers.onReconnect?.();
      }
      connectedOnce = true;
    } catch (err) {
      log.warn({ err }, 'notification connection failed; retrying');
      setTimeout(() => void reconnect(), retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
    }
  };
  void reconnect();

  const keep = options.keepSeconds ?? 24 * 3600;
  const prune = setInterval(() => {
    reading = reading.then(async () => {
      await client
        ?.query('SELECT live_events_prune(make_interval(secs => $1))', [keep])
        .catch((err: unknown) => log.warn({ err }, 'pruning live events failed'));
    });
  }, options.pruneEveryMs ?? 3600_000);
  prune.unref();

  return {
    close: async () => {
      closed = true;
      clearInterval(prune);
      await client?.end().catch(() => undefined);
    },
  };
}
