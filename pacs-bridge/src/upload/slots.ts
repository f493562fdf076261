// How many uploads one user may have running at once. Kept in this process's memory: a
// PostgreSQL advisory lock would pin a pooled connection for the whole upload (hours for a CT
// series on a clinic's 2 Mbit/s link), and a lease row would need renewing and expiring. With
// several Node processes behind a balancer each process counts on its own, so a user gets up to
// this many per process; a shared count belongs with the scale-out work (see README).
import { AppError } from '@tiered-care/platform';

export const uploadBusy = (limit: number) =>
  new AppError('too_many', 'upload_busy', `at most ${limit} uploads at a time; wait for one to finish`, {
    retryAfterSeconds: 5,
  });

export class UploadSlots {
  private readonly running = new Map<string, number>();

  constructor(readonly perUser: number) {}

  /** Takes a slot for the user, or throws 429 upload_busy; the returned function gives it back once. */
  acquire(userId: string): () => void {
    const now = this.running.get(userId) ?? 0;
    if (now >= this.perUser) throw uploadBusy(this.perUser);
    this.running.set(userId, now + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const left = (this.running.get(userId) ?? 1) - 1;
      if (left > 0) this.running.set(userId, left);
      else this.running.delete(userId);
    };
  }
}

const HOUR_MS = 3_600_000;

/**
 * Bytes one user may upload per hour (a window that starts with their first upload in it), in
 * this process's memory like the slots. Counted as bytes arrive, refused uploads included: they
 * used the link and the archive all the same.
 */
export class UploadBudget {
  private readonly used = new Map<string, { since: number; bytes: number }>();

  constructor(
    readonly perHour: number | null,
    private readonly now: () => number = Date.now,
  ) {}

  private spent(userId: string): { since: number; bytes: number } {
    let entry = this.used.get(userId);
    if (!entry || this.now() - entry.since >= HOUR_MS) {
      entry = { since: this.now(), bytes: 0 };
      this.used.set(userId, entry);
    }
    return entry;
  }

  private refuse(since: number): AppError {
    const retry = Math.max(1, Math.ceil((since + HOUR_MS - this.now()) / 1000));
    return new AppError('too_many', 'upload_budget', 'the hourly upload allowance is used up', {
      retryAfterSeconds: retry,
    });
  }

  /** Throws 429 upload_budget when the user has nothing left this hour. */
  check(userId: string): void {
    if (this.perHour === null) return;
    const entry = this.spent(userId);
    if (entry.bytes >= this.perHour) throw this.refuse(entry.since);
  }

  /** Counts bytes as they arrive; throws 429 upload_budget at the first byte over. */
  spend(userId: string, bytes: number): void {
    if (this.perHour === null) return;
    const entry = this.spent(userId);
    entry.bytes += bytes;
    if (entry.bytes > this.perHour) throw this.refuse(entry.since);
  }
}
