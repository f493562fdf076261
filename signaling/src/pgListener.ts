// Listens to PostgreSQL notifications. pg_notify is sent inside the same transaction as the
// change and delivered only on commit, to every process listening: so each Node process behind
// a load balancer hears every change, and nobody hears of one that was rolled back.
import pg from 'pg';
import type { Logger } from 'pino';

export interface PgListener {
  close: () => Promise<void>;
}

export function listen(
  url: string,
  channels: string[],
  onMessage: (channel: string, payload: unknown) => void,
  log: Logger,
): PgListener {
  let client: pg.Client | null = null;
  let closed = false;
  let retryMs = 500;

  const connect = async (): Promise<void> => {
    const c = new pg.Client({ connectionString: url });
    c.on('notification', (msg) => {
      if (!msg.payload) return;
      try {
        onMessage(msg.channel, JSON.parse(msg.payload));
      } catch (err) {
        log.warn({ err, channel: msg.channel }, 'unreadable notification');
      }
    });
    // A lost connection (database restart) reconnects with backoff instead of going deaf.
    c.on('error', (err) => log.warn({ err }, 'notification connection error'));
    c.on('end', () => {
      if (closed) return;
      client = null;
      setTimeout(() => void reconnect(), retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
    });
    await c.connect();
    for (const ch of channels) await c.query(`LISTEN ${pg.escapeIdentifier(ch)}`);
    client = c;
    retryMs = 500;
  };
  const reconnect = async (): Promise<void> => {
    if (closed) return;
    try {
      await connect();
      log.info('notification connection restored');
    } catch (err) {
      log.warn({ err }, 'notification connection failed; retrying');
      setTimeout(() => void reconnect(), retryMs);
      retryMs = Math.min(retryMs * 2, 10_000);
    }
  };
  void reconnect();

  return {
    close: async () => {
      closed = true;
      await client?.end().catch(() => undefined);
    },
  };
}
