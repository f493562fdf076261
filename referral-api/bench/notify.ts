// Notifications per second, sustained, none lost: writers commit one live event per transaction
// (BEGIN and the request context, the outbox row, COMMIT with its wake-up: what every change adds)
// for a fixed time, and one outbox relay (platform's listen(), the one signaling runs) delivers
// them. The same run with the notification sent inside the transaction (migration 018's
// live_event) shows the ceiling that pg_notify puts on commits.
import { createLogger, createPool, listen, liveEvent, withActor, type Actor } from '@tiered-care/platform';

export type NotifyMode =
  'outbox relay' | 'pg_notify in the transaction' | 'outbox relay, backlog after a restart';

export interface NotifyResult {
  mode: NotifyMode;
  writers: number;
  written: number;
  delivered: number;
  /** From the first write to the last delivery. */
  seconds: number;
  perSec: number;
  lost: number;
  duplicates: number;
}

const CHANNEL = 'bench_changed';

async function writeEvents(
  appUrl: string,
  actor: Actor,
  mode: NotifyMode,
  o: { writers: number; seconds?: number; count?: number },
): Promise<number[]> {
  const pool = createPool(appUrl, o.writers);
  const written: number[] = [];
  const end = Date.now() + (o.seconds ?? 3600) * 1000;
  const payload = { referralId: '00000000-0000-0000-0000-000000000000', action: 'bench' };
  let n = 0;
  try {
    await Promise.all(
      Array.from({ length: o.writers }, async (_, w) => {
        for (let i = 0; Date.now() < end && n++ < (o.count ?? Infinity); i++) {
          const id = await withActor(pool, actor, async (db) => {
            if (mode !== 'pg_notify in the transaction') return liveEvent(db, CHANNEL, { ...payload, w, i });
            const { rows } = await db.query<{ id: number }>('SELECT live_event($1, $2::jsonb) AS id', [
              CHANNEL,
              JSON.stringify({ ...payload, w, i }),
            ]);
            return rows[0]?.id ?? -1;
          });
          written.push(id);
        }
      }),
    );
    return written;
  } finally {
    await pool.end();
  }
}

/**
 * Sustained: writers for `seconds` while the relay delivers. Backlog (`backlog` events): written
 * while the named relay is stopped, then timed from its restart to the last delivery, which is
 * what the relay alone can deliver when writers are not the limit.
 */
export async function notificationThroughput(
  appUrl: string,
  actor: Actor,
  mode: NotifyMode,
  o: { seconds: number; writers: number; backlog: number },
): Promise<NotifyResult> {
  const heard = new Map<number, number>();
  let lastHeard = 0n;
  const backlog = mode === 'outbox relay, backlog after a restart';
  const relay = () =>
    listen(
      appUrl,
      [CHANNEL],
      {
        onEvent: (e) => {
          heard.set(e.id, (heard.get(e.id) ?? 0) + 1);
          lastHeard = process.hrtime.bigint();
        },
      },
      createLogger('silent', 'bench-relay'),
      backlog ? { name: 'bench-relay' } : {},
    );
  let running = relay();
  let written: number[] = [];
  let started = 0n;
  try {
    // The relay notes where it starts before anything is written.
    await new Promise((r) => setTimeout(r, 500));
    if (backlog) {
      await running.close();
      written = await writeEvents(appUrl, actor, mode, { writers: o.writers, count: o.backlog });
      started = process.hrtime.bigint();
      running = relay();
    } else {
      started = process.hrtime.bigint();
      written = await writeEvents(appUrl, actor, mode, { writers: o.writers, seconds: o.seconds });
    }
    const deadline = Date.now() + 60_000;
    while (written.some((id) => !heard.has(id)) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const seconds = Number(lastHeard - started) / 1e9;
    const delivered = written.filter((id) => heard.has(id)).length;
    return {
      mode,
      writers: o.writers,
      written: written.length,
      delivered,
      seconds,
      perSec: delivered / seconds,
      lost: written.length - delivered,
      duplicates: [...heard.values()].filter((n) => n > 1).length,
    };
  } finally {
    await running.close();
  }
}

export function notifyTable(rows: NotifyResult[]): string {
  return [
    '| Notifications (one per transaction) | writers | written | delivered | delivered/s | lost | delivered twice |',
    '|---|--:|--:|--:|--:|--:|--:|',
    ...rows.map(
      (r) =>
        `| ${r.mode} | ${r.writers} | ${r.written} | ${r.delivered} | ${r.perSec.toFixed(0)} | ${r.lost} | ${r.duplicates} |`,
    ),
  ].join('\n');
}
