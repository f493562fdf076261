// A viewer opening a series asks for its metadata and then every frame: hundreds of requests in
// a few seconds. One audit row per user, study, series and kind of retrieval per window keeps
// the trail readable and the hot path cheap, while every call still falls inside a window that
// a row attributes to its user (each request is also logged at debug level).

export class AuditBursts {
  private readonly opened = new Map<string, number>();

  constructor(
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 50_000,
  ) {}

  /** True when `key` starts a new window: the caller writes an audit row. */
  open(key: string): boolean {
    const t = this.now();
    const last = this.opened.get(key);
    if (last !== undefined && t - last < this.windowMs) return false;
    // Re-inserting keeps the map in opening order, so the oldest windows are dropped first.
    this.opened.delete(key);
    this.opened.set(key, t);
    if (this.opened.size > this.maxKeys) {
      const oldest = this.opened.keys().next().value;
      if (oldest !== undefined) this.opened.delete(oldest);
    }
    return true;
  }

  /** The row for a window that `open` started was not written (the request failed). */
  forget(key: string): void {
    this.opened.delete(key);
  }
}
