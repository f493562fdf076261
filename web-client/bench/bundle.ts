// What a clinic PC downloads before the login/worklist page can run: the entry chunk that
// dist/index.html loads plus the chunks it preloads (its static imports). Everything else is
// lazy and listed separately. Sizes are gzip level 9, close to what a compressing proxy sends.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

export interface ChunkSize {
  file: string;
  bytes: number;
  gzipBytes: number;
}

export interface BundleReport {
  initial: ChunkSize[];
  initialGzipBytes: number;
  initialCss: ChunkSize[];
  lazy: ChunkSize[];
}

function size(dist: string, file: string): ChunkSize {
  const data = readFileSync(join(dist, file));
  return { file, bytes: data.length, gzipBytes: gzipSync(data, { level: 9 }).length };
}

const attr = (tag: string, name: string) => new RegExp(`${name}="([^"]+)"`).exec(tag)?.[1];

export function measureBundle(dist: string): BundleReport {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const tags = html.match(/<(script|link)\b[^>]*>/g) ?? [];
  const entry = tags
    .filter((t) => t.startsWith('<script') && /type="module"/.test(t))
    .map((t) => attr(t, 'src'));
  const preload = tags.filter((t) => /rel="modulepreload"/.test(t)).map((t) => attr(t, 'href'));
  const css = tags.filter((t) => /rel="stylesheet"/.test(t)).map((t) => attr(t, 'href'));
  const local = (paths: (string | undefined)[]) =>
    paths.filter((p): p is string => !!p && p.startsWith('/')).map((p) => p.slice(1));

  const initialFiles = local([...entry, ...preload]);
  if (initialFiles.length === 0) throw new Error('dist/index.html has no module script');
  const initial = initialFiles.map((f) => size(dist, f));
  const lazy = readdirSync(join(dist, 'assets'))
    .filter((f) => f.endsWith('.js') && !initialFiles.includes(`assets/${f}`))
    .map((f) => size(dist, `assets/${f}`))
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  return {
    initial,
    initialGzipBytes: initial.reduce((n, c) => n + c.gzipBytes, 0),
    initialCss: local(css).map((f) => size(dist, f)),
    lazy,
  };
}
