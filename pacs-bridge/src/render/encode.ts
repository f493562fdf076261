// A display bitmap to the answer's picture: the viewport's source region, fitted into the
// viewport keeping its aspect ratio (centred on black, as Orthanc does), flipped if asked, then
// encoded as PNG (pngjs) or JPEG (libjpeg-turbo's encoder, the one the codecs package ships).
import { PNG } from 'pngjs';
import { codecs } from './codecs';
import type { Bitmap } from './display';
import type { RenderParams, Viewport } from './params';

function region(b: Bitmap, v: Viewport): Bitmap {
  const x0 = Math.min(v.sx, b.width);
  const y0 = Math.min(v.sy, b.height);
  const x1 = v.sw === null ? b.width : Math.min(b.width, x0 + v.sw);
  const y1 = v.sh === null ? b.height : Math.min(b.height, y0 + v.sh);
  const width = Math.max(1, x1 - x0);
  const height = Math.max(1, y1 - y0);
  const data = new Uint8Array(width * height * b.channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sx = v.flipX ? x1 - 1 - x : x0 + x;
      const sy = v.flipY ? y1 - 1 - y : y0 + y;
      for (let c = 0; c < b.channels; c++) {
        data[(y * width + x) * b.channels + c] = b.data[(sy * b.width + sx) * b.channels + c] ?? 0;
      }
    }
  }
  return { width, height, channels: b.channels, data };
}

/** Bilinear resampling of `b` into a w×h box, centred in a `boxW`×`boxH` black canvas. */
function fit(b: Bitmap, boxW: number, boxH: number): Bitmap {
  const scale = Math.min(boxW / b.width, boxH / b.height);
  const w = Math.max(1, Math.min(boxW, Math.round(b.width * scale)));
  const h = Math.max(1, Math.min(boxH, Math.round(b.height * scale)));
  const ox = Math.floor((boxW - w) / 2);
  const oy = Math.floor((boxH - h) / 2);
  const data = new Uint8Array(boxW * boxH * b.channels);
  const at = (x: number, y: number, c: number) => b.data[(y * b.width + x) * b.channels + c] ?? 0;
  for (let y = 0; y < h; y++) {
    const fy = Math.min(b.height - 1, Math.max(0, ((y + 0.5) * b.height) / h - 0.5));
    const y0 = Math.floor(fy);
    const y1 = Math.min(b.height - 1, y0 + 1);
    for (let x = 0; x < w; x++) {
      const fx = Math.min(b.width - 1, Math.max(0, ((x + 0.5) * b.width) / w - 0.5));
      const x0 = Math.floor(fx);
      const x1 = Math.min(b.width - 1, x0 + 1);
      for (let c = 0; c < b.channels; c++) {
        const top = at(x0, y0, c) + (at(x1, y0, c) - at(x0, y0, c)) * (fx - x0);
        const bottom = at(x0, y1, c) + (at(x1, y1, c) - at(x0, y1, c)) * (fx - x0);
        data[((oy + y) * boxW + ox + x) * b.channels + c] = Math.round(top + (bottom - top) * (fy - y0));
      }
    }
  }
  return { width: boxW, height: boxH, channels: b.channels, data };
}

function png(b: Bitmap): Buffer {
  const out = new PNG({ width: b.width, height: b.height, colorType: 6 });
  for (let p = 0; p < b.width * b.height; p++) {
    for (let c = 0; c < 3; c++)
      out.data[4 * p + c] = b.data[p * b.channels + (b.channels === 3 ? c : 0)] ?? 0;
    out.data[4 * p + 3] = 255;
  }
  return PNG.sync.write(out, { colorType: b.channels === 3 ? 2 : 0 });
}

async function jpeg(b: Bitmap, quality: number): Promise<Buffer> {
  const { jpegEncoder } = await codecs();
  const info = {
    width: b.width,
    height: b.height,
    bitsPerSample: 8,
    componentCount: b.channels,
    isSigned: false,
  };
  jpegEncoder.getDecodedBuffer(info).set(b.data);
  jpegEncoder.setQuality(quality);
  jpegEncoder.encode();
  return Buffer.from(jpegEncoder.getEncodedBuffer());
}

export async function encode(bitmap: Bitmap, p: RenderParams): Promise<Buffer> {
  let b = bitmap;
  if (p.viewport) {
    b = region(b, p.viewport);
    b = fit(b, p.viewport.width ?? b.width, p.viewport.height ?? b.height);
  }
  return p.type === 'image/png' ? png(b) : jpeg(b, p.quality);
}
