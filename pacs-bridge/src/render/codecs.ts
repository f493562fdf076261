// The WebAssembly codecs the web client's image loader uses (@cornerstonejs/codec-*), loaded in
// Node once, on first use: CharLS (JPEG-LS), OpenJPEG (JPEG 2000) and libjpeg-turbo (baseline
// JPEG, and the JPEG encoder for rendered answers). A fresh decoder for every frame: a reused one
// that fails on a damaged frame can leave the previous frame's pixels behind to be served.
import { createRequire } from 'node:module';

export interface FrameInfo {
  width: number;
  height: number;
  bitsPerSample: number;
  componentCount: number;
  isSigned?: boolean;
}

export interface WasmDecoder {
  delete(): void;
  getEncodedBuffer(length: number): Uint8Array;
  decode(): void;
  getFrameInfo(): FrameInfo;
  getDecodedBuffer(): Uint8Array;
}

export interface WasmJpegEncoder {
  getDecodedBuffer(info: FrameInfo): Uint8Array;
  setQuality(quality: number): void;
  encode(): void;
  getEncodedBuffer(): Uint8Array;
}

type DecoderClass = new () => WasmDecoder;

interface Codecs {
  jpegLs: DecoderClass;
  jpeg2000: DecoderClass;
  jpeg: DecoderClass;
  jpegEncoder: WasmJpegEncoder;
}

type Factory = () => Promise<Record<string, new () => unknown>>;

const require = createRequire(import.meta.url);
let loading: Promise<Codecs> | null = null;

async function load(): Promise<Codecs> {
  const charls = await (require('@cornerstonejs/codec-charls/decodewasmjs') as Factory)();
  const openjpeg = await (require('@cornerstonejs/codec-openjpeg/decodewasmjs') as Factory)();
  const turbo = await (require('@cornerstonejs/codec-libjpeg-turbo-8bit/wasmjs') as Factory)();
  const find = (module: Record<string, new () => unknown>, name: string) => {
    const Class = module[name];
    if (!Class) throw new Error(`codec ${name} is missing`);
    return Class;
  };
  return {
    jpegLs: find(charls, 'JpegLSDecoder') as DecoderClass,
    jpeg2000: find(openjpeg, 'J2KDecoder') as DecoderClass,
    jpeg: find(turbo, 'JPEGDecoder') as DecoderClass,
    jpegEncoder: new (find(turbo, 'JPEGEncoder'))() as WasmJpegEncoder,
  };
}

export function codecs(): Promise<Codecs> {
  loading ??= load();
  loading.catch(() => (loading = null));
  return loading;
}

/** Runs a wasm decoder over one compressed frame; the result is copied out of wasm memory. */
export function runDecoder(
  Decoder: DecoderClass,
  encoded: Uint8Array,
): { info: FrameInfo; bytes: Uint8Array } {
  const decoder = new Decoder();
  try {
    decoder.getEncodedBuffer(encoded.length).set(encoded);
    decoder.decode();
    return { info: decoder.getFrameInfo(), bytes: decoder.getDecodedBuffer().slice() };
  } finally {
    decoder.delete();
  }
}
