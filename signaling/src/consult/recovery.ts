// Recordings that outlive their process. This process holds the recordings it records or
// post-processes under a lease it renews (migration 018 explains why a lease). At start-up and
// then on a timer it claims recordings whose lease ran out (their process crashed or was killed)
// and finishes them from the .mjr files Janus left: post-processed into a playable file, or
// marked failed with the reason when nothing usable is there. At shutdown it releases its leases
// so the next start finishes what could not be finished in time.
import { randomUUID } from 'node:crypto';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { postProcess } from '@tiered-care/sfu';
import type pg from 'pg';
import type { Logger } from 'pino';

/** `<dir>/<consultationId>/<recordingId>/`: `mjr/` from Janus, `files/` after post-processing. */
export function recordingFolder(recordingsDir: string, consultationId: string, recordingId: string) {
  const root = join(recordingsDir, consultationId, recordingId);
  return { mjr: join(root, 'mjr'), files: join(root, 'files') };
}

export interface RecoveryOptions {
  /** How long a lease lasts without renewal; renewed every third of it. */
  leaseSeconds?: number;
  /** How often orphaned recordings are looked for after the start-up sweep. */
  sweepEveryMs?: number;
}

export interface SweepResult {
  ready: string[];
  failed: string[];
}

export class RecordingRecovery {
  /** This process, as the owner of the recordings it runs. */
  readonly owner = randomUUID();
  readonly leaseSeconds: number;
  private readonly sweepEveryMs: number;
  private timers: NodeJS.Timeout[] = [];
  private sweeping: Promise<SweepResult> | null = null;
  /** Claimed recordings whose outcome could not be stored yet (the database away). */
  private readonly unfinished = new Map<string, string>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly recordingsDir: string,
    private readonly log: Logger,
    options: RecoveryOptions = {},
  ) {
    this.leaseSeconds = options.leaseSeconds ?? 60;
    this.sweepEveryMs = options.sweepEveryMs ?? 30_000;
  }

  /** Sweeps now (start-up), then keeps the leases alive and sweeps again on a timer. */
  start(): void {
    const renew = setInterval(
      () => {
        this.pool
          .query('SELECT recordings_renew_lease($1, $2)', [this.owner, this.leaseSeconds])
          .catch((err: unknown) => this.log.warn({ err }, 'renewing recording leases failed'));
      },
      (this.leaseSeconds * 1000) / 3,
    );
    const sweep = setInterval(() => void this.sweep().catch(() => undefined), this.sweepEveryMs);
    for (const timer of [renew, sweep]) timer.unref();
    this.timers = [renew, sweep];
    void this.sweep().catch(() => undefined);
  }

  /** Finishes every recording no live process owns; one sweep at a time. */
  sweep(): Promise<SweepResult> {
    this.sweeping ??= this.claimAndFinish().finally(() => {
      this.sweeping = null;
    });
    return this.sweeping;
  }

  /** Stops the timers and hands what this process still owns to the next start. */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.pool
      .query('SELECT recordings_release($1)', [this.owner])
      .catch((err: unknown) => this.log.warn({ err }, 'releasing recording leases failed'));
  }

  private async claimAndFinish(): Promise<SweepResult> {
    const result: SweepResult = { ready: [], failed: [] };
    let claimed: { id: string; consultation_id: string }[];
    try {
      ({ rows: claimed } = await this.pool.query<{ id: string; consultation_id: string }>(
        'SELECT id, consultation_id FROM recordings_claim_orphans($1, $2)',
        [this.owner, this.leaseSeconds],
      ));
    } catch (err) {
      this.log.warn({ err }, 'looking for orphaned recordings failed');
      return result;
    }
    for (const row of claimed) this.unfinished.set(row.id, row.consultation_id);
    for (const [id, consultationId] of [...this.unfinished]) {
      try {
        result[await this.finish(id, consultationId)].push(id);
        this.unfinished.delete(id);
      } catch (err) {
        // Still ours (the lease is renewed): the next sweep tries again.
        this.log.warn({ err, recordingId: id }, 'recording the outcome of an orphaned recording failed');
      }
    }
    return result;
  }

  private async finish(recordingId: string, consultationId: string): Promise<'ready' | 'failed'> {
    const log = this.log.child({ recordingId, consultationId });
    const folder = recordingFolder(this.recordingsDir, consultationId, recordingId);
    const mjr = existsSync(folder.mjr)
      ? readdirSync(folder.mjr)
          .filter((f) => f.endsWith('.mjr'))
          .map((f) => join(folder.mjr, f))
      : [];
    let outcome: {
      status: 'ready' | 'failed';
      file: string | null;
      seconds: number | null;
      reason: string | null;
    };
    if (mjr.length === 0) {
      outcome = {
        status: 'failed',
        file: null,
        seconds: null,
        reason: 'no media files were left by the crash',
      };
    } else {
      try {
        const results = await postProcess(mjr, folder.files);
        const seconds = Math.round(Math.max(0, ...results.map((r) => r.durationSeconds)));
        outcome = results.length
          ? { status: 'ready', file: folder.files, seconds, reason: null }
          : { status: 'failed', file: null, seconds: null, reason: 'post-processing produced no file' };
      } catch (err) {
        log.warn({ err }, 'post-processing an orphaned recording failed');
        outcome = {
          status: 'failed',
          file: null,
          seconds: null,
          reason: 'the media files could not be processed',
        };
      }
    }
    await this.pool.query('SELECT recordings_recovered($1, $2, $3, $4, $5, $6)', [
      recordingId,
      this.owner,
      outcome.status,
      outcome.file,
      outcome.seconds,
      outcome.reason,
    ]);
    log.info({ status: outcome.status, reason: outcome.reason }, 'orphaned recording finished');
    return outcome.status;
  }
}
