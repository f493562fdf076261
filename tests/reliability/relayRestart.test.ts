// The outbox relay across a restart: a named relay keeps its position in the database, so a new
// process under the same name delivers everything committed while no relay ran, each event once,
// while writers keep committing concurrently (migration 019).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  createLogger,
  listen,
  liveEvent,
  withActor,
  type Actor,
  type PgListener,
} from '@tiered-care/platform';
import { useTestApp } from '@tiered-care/testkit/harness';

const t = useTestApp();
const CHANNEL = 'referral_changed';
const log = createLogger('silent', 'relay-test');

async function until(what: string, ok: () => boolean, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

/** `count` events from `writers` concurrent transactions; returns their outbox ids. */
async function write(actor: Actor, tag: string, count: number, writers = 8): Promise<number[]> {
  const ids: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: writers }, async () => {
      for (let i = next++; i < count; i = next++) {
        ids.push(await withActor(t.services.pool, actor, (db) => liveEvent(db, CHANNEL, { probe: tag, i })));
      }
    }),
  );
  return ids;
}

test('a named relay that restarts delivers what was committed while it was away, each event once', async () => {
  const subject = await t.services.tokens.verify(await t.login('doctor.c1'));
  const actor: Actor = { ...subject, ip: null, userAgent: null };
  const heard: number[] = [];
  const relay = (): PgListener =>
    listen(t.db.appUrl, [CHANNEL], { onEvent: (e) => heard.push(e.id) }, log, {
      name: 'relay-test',
      pollMs: 100,
    });

  const first = relay();
  await sleep(300);
  const before = await write(actor, 'before', 40);
  await until('the first relay to deliver', () => before.every((id) => heard.includes(id)));
  // Writers keep going while the relay stops: some of these commit before, some after it is gone.
  const during = write(actor, 'during', 120);
  await until('some of them to be delivered', () => heard.length >= before.length + 10);
  await first.close();
  const away = [...(await during), ...(await write(actor, 'away', 40))];
  const second = relay();
  try {
    const after = await write(actor, 'after', 40);
    const all = [...before, ...away, ...after];
    await until('the new relay to deliver everything', () => all.every((id) => heard.includes(id)));
    await sleep(300);
    assert.equal(new Set(heard).size, heard.length, 'no event delivered twice');
    assert.deepEqual(
      [...heard].sort((a, b) => a - b),
      [...all].sort((a, b) => a - b),
    );
  } finally {
    await second.close();
  }
});
