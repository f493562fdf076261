// The built web client, served by the same Node process as the API (same origin: no CORS, one
// port to open in a clinic firewall). Built on start when the sources are newer than the build.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
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

/**
 * Static files with long caching for hashed assets, and index.html for every client route.
 * `dist` may be a private copy, which a concurrent `vite build` can't empty under a running test.
 */
export function serveWebClient(app: Express, dist = WEB_DIST): void {
  app.use(
    '/assets',
    express.static(join(dist, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
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
