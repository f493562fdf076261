// The one part of a WADO-RS frame answer (`multipart/related`): its bytes and the transfer syntax
// its Content-Type names. The viewer's loader does the same inside the viewer chunk; the first
// slice needs it before that chunk is in.

export interface FramePart {
  /** The part's transfer syntax UID, or null when it names none (then it is as the answer says). */
  transferSyntax: string | null;
  bytes: Uint8Array;
}

const encoder = new TextEncoder();

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number): number {
  const first = needle[0];
  outer: for (let i = haystack.indexOf(first ?? 0, from); i !== -1; i = haystack.indexOf(first ?? 0, i + 1)) {
    if (i + needle.length > haystack.length) return -1;
    for (let j = 1; j < needle.length; j++) if (haystack[i + j] !== needle[j]) continue outer;
    return i;
  }
  return -1;
}

/** `transfer-syntax=` of a Content-Type, quoted or not. */
export function transferSyntaxOf(contentType: string): string | null {
  return /transfer-syntax="?([0-9.]+)"?/i.exec(contentType)?.[1] ?? null;
}

/** The first part of `body`, or null when it is not the multipart answer `contentType` says. */
export function firstPart(body: Uint8Array, contentType: string): FramePart | null {
  const boundary = /boundary="?([^";]+)"?/i.exec(contentType)?.[1];
  if (!boundary) return null;
  const delimiter = encoder.encode(`--${boundary}`);
  const start = indexOf(body, delimiter, 0);
  if (start === -1) return null;
  const headersEnd = indexOf(body, encoder.encode('\r\n\r\n'), start);
  if (headersEnd === -1) return null;
  const end = indexOf(body, encoder.encode(`\r\n--${boundary}`), headersEnd + 4);
  if (end === -1) return null;
  const headers = new TextDecoder().decode(body.subarray(start, headersEnd));
  const type = /^content-type:\s*(.*)$/im.exec(headers)?.[1] ?? '';
  return {
    transferSyntax: transferSyntaxOf(type) ?? transferSyntaxOf(contentType),
    bytes: body.subarray(headersEnd + 4, end),
  };
}
