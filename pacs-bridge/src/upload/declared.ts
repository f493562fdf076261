// What an uploaded file says about itself, read from its first bytes while the rest still
// streams: the study it claims to belong to is checked (claimed by another clinic? already in
// the archive?) before anything is stored. It is only a declaration: the archive's own reading,
// after storing, is what counts (store.ts compares the two), since a file with duplicate or
// oddly encoded tags can read one way here and another way in the archive.
import dcmjs from 'dcmjs';
import { Invalid } from '@tiered-care/platform';

export interface DeclaredUids {
  studyInstanceUid: string;
  seriesInstanceUid: string;
  sopInstanceUid: string;
  sopClassUid: string | null;
}

/** Study, series and instance UIDs all sit in groups 0008 and 0020, before any bulk data. */
const LAST_TAG_READ = '0020FFFF';
const FIRST_TRY_BYTES = 16 * 1024;
/** A header larger than this (before group 0021) is not one we accept. */
const MAX_HEADER_BYTES = 1024 * 1024;

function first(dict: Record<string, { Value?: unknown[] } | undefined>, tag: string): string | null {
  const v = dict[tag]?.Value?.[0];
  return typeof v === 'string' && v.length > 0 ? v.replace(/\0+$/, '').trim() : null;
}

function tryRead(bytes: Buffer): DeclaredUids | null {
  try {
    const copy = new Uint8Array(bytes).buffer;
    const { dict } = dcmjs.data.DicomMessage.readFile(copy, {
      untilTag: LAST_TAG_READ,
      stopOnGreaterTag: true,
    });
    const studyInstanceUid = first(dict, '0020000D');
    const seriesInstanceUid = first(dict, '0020000E');
    const sopInstanceUid = first(dict, '00080018');
    if (!studyInstanceUid || !seriesInstanceUid || !sopInstanceUid) return null;
    return { studyInstanceUid, seriesInstanceUid, sopInstanceUid, sopClassUid: first(dict, '00080016') };
  } catch {
    // Not DICOM, or cut off mid-element: more bytes may help.
    return null;
  }
}

/**
 * Reads just enough of a part to learn its declared UIDs, and hands back the whole part (the
 * bytes read so far, then the rest as it arrives) for storing.
 */
export async function readDeclared(
  part: AsyncIterable<Buffer>,
  index: number,
): Promise<{ declared: DeclaredUids; body: AsyncIterable<Buffer> }> {
  const it = part[Symbol.asyncIterator]();
  const held: Buffer[] = [];
  let size = 0;
  let nextTry = FIRST_TRY_BYTES;
  let ended = false;
  let declared: DeclaredUids | null = null;
  while (!declared) {
    const next = await it.next();
    if (next.done) ended = true;
    else {
      held.push(next.value);
      size += next.value.length;
    }
    if (!ended && size < nextTry) continue;
    declared = tryRead(Buffer.concat(held, size));
    if (!declared && (ended || size >= MAX_HEADER_BYTES)) {
      throw Invalid(
        'not_dicom',
        `part ${index + 1} is not a DICOM file with study, series and instance UIDs`,
      );
    }
    nextTry = Math.min(size * 2, MAX_HEADER_BYTES);
  }
  async function* whole(): AsyncGenerator<Buffer> {
    yield* held.splice(0);
    if (ended) return;
    for (;;) {
      const next = await it.next();
      if (next.done) return;
      yield next.value;
    }
  }
  return { declared, body: whole() };
}
