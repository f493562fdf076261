// multipart/related bodies (RFC 2387) as DICOMweb uses them: WADO-RS bulk data and frames come
// back in one, STOW-RS uploads arrive in one. Whole-buffer parsing: used only for bodies the
// bridge must look inside (an ECG's samples, an upload), never for pass-through streams.

export interface Part {
  headers: Record<string, string>;
  body: Buffer;
}

/** The boundary parameter of a multipart Content-Type, or null. */
export function boundaryOf(contentType: string | undefined | null): string | null {
  if (!contentType || !/^\s*multipart\//i.test(contentType)) return null;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2] ?? null;
}

/** The `type` parameter of multipart/related (e.g. application/dicom), lower-cased. */
export function relatedTypeOf(contentType: string | undefined | null): string | null {
  const match = /;\s*type=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  const type = match?.[1] ?? match?.[2];
  return type ? (type.split(';')[0] ?? '').trim().toLowerCase() : null;
}

export function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

export function parseMultipart(body: Buffer, boundary: string): Part[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: Part[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) throw new Error('multipart body has no boundary');
  for (;;) {
    at += delimiter.length;
    // "--" right after a delimiter closes the body.
    if (body[at] === 0x2d && body[at + 1] === 0x2d) break;
    const headerStart = body.indexOf('\r\n', at);
    if (headerStart < 0) throw new Error('truncated multipart body');
    const headerEnd = body.indexOf('\r\n\r\n', headerStart);
    if (headerEnd < 0) throw new Error('truncated multipart part headers');
    // A blank line straight after the delimiter means the part has no headers.
    const headers =
      headerEnd === headerStart ? {} : parseHeaders(body.toString('latin1', headerStart + 2, headerEnd));
    const start = headerEnd + 4;
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), start);
    if (next < 0) throw new Error('multipart body is not closed');
    parts.push({ headers, body: body.subarray(start, next) });
    at = next + 2;
  }
  return parts;
}
