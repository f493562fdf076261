// Live events from PostgreSQL: the outbox relay. Every change writes an outbox row in its own
// transaction and a wake-up NOTIFY right after its commit (liveEvent below; migrations 018 and
// 019); the notification only wakes this listener, which then reads the outbox in batches, and a
// timer reads it too in case a wake-up was lost. So a listener whose connection was lost (a
// database restart, a failover, a killed backend) reads on reconnect everything it missed, and
// each event is delivered once per process. A named relay also keeps its position in the
// database, so a new process under the same name goes on where the last one stopped.
//
// Reading uses snapshot horizons instead of "ids after the last one": an id is taken before
// commit, so a lower id can commit after a higher one was read. Each read runs in a REPEATABLE
// READ transaction: its snapshot's xmin is the horizon below which no writer is still open, and
// the next read asks for rows written at or above it; rows read twice are dropped by id.
import pg from 'pg';
import type { Logger } from 'pino';
import { notifyAfterCommit, type Db } from './tx';

/**
 * Writes a live event to the outbox in the caller's transaction and wakes the listeners after
 * it commits. The wake-up carries the payload and the event's id (for listeners that read it
 * directly); the relay below reads the outbox instead.
 */
export async function liveEvent(db: Db, channel: string, payload: object): Promise<number> {
  const { rows } = await db.query<{ id: number }>('SELECT outbox_event($1, $2::jsonb) AS id', [
    channel,
    JSON.stringify(payload),
  ]);
  const id = rows[0]?.id;
  if (id === undefined) throw new Error('outbox_event returned no id');
  notifyAfterCommit(db, channel, JSON.stringify({ ...payload, eventId: id }));
  return id;
}

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
  /** How often the outbox is read without a wake-up (a wake-up lost with its connection). */
  pollMs?: number;
  /** Keep the position under this name, so a restart delivers what it missed (one process per name). */
  name?: string;
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
    const moved = horizon === null || xmin !== horizon || delivered.size > 0;
    horizon = xmin;
    for (const [id, tx] of delivered) if (tx < xmin) delivered.delete(id);
    if (options.name && moved) {
      await c.query('SELECT live_relay_save($1, $2::xid8, $3::bigint[])', [
        options.name,
        String(xmin),
        [...delivered.keys()],
      ]);
    }
  };

  /** A named relay's saved position; its delivered ids count as at the horizon (re-read, dropped). */
  const resume = async (c: pg.Client): Promise<boolean> => {
    if (!options.name) return false;
    const { rows } = await c.query<{ horizon: string; delivered: string[] }>(
      'SELECT horizon::text, delivered::text[] FROM live_relay_load($1)',
      [options.name],
    );
    const saved = rows[0];
    if (!saved) return false;
    horizon = BigInt(saved.horizon);
    for (const id of saved.delivered) delivered.set(Number(id), horizon);
    return true;
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
      if (horizon === null && !(await resume(c))) await read(c, false);
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

  const poll = setInterval(() => void drain(), options.pollMs ?? 1000);
  poll.unref();

  return {
    close: async () => {
      closed = true;
      clearInterval(prune);
      clearInterval(poll);
      await reading;
      await client?.end().catch(() => undefined);
    },
  };
}
