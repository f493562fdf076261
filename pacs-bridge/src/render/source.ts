// What the bridge needs from the archive to render one frame itself: the instance's metadata,
// the frame in the syntax the archive keeps it in (transfer-syntax=*), and the palette's lookup
// tables where the metadata only points at them. Every request carries the archive timeout;
// answers over the size limit are refused, not read.
import { num, str, type DicomJson } from '@tiered-care/common/dicomJson';
import { boundaryOf, parseMultipart } from '../dicom/multipart';
import type { Upstream } from '../pacs/endpoints';
import { failFromUpstream, fetchDicomJson, upstreamFetch } from '../pacs/upstream';
import { cannotRender, imageAttributes, LIMITS, PALETTE, PIXEL, type ImageAttributes } from './image';
import type { Palette } from './display';

export interface FrameRequest {
  study: string;
  series?: string;
  instance?: string;
  /** 1-based. */
  frame: number;
}

export interface SourceFrame {
  attributes: ImageAttributes;
  syntax: string;
  bytes: Uint8Array;
  palette: Palette | null;
}

const ANY_SYNTAX = 'multipart/related; type="application/octet-stream"; transfer-syntax=*';

async function body(up: Upstream, path: string, accept: string): Promise<{ type: string; bytes: Buffer }> {
  const res = await upstreamFetch(up, path, { accept });
  if (!res.ok) return failFromUpstream(res, 'bridge');
  const length = Number(res.headers.get('content-length') ?? 0);
  if (length > LIMITS.maxFrameBytes) {
    res.body.destroy();
    throw cannotRender('the frame is too large');
  }
  const bytes = Buffer.from(await res.arrayBuffer());
  if (bytes.length > LIMITS.maxFrameBytes) throw cannotRender('the frame is too large');
  return { type: res.headers.get('content-type') ?? '', bytes };
}

/** The first part of a multipart answer and its transfer syntax. */
export function firstPart(type: string, bytes: Buffer): { syntax: string; bytes: Buffer } {
  const boundary = boundaryOf(type);
  if (!boundary) throw cannotRender('the archive sent no multipart frame');
  const [part] = parseMultipart(bytes, boundary);
  if (!part) throw cannotRender('the archive sent an empty frame');
  const partType = part.headers['content-type'] ?? type;
  const syntax = /transfer-syntax="?([0-9.]+)/i.exec(partType)?.[1] ?? '1.2.840.10008.1.2.1';
  return { syntax, bytes: part.body };
}

function inlineBinary(ds: DicomJson, tag: string): Buffer | null {
  const element = ds[tag] as { InlineBinary?: unknown } | undefined;
  return typeof element?.InlineBinary === 'string' ? Buffer.from(element.InlineBinary, 'base64') : null;
}

/** A bulk data URI of this study, as a path below the archive's DICOMweb root (or null). */
function bulkPath(ds: DicomJson, tag: string, study: string): string | null {
  const uri = (ds[tag] as { BulkDataURI?: unknown } | undefined)?.BulkDataURI;
  if (typeof uri !== 'string') return null;
  const at = uri.indexOf(`/studies/${study}/`);
  return at < 0 ? null : uri.slice(at);
}

async function lookupTable(up: Upstream, ds: DicomJson, tag: string, study: string): Promise<Uint16Array> {
  let bytes = inlineBinary(ds, tag);
  const path = bytes ? null : bulkPath(ds, tag, study);
  if (path) {
    const got = await body(up, path, 'multipart/related; type="application/octet-stream"');
    bytes = firstPart(got.type, got.bytes).bytes;
  }
  if (!bytes || bytes.length < 2) throw cannotRender('its palette is missing');
  return new Uint16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + (bytes.length & ~1)));
}

async function palette(up: Upstream, ds: DicomJson, study: string): Promise<Palette> {
  const [r, g, b] = await Promise.all(PALETTE.map(([, data]) => lookupTable(up, ds, data, study)));
  if (!r || !g || !b) throw cannotRender('its palette is missing');
  const descriptor = ds[PALETTE[0][0]] as { Value?: unknown[] } | undefined;
  const first = Number(descriptor?.Value?.[1] ?? 0);
  return { tables: [r, g, b], first: Number.isFinite(first) ? first : 0 };
}

/** The instance a series-level request renders: the lowest instance number, then UID. */
function firstInstance(datasets: DicomJson[]): DicomJson {
  const images = datasets.filter((d) => num(d, PIXEL.Rows) !== null);
  images.sort(
    (a, b) =>
      (num(a, PIXEL.InstanceNumber) ?? 0) - (num(b, PIXEL.InstanceNumber) ?? 0) ||
      (str(a, PIXEL.SOPInstanceUID) ?? '').localeCompare(str(b, PIXEL.SOPInstanceUID) ?? ''),
  );
  const first = images[0];
  if (!first) throw cannotRender('the series holds no image');
  return first;
}

export async function sourceFrame(up: Upstream, r: FrameRequest): Promise<SourceFrame> {
  let path = `/studies/${r.study}`;
  if (r.series) path += `/series/${r.series}`;
  if (r.instance) path += `/instances/${r.instance}`;
  const datasets = await fetchDicomJson(up, `${path}/metadata`, 'bridge');
  const ds = r.instance ? datasets[0] : firstInstance(datasets);
  const sop = ds ? str(ds, PIXEL.SOPInstanceUID) : null;
  const series = ds ? (str(ds, '0020000E') ?? r.series) : null;
  if (!ds || !sop || !series) throw cannotRender('the archive sent no metadata for it');
  const attributes = imageAttributes(ds);
  if (r.frame > attributes.frames) throw cannotRender(`it has ${attributes.frames} frame(s)`);
  const got = await body(
    up,
    `/studies/${r.study}/series/${series}/instances/${sop}/frames/${r.frame}`,
    ANY_SYNTAX,
  );
  const frame = firstPart(got.type, got.bytes);
  const needsPalette = attributes.photometric === 'PALETTE COLOR';
  return {
    attributes,
    syntax: frame.syntax,
    bytes: new Uint8Array(frame.bytes.buffer, frame.bytes.byteOffset, frame.bytes.byteLength),
    palette: needsPalette ? await palette(up, ds, r.study) : null,
  };
}
