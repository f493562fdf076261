// How many uploads one user may have running at once. Kept in this process's memory: a
// PostgreSQL advisory lock would pin a pooled connection for the whole upload (hours for a CT
// series on a clinic's 2 Mbit/s link), and a lease row would need renewing and expiring. With
// several Node processes behind a balancer each process counts on its own, so a user gets up to
// this many per process; a shared count belongs with the scale-out work (see README).
import { AppError } from '../platform';

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
