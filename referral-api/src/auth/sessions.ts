// Sign-in sessions (migration 013). A token names its session; every request checks that the
// session is still open and its user active. The answer is cached per process for a few
// seconds, so a revocation anywhere takes effect everywhere within that time (well under the
// 60 s the product promises), and a revocation here takes effect here at once.
import type pg from 'pg';

export class Sessions {
  private readonly cache = new Map<string, { ok: boolean; at: number }>();

  constructor(
    private readonly pool: pg.Pool,
    readonly cacheMs = 20_000,
  ) {}

  async open(userId: string): Promise<string> {
    const { rows } = await this.pool.query<{ id: string | null }>('SELECT auth_session_open($1) AS id', [
      userId,
    ]);
    const id = rows[0]?.id;
    if (!id) throw new Error('no session for an inactive or unknown user');
    return id;
  }

  async valid(sessionId: string, userId: string): Promise<boolean> {
    const hit = this.cache.get(sessionId);
    if (hit && Date.now() - hit.at < this.cacheMs) return hit.ok;
    const { rows } = await this.pool.query<{ ok: boolean }>('SELECT auth_session_valid($1, $2) AS ok', [
      sessionId,
      userId,
    ]);
    const ok = rows[0]?.ok ?? false;
    this.cache.set(sessionId, { ok, at: Date.now() });
    // Bounded: expired entries go when the cache grows.
    if (this.cache.size > 10_000) {
      for (const [k, v] of this.cache) if (Date.now() - v.at >= this.cacheMs) this.cache.delete(k);
    }
    return ok;
  }

  async revoke(sessionId: string, userId: string, reason: string): Promise<void> {
    await this.pool.query('SELECT auth_session_revoke($1, $2, $3)', [sessionId, userId, reason]);
    this.cache.set(sessionId, { ok: false, at: Date.now() });
  }
}
