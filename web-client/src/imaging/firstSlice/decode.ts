// The stored frame's values from its bytes, for the syntaxes the first slice draws itself:
// uncompressed little endian, and JPEG-LS lossless (how the region's archive keeps images)
// through the same CharLS WebAssembly build the viewer's loader uses, loaded on its own (~60 kB
// gzip) instead of with the viewer chunk. Any other syntax waits for the viewer.
import type { StoredPixels } from './greyscale';

export const JPEG_LS_LOSSLESS = '1.2.840.10008.1.2.4.80';
const UNCOMPRESSED = new Set(['1.2.840.10008.1.2', '1.2.840.10008.1.2.1']);

export interface Layout {
  rows: number;
  columns: number;
  /** 8 or 16. */
  bitsAllocated: number;
  signed: boolean;
}

export function drawsItself(transferSyntax: string): boolean {
  return transferSyntax === JPEG_LS_LOSSLESS || UNCOMPRESSED.has(transferSyntax);
}

/** Values of a little-endian buffer, copied (the source may be a view at an odd offset). */
function view(bytes: Uint8Array, layout: Layout): StoredPixels {
  const copy = bytes.slice().buffer;
  if (layout.bitsAllocated === 16) return layout.signed ? new Int16Array(copy) : new Uint16Array(copy);
  return layout.signed ? new Int8Array(copy) : new Uint8Array(copy);
}

interface CharlsDecoder {
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getDecodedBuffer(): Uint8Array;
  getFrameInfo(): { width: number; height: number; bitsPerSample: number; componentCount: number };
  getNearLossless(): number;
}
interface CharlsModule {
  JpegLSDecoder: new () => CharlsDecoder;
}

let charls: Promise<CharlsDecoder> | null = null;

function charlsDecoder(): Promise<CharlsDecoder> {
  charls ??= Promise.all([
    import('@cornerstonejs/codec-charls/decodewasmjs'),
    import('@cornerstonejs/codec-charls/decodewasm?url'),
  ]).then(async ([js, wasm]) => {
    const factory = js.default as (o: { locateFile: (f: string) => string }) => Promise<CharlsModule>;
    const codec = await factory({ locateFile: (f) => (f.endsWith('.wasm') ? wasm.default : f) });
    return new codec.JpegLSDecoder();
  });
  charls.catch(() => (charls = null));
  return charls;
}

/** Starts loading the JPEG-LS decoder (a linked study's frame will need it). */
export function preloadJpegLs(): void {
  charlsDecoder().catch(() => undefined);
}

/** The frame's stored values, or null when its bytes are not what the attributes say. */
export async function decodeFrame(
  transferSyntax: string,
  bytes: Uint8Array,
  layout: Layout,
): Promise<StoredPixels | null> {
  const count = layout.rows * layout.columns;
  const size = count * (layout.bitsAllocated / 8);
  if (UNCOMPRESSED.has(transferSyntax))
    return bytes.length >= size ? view(bytes.subarray(0, size), layout) : null;
  if (transferSyntax !== JPEG_LS_LOSSLESS) return null;
  const decoder = await charlsDecoder();
  decoder.getEncodedBuffer(bytes.length).set(bytes);
  decoder.decode();
  const info = decoder.getFrameInfo();
  // Lossless only: a near-lossless stream is not the stored image.
  if (decoder.getNearLossless() !== 0 || info.componentCount !== 1) return null;
  if (info.width !== layout.columns || info.height !== layout.rows) return null;
  const decoded = decoder.getDecodedBuffer();
  return decoded.length === size ? view(decoded, layout) : null;
}
