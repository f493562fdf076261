// The bench's own server for dist/: every client path to index.html, and /api, /socket.io (with
// WebSocket upgrades) and /dicom-web proxied to the API so the page runs same-origin as in
// production. Used when `npm start` doesn't serve this build at `/`, and with gzip on to show
// what compressed responses would gain.
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { extname, join, normalize } from 'node:path';
import { gzipSync } from 'node:zlib';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};
const COMPRESSIBLE = new Set(['.html', '.js', '.css', '.svg', '.json']);
const PROXIED = /^\/(api|socket\.io|dicom-web|healthz)(\/|$|\?)/;

export interface StaticServer {
  url: string;
  close: () => Promise<void>;
}

function fileFor(dist: string, url: string): string {
  const path = normalize(decodeURIComponent(url.split('?')[0] ?? '/'));
  const file = join(dist, path);
  // Client routes (/worklist) and anything outside dist/ fall back to the app shell.
  return file.startsWith(dist) && existsSync(file) && statSync(file).isFile()
    ? file
    : join(dist, 'index.html');
}

function proxy(req: IncomingMessage, res: ServerResponse, api: URL): void {
  const upstream = request(
    { host: api.hostname, port: api.port, method: req.method, path: req.url, headers: req.headers },
    (r) => {
      res.writeHead(r.statusCode ?? 502, r.headers);
      r.pipe(res);
    },
  );
  upstream.on('error', () => {
    res.writeHead(502).end();
  });
  req.pipe(upstream);
}

export async function serveDist(
  dist: string,
  apiUrl: string,
  opts: { gzip?: boolean } = {},
): Promise<StaticServer> {
  const api = new URL(apiUrl);
  const gzipped = new Map<string, Buffer>();
  const server: Server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (PROXIED.test(url)) return proxy(req, res, api);
    const file = fileFor(dist, url);
    const headers = {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': 'no-cache',
    };
    if (
      opts.gzip &&
      COMPRESSIBLE.has(extname(file)) &&
      /\bgzip\b/.test(req.headers['accept-encoding'] ?? '')
    ) {
      let body = gzipped.get(file);
      if (!body) gzipped.set(file, (body = gzipSync(readFileSync(file), { level: 9 })));
      res.writeHead(200, { ...headers, 'content-encoding': 'gzip', vary: 'accept-encoding' }).end(body);
      return;
    }
    res.writeHead(200, headers);
    createReadStream(file).pipe(res);
  });
  // socket.io upgrades to WebSocket: splice the raw sockets after replaying the request head.
  server.on('upgrade', (req, socket, head) => {
    const upstream = connect(Number(api.port), api.hostname, () => {
      const headers = Object.entries(req.headers).map(
        ([k, v]) => `${k}: ${Array.isArray(v) ? v.join(', ') : (v ?? '')}`,
      );
      upstream.write(`${req.method ?? 'GET'} ${req.url ?? '/'} HTTP/1.1\r\n${headers.join('\r\n')}\r\n\r\n`);
      upstream.write(head);
      upstream.pipe(socket).pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((done) => {
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}
