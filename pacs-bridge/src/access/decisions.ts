// A granted study stays granted to the same user for a few seconds: a viewer loading a series
// sends hundreds of frame requests, and asking the database for each one doubled the time to
// load a CT series in the benchmark. The first request of every audit window still goes to the
// database (and writes the row), and a decision never outlives `ttlMs`, so withdrawing access
// (a referral leaving the caller's view) takes effect within that time.
import type { StudySource } from '../pacs/endpoints';

export class AccessDecisions {
  private readonly granted = new Map<string, { source: StudySource; until: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
    private readonly maxKeys = 20_000,
  ) {}

  get(key: string): StudySource | undefined {
    const hit = this.granted.get(key);
    if (!hit) return undefined;
    if (hit.until > this.now()) return hit.source;
    this.granted.delete(key);
    return undefined;
  }

  set(key: string, source: StudySource): void {
    if (this.ttlMs <= 0) return;
    this.granted.delete(key);
    this.granted.set(key, { source, until: this.now() + this.ttlMs });
    if (this.granted.size > this.maxKeys) {
      const oldest = this.granted.keys().next().value;
      if (oldest !== undefined) this.granted.delete(oldest);
    }
  }
}
