// The built web client, served by the same Node process as the API (same origin: no CORS, one
// port to open in a clinic firewall). Built on start when the sources are newer than the build.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { extname, join } from 'node:path';
import express, { type Express } from 'express';

const ROOT = new URL('../../web-client/', import.meta.url).pathname;
export const WEB_DIST = join(ROOT, 'dist');

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    const s = statSync(path);
    newest = Math.max(newest, s.isDirectory() ? newestMtime(path) : s.mtimeMs);
  }
  return newest;
}

/** Runs `vite build` unless dist/ is newer than every source file. */
export function ensureWebBuild(log: (msg: string) => void): void {
  const index = join(WEB_DIST, 'index.html');
  const sources = Math.max(newestMtime(join(ROOT, 'src')), statSync(join(ROOT, 'index.html')).mtimeMs);
  if (existsSync(index) && statSync(index).mtimeMs >= sources) return;
  log('building the web client');
  execFileSync('npx', ['vite', 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}

const NOT_THE_CLIENT = /^\/(api|dicom-web|socket\.io|healthz)(\/|$)/;

/** Precompressed companions written by the build (web-client/precompress.ts), best first. */
const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;
const COMPRESSED = /\.(br|gz)$/;
const YEAR_S = 365 * 24 * 3600;

/**
 * Which codings an Accept-Encoding header allows (q > 0, by name or `*`). Among those our order
 * decides, not the browser's listing order: brotli is the smaller file.
 */
function acceptedEncodings(header = ''): (name: string) => boolean {
  const q = new Map<string, number>();
  for (const part of header.split(',')) {
    const [coding = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (coding) q.set(coding, qParam ? Number(qParam.slice(2)) || 0 : 1);
  }
  return (name) => (q.get(name) ?? q.get('*') ?? 0) > 0;
}

/**
 * Hashed assets: the brotli or gzip file the build wrote beside each one when the browser accepts
 * it (nothing is compressed per request), typed as the original, cached for a year. The encoding
 * chosen depends on Accept-Encoding, so caches are told to key on it (Vary).
 */
function serveAssets(assets: string): express.RequestHandler {
  return (req, res) => {
    const name = req.path.slice(1);
    if (!name || name.includes('/') || name.startsWith('.') || COMPRESSED.test(name)) {
      res.sendStatus(404);
      return;
    }
    const file = join(assets, name);
    if (!existsSync(file)) {
      res.sendStatus(404);
      return;
    }
    res.vary('Accept-Encoding');
    const accepted = acceptedEncodings(req.get('accept-encoding'));
    const encoding = ENCODINGS.find((e) => accepted(e.name) && existsSync(file + e.suffix));
    res.type(extname(name));
    if (encoding) res.setHeader('Content-Encoding', encoding.name);
    res.sendFile(file + (encoding?.suffix ?? ''), {
      headers: { 'Cache-Control': `public, max-age=${YEAR_S}, immutable` },
      cacheControl: false,
    });
  };
}

/**
 * Static files with long caching for hashed assets, and index.html for every client route.
 * `dist` may be a private copy, which a concurrent `vite build` can't empty under a running test.
 */
export function serveWebClient(app: Express, dist = WEB_DIST): void {
  app.use('/assets', serveAssets(join(dist, 'assets')));
  app.use(express.static(dist, { index: false, maxAge: 0 }));
  app.get(/.*/, (req, res, next) => {
    if (NOT_THE_CLIENT.test(req.path)) {
      next();
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(join(dist, 'index.html'));
  });
}
