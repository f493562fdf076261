// Tee for filling the cache while the body streams to the viewer: every chunk passes on at once,
// and a copy is kept only while the total stays within the entry limit (past it, the copy is
// dropped and the rest just passes), so a fill never holds more than one entry's worth. The
// copy is worth keeping only when the body ended and the response finished: a viewer that went
// away or an archive that broke off leaves nothing behind.
import { Transform, type TransformCallback } from 'node:stream';

export class Recorder extends Transform {
  private chunks: Buffer[] = [];
  private length = 0;
  private over = false;
  private complete = false;

  constructor(private readonly limit: number) {
    super();
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    if (!this.over) {
      this.length += chunk.length;
      if (this.length > this.limit) {
        this.over = true;
        this.chunks = [];
      } else this.chunks.push(chunk);
    }
    done(null, chunk);
  }

  override _flush(done: TransformCallback): void {
    this.complete = true;
    done();
  }

  /** The whole body as it passed, or null when it went over the limit or did not end. */
  recorded(): Buffer | null {
    return this.over || !this.complete ? null : Buffer.concat(this.chunks, this.length);
  }
}
