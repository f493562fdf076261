// Build step: a brotli and a gzip file beside every hashed script, stylesheet and codec in
// dist/assets, made once at the highest settings, so the server sends them to each browser
// without compressing per request (testkit/src/webClient.ts picks one by Accept-Encoding).
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text and wasm compress well; images and fonts are compressed already; maps stay local. */
const WORTH_IT = /\.(js|mjs|css|wasm|svg|json)$/;

export async function precompressDir(dir: string): Promise<number> {
  const files = (await readdir(dir)).filter((name) => WORTH_IT.test(name));
  await Promise.all(
    files.map(async (name) => {
      const data = await readFile(join(dir, name));
      if (data.length < 1024) return;
      const [br, gz] = await Promise.all([
        brotli(data, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
            [constants.BROTLI_PARAM_SIZE_HINT]: data.length,
          },
        }),
        gzipAsync(data, { level: 9 }),
      ]);
      await Promise.all([writeFile(join(dir, `${name}.br`), br), writeFile(join(dir, `${name}.gz`), gz)]);
    }),
  );
  return files.length;
}

export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'tiered-care:precompress',
    apply: 'build',
    configResolved(config) {
      outDir = config.build.outDir;
    },
    async closeBundle() {
      await precompressDir(join(outDir, 'assets'));
    },
  };
}
