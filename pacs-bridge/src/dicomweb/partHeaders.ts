// Each part of a WADO-RS multipart answer carries a Content-Location naming the PACS. This
// transform rewrites those header lines to the bridge while the part bodies (the frames) pass
// through untouched and unbuffered: it reads each part's headers, then forwards exactly
// Content-Length body bytes. A part without Content-Length can't be delimited without scanning
// frame bytes, so from there on the stream passes through unchanged. The same scan serves a body
// held whole (rewritePartHeaders): a frame small enough to keep is read whole and sent at once.
import { Transform, type TransformCallback } from 'node:stream';

type State = { kind: 'headers'; pending: Buffer } | { kind: 'body'; remaining: number } | { kind: 'raw' };

const MAX_HEADER_BYTES = 16 * 1024;
const HEADERS_END = Buffer.from('\r\n\r\n');

type Emit = (bytes: Buffer) => void;

class PartHeaderScanner {
  private state: State = { kind: 'headers', pending: Buffer.alloc(0) };

  constructor(private readonly rewriteLocation: (url: string) => string | null) {}

  /** Passes `chunk` on to `emit` in pieces, part headers rewritten, bodies as they are. */
  feed(chunk: Buffer, emit: Emit): void {
    let rest = chunk;
    while (rest.length > 0) {
      const s = this.state;
      if (s.kind === 'raw') {
        emit(rest);
        break;
      }
      if (s.kind === 'body') {
        const n = Math.min(s.remaining, rest.length);
        emit(rest.subarray(0, n));
        rest = rest.subarray(n);
        s.remaining -= n;
        if (s.remaining === 0) this.state = { kind: 'headers', pending: Buffer.alloc(0) };
        continue;
      }
      // Not copied when nothing is pending: a body held whole is scanned in place.
      const pending = s.pending.length === 0 ? rest : Buffer.concat([s.pending, rest]);
      const end = pending.indexOf(HEADERS_END);
      if (end < 0) {
        if (pending.length > MAX_HEADER_BYTES) {
          emit(pending);
          this.state = { kind: 'raw' };
        } else this.state = { kind: 'headers', pending };
        break;
      }
      // The block holds the previous part's trailing CRLF, the delimiter line and the headers.
      const block = pending.subarray(0, end + HEADERS_END.length).toString('latin1');
      const length = /\r\ncontent-length:\s*(\d+)\r\n/i.exec(`\r\n${block}`);
      emit(Buffer.from(this.rewrite(block), 'latin1'));
      rest = pending.subarray(end + HEADERS_END.length);
      this.state = length?.[1] ? { kind: 'body', remaining: Number(length[1]) } : { kind: 'raw' };
      if (this.state.kind === 'body' && this.state.remaining === 0) {
        this.state = { kind: 'headers', pending: Buffer.alloc(0) };
      }
    }
  }

  /** What is left over at the end of the body (a last header block without its blank line). */
  end(emit: Emit): void {
    if (this.state.kind === 'headers' && this.state.pending.length > 0) emit(this.state.pending);
  }

  private rewrite(block: string): string {
    return block
      .split('\r\n')
      .flatMap((line) => {
        const m = /^content-location:\s*(.*)$/i.exec(line);
        if (!m) return [line];
        const url = this.rewriteLocation(m[1] ?? '');
        return url === null ? [] : [`Content-Location: ${url}`];
      })
      .join('\r\n');
  }
}

export class PartHeaderRewriter extends Transform {
  private readonly scanner: PartHeaderScanner;

  constructor(rewriteLocation: (url: string) => string | null) {
    super();
    this.scanner = new PartHeaderScanner(rewriteLocation);
  }

  override _transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback): void {
    this.scanner.feed(chunk, (bytes) => this.push(bytes));
    done();
  }

  override _flush(done: TransformCallback): void {
    this.scanner.end((bytes) => this.push(bytes));
    done();
  }
}

/** A whole multipart body, as it arrived in chunks, with its part headers rewritten, in one buffer. */
export function rewritePartHeaders(
  chunks: Buffer[],
  rewriteLocation: (url: string) => string | null,
): Buffer {
  const pieces: Buffer[] = [];
  const scanner = new PartHeaderScanner(rewriteLocation);
  const emit = (bytes: Buffer) => void pieces.push(bytes);
  for (const chunk of chunks) scanner.feed(chunk, emit);
  scanner.end(emit);
  // The one copy of the body: the part bodies above are views into the chunks.
  return Buffer.concat(pieces);
}
