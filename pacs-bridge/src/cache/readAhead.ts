// Series read-ahead. A viewer that opens a series asks for every frame of it, six at a time, and
// through the bridge each of those waits for two hops in turn. So when a frame of a series is not
// in the response cache, the bridge, after the access check has let this caller in, also asks the
// archive for frame 1 of the series' other instances itself, a few at a time, into the cache,
// where the viewer's next requests find them (or wait for the one on its way; nothing is asked
// twice). Bounded: at most `maxFrames` instances a series, `inFlight` requests each, `maxSeries`
// series at once, and no more than a quarter of the cache a series. The price: a viewer that
// looks at one slice only costs the archive the rest of the series once. Every answer from the
// cache still passes the access check of whoever asks for it.
import type { ResponseCache } from './responseCache';

export interface ReadAheadItem {
  /** The response cache key the viewer's own request for it would have. */
  key: string;
  /** Below the archive's DICOMweb root. */
  path: string;
}

/** Reads one item from the archive into the cache; the bytes kept (0: not kept). */
export type ReadOne = (item: ReadAheadItem) => Promise<number>;

export interface ReadAheadOptions {
  maxFrames: number;
  inFlight?: number;
  maxSeries?: number;
  /** Told when reading an item failed (the viewer's own request asks again and reports it). */
  onError?: (err: unknown) => void;
}

export class SeriesReadAhead {
  private readonly running = new Set<string>();
  private readonly inFlight: number;
  private readonly maxSeries: number;

  constructor(private readonly options: ReadAheadOptions) {
    this.inFlight = options.inFlight ?? 4;
    this.maxSeries = options.maxSeries ?? 2;
  }

  /** Whether a read of `series` is on its way. */
  reading(series: string): boolean {
    return this.running.has(series);
  }

  /**
   * Starts reading `items` (in order, the first `maxFrames`) into `cache` unless the series is
   * being read already or too many are; returns the finished promise, or null when not started.
   */
  start(series: string, cache: ResponseCache, items: ReadAheadItem[], read: ReadOne): Promise<void> | null {
    if (this.options.maxFrames <= 0 || cache.maxBytes === 0) return null;
    if (this.running.has(series) || this.running.size >= this.maxSeries) return null;
    this.running.add(series);
    return this.run(cache, items.slice(0, this.options.maxFrames), read).finally(() =>
      this.running.delete(series),
    );
  }

  private async run(cache: ResponseCache, items: ReadAheadItem[], read: ReadOne): Promise<void> {
    const budget = cache.maxBytes / 4;
    let bytes = 0;
    let next = 0;
    const worker = async () => {
      for (let item = items[next++]; item && bytes < budget; item = items[next++]) {
        if (cache.has(item.key)) continue;
        // Null: the viewer's own request (or another reader) is fetching it already.
        const endFill = cache.startFill(item.key);
        if (!endFill) continue;
        try {
          // Not `bytes += await …`: that would add to the total as it was before the wait.
          const kept = await read(item);
          bytes += kept;
        } catch (err) {
          this.options.onError?.(err);
        } finally {
          endFill();
        }
      }
    };
    await Promise.all(Array.from({ length: this.inFlight }, worker));
  }
}
