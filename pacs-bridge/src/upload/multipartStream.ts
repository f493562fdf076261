// multipart/related (RFC 2387) read as it arrives: each part's body is handed on chunk by chunk,
// so an upload of any size passes through with only a chunk and a boundary's length held. The
// whole-buffer parser (dicom/multipart.ts) stays for the small bodies the bridge looks inside.
import { parseHeaders } from '../dicom/multipart';

export class MalformedMultipart extends Error {}

/** The next chunk of a source; a failure of the source is replaced by what `instead` makes of it. */
export async function nextChunk(
  source: AsyncIterator<Buffer>,
  instead: (err: unknown) => unknown,
): Promise<IteratorResult<Buffer>> {
  try {
    return await source.next();
  } catch (err) {
    throw instead(err);
  }
}

export interface StreamedPart {
  headers: Record<string, string>;
  /** Must be read to its end (or abandoned with the whole upload) before the next part comes. */
  body: AsyncIterable<Buffer>;
}

/** Part headers longer than this are not headers: a DICOM part carries one or two short lines. */
const MAX_HEADER_BYTES = 16 * 1024;
const CRLF = Buffer.from('\r\n');
const HEADERS_END = Buffer.from('\r\n\r\n');

/** Bytes from an async source, with a small look-ahead buffer for finding delimiters. */
class Reader {
  private buf: Buffer = Buffer.alloc(0);
  private done = false;
  private readonly it: AsyncIterator<Buffer>;

  constructor(source: AsyncIterable<Buffer>) {
    this.it = source[Symbol.asyncIterator]();
  }

  get buffered(): Buffer {
    return this.buf;
  }

  /** Reads one more chunk into the buffer; false at the end of the source. */
  async more(): Promise<boolean> {
    if (this.done) return false;
    const next = await this.it.next();
    if (next.done) {
      this.done = true;
      return false;
    }
    this.buf = this.buf.length === 0 ? next.value : Buffer.concat([this.buf, next.value]);
    return true;
  }

  take(n: number): Buffer {
    const out = this.buf.subarray(0, n);
    this.buf = this.buf.subarray(n);
    return out;
  }

  /** Waits until `needle` is buffered and returns its offset; throws past `limit` bytes or at the end. */
  async find(needle: Buffer, limit: number, what: string): Promise<number> {
    for (;;) {
      const at = this.buf.indexOf(needle);
      if (at >= 0) return at;
      if (this.buf.length > limit) throw new MalformedMultipart(`${what} not found`);
      if (!(await this.more())) throw new MalformedMultipart(`truncated before ${what}`);
    }
  }

  async atLeast(n: number): Promise<void> {
    while (this.buf.length < n) {
      if (!(await this.more())) throw new MalformedMultipart('truncated multipart body');
    }
  }
}

/**
 * The parts of a multipart body, in order. A part's body ends at CRLF + "--" + boundary; the
 * last `delimiter.length - 1` bytes seen are held back until it is clear they don't start one.
 */
export async function* streamParts(
  source: AsyncIterable<Buffer>,
  boundary: string,
): AsyncGenerator<StreamedPart> {
  const reader = new Reader(source);
  const first = Buffer.from(`--${boundary}`);
  const delimiter = Buffer.from(`\r\n--${boundary}`);
  // The preamble before the first delimiter is ignored (RFC 2046 5.1.1).
  reader.take((await reader.find(first, MAX_HEADER_BYTES, 'the first boundary')) + first.length);
  for (;;) {
    await reader.atLeast(2);
    // "--" right after a delimiter closes the body; the epilogue is not read.
    if (reader.buffered[0] === 0x2d && reader.buffered[1] === 0x2d) return;
    // Transport padding up to the line end, then the headers up to a blank line.
    reader.take(await reader.find(CRLF, MAX_HEADER_BYTES, 'the part header line'));
    const end = await reader.find(HEADERS_END, MAX_HEADER_BYTES, 'the end of the part headers');
    const headers = end === 0 ? {} : parseHeaders(reader.buffered.toString('latin1', 2, end));
    reader.take(end + HEADERS_END.length);

    const state = { finished: false };
    const body = async function* (): AsyncGenerator<Buffer> {
      for (;;) {
        const at = reader.buffered.indexOf(delimiter);
        if (at >= 0) {
          if (at > 0) yield reader.take(at);
          reader.take(delimiter.length);
          state.finished = true;
          return;
        }
        const safe = reader.buffered.length - (delimiter.length - 1);
        if (safe > 0) yield reader.take(safe);
        if (!(await reader.more())) throw new MalformedMultipart('a part is not closed by a boundary');
      }
    };
    const iterable = body();
    yield { headers, body: iterable };
    // A consumer that skipped the part: read past it. One that stopped halfway left the body
    // mid-part, where nothing can be trusted to be a boundary.
    if (!state.finished) while (!(await iterable.next()).done);
    if (!state.finished) throw new MalformedMultipart('a part was left half read');
  }
}
