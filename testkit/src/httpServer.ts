// The server `npm start` listens with: HTTPS when TLS_CERT and TLS_KEY name a certificate and
// its key (PEM files), plain HTTP otherwise (behind a TLS-terminating reverse proxy, or on a
// trusted network for a demo). One of the two without the other is a configuration error.
import { readFileSync } from 'node:fs';
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';

export function createAppServer(
  handler: RequestListener,
  env: NodeJS.ProcessEnv = process.env,
): { server: Server; tls: boolean } {
  const { TLS_CERT, TLS_KEY } = env;
  if (!TLS_CERT && !TLS_KEY) return { server: createHttpServer(handler), tls: false };
  if (!TLS_CERT || !TLS_KEY) throw new Error('set both TLS_CERT and TLS_KEY (PEM files), or neither');
  const server = createHttpsServer({ cert: readFileSync(TLS_CERT), key: readFileSync(TLS_KEY) }, handler);
  return { server, tls: true };
}
