// A token's signature is checked once and its claims kept until it expires (tokens.ts); what
// that must not change: an expired token is refused even when it was accepted before, and a
// token that differs from an accepted one in any byte is checked afresh. Ending a session still
// stops its token at once (tests/security/sessions.test.ts).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import type { TokenSubject } from '@tiered-care/platform';
import { Tokens } from './tokens';

const subject: TokenSubject = {
  userId: randomUUID(),
  username: 'doctor.c1',
  displayName: 'Doctor',
  consortiumId: randomUUID(),
  institutionId: randomUUID(),
  departmentId: null,
  roles: ['doctor'],
  sessionId: randomUUID(),
};

const refusal = { name: 'AppError', code: 'unauthenticated' };

test('a token accepted before is refused once it has expired', async () => {
  // Expiry is in whole seconds: 2 s leaves at least 1 s for the two checks before it.
  const tokens = new Tokens('a secret long enough for HS256 in this test', 2);
  const { token, expiresAt } = await tokens.issue(subject);
  assert.equal((await tokens.verify(token)).userId, subject.userId);
  assert.equal((await tokens.verify(token)).userId, subject.userId, 'accepted again from what was kept');
  await sleep(Date.parse(expiresAt) - Date.now() + 50);
  await assert.rejects(tokens.verify(token), refusal);
});

test('a token that differs from an accepted one in its signature is refused', async () => {
  const tokens = new Tokens('a secret long enough for HS256 in this test', 3600);
  const { token } = await tokens.issue(subject);
  await tokens.verify(token);
  const last = token.at(-2) === 'A' ? 'B' : 'A';
  const altered = `${token.slice(0, -2)}${last}${token.slice(-1)}`;
  await assert.rejects(tokens.verify(altered), refusal);
  const other = new Tokens('another secret, as long as the first one', 3600);
  await assert.rejects(other.verify(token), refusal, 'a token is kept per secret, not shared');
});
