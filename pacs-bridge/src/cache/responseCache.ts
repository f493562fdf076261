// Answers that never change for a SOP Instance UID (its frames, bulk data, rendered images and
// metadata), kept in memory so a second viewer of a series, or the same viewer scrolling back,
// doesn't wait for the archive again. Bounded in bytes and least-recently-used first out; an
// entry is only ever added whole (see recorder.ts). It sits behind the access check: whoever
// reads from it has been let in by the database for this request.
import { randomBytes } from 'node:crypto';

/** A tag for a new entry: it names these bytes only (a refill, with a new boundary, gets another). */
export const newEtag = (): string => `"${randomBytes(12).toString('base64url')}"`;

export interface CachedAnswer {
  contentType: string;
  /** Strong: names these exact bytes. */
  etag: string;
  body: Buffer;
}

export interface ResponseCacheOptions {
  /** All entries together, bodies and keys (0 turns the cache off). */
  maxBytes: number;
  /** One entry's body at most (default maxBytes / 16): one huge instance can't empty the cache. */
  maxEntryBytes?: number;
}

// Map entry, key and header strings: a rough figure, so many tiny answers can't exceed the bound.
const OVERHEAD_BYTES = 256;

export class ResponseCache {
  readonly maxBytes: number;
  readonly maxEntryBytes: number;
  private readonly entries = new Map<string, CachedAnswer>();
  private readonly fills = new Map<string, Promise<void>>();
  private total = 0;

  constructor(options: ResponseCacheOptions) {
    this.maxBytes = options.maxBytes;
    this.maxEntryBytes = Math.min(
      options.maxEntryBytes ?? Math.floor(options.maxBytes / 16),
      options.maxBytes,
    );
  }

  get bytes(): number {
    return this.total;
  }

  get size(): number {
    return this.entries.size;
  }

  /** Keys from least to most recently used. */
  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** Whether `key` is kept, without counting it as used. */
  has(key: string): boolean {
    return this.entries.has(key);
  }

  get(key: string): CachedAnswer | undefined {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    // Re-inserting keeps the map in order of use: the first key is the next to go.
    this.entries.delete(key);
    this.entries.set(key, hit);
    return hit;
  }

  /** Keeps `answer` unless it is over the per-entry limit; false when not kept. */
  put(key: string, answer: CachedAnswer): boolean {
    const cost = costOf(key, answer);
    if (answer.body.length > this.maxEntryBytes || cost > this.maxBytes) return false;
    this.delete(key);
    this.entries.set(key, answer);
    this.total += cost;
    for (const [oldest, old] of this.entries) {
      if (this.total <= this.maxBytes) break;
      this.entries.delete(oldest);
      this.total -= costOf(oldest, old);
    }
    return true;
  }

  delete(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.total -= costOf(key, old);
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  /**
   * Marks an answer for `key` as on its way from the archive; the returned function says it
   * ended (kept or not). Null when one is on its way already: wait for it with `settled`.
   */
  startFill(key: string): (() => void) | null {
    if (this.fills.has(key)) return null;
    let end: () => void = () => undefined;
    const fill = new Promise<void>((done) => (end = done));
    this.fills.set(key, fill);
    // Safe to call more than once: only ever ends this fill.
    return () => {
      if (this.fills.get(key) === fill) this.fills.delete(key);
      end();
    };
  }

  /** Resolves when the fill of `key` on its way ends, or after `waitMs`, whichever is first. */
  async settled(key: string, waitMs: number): Promise<void> {
    const fill = this.fills.get(key);
    if (!fill) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([fill, new Promise<void>((done) => (timer = setTimeout(done, waitMs)))]);
    clearTimeout(timer);
  }
}

function costOf(key: string, a: CachedAnswer): number {
  return a.body.length + key.length + a.contentType.length + a.etag.length + OVERHEAD_BYTES;
}
