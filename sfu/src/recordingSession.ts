// The .mjr files of one recording of a room. Janus names them `<filename>-<audio|video>-<mindex>.mjr`
// in the room's rec_dir; every publisher (and every re-publish, e.g. after a Janus restart) gets a
// fresh base name, so nothing is overwritten and all of them are found again at the end.
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_');

export class RecordingSession {
  private readonly bases = new Set<string>();

  constructor(
    readonly dir: string,
    private readonly consultId: string,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /** `filename` for a publisher's configure/join: `<consult>-<feed>-<start ms>`. */
  newBase(feedId: string): string {
    const base = `${safe(this.consultId)}-${safe(feedId)}-${Date.now()}`;
    this.bases.add(base);
    return base;
  }

  files(): string[] {
    const bases = [...this.bases];
    return readdirSync(this.dir)
      .filter((f) => f.endsWith('.mjr') && bases.some((b) => f.startsWith(`${b}-`)))
      .map((f) => join(this.dir, f));
  }
}
