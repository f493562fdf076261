// The one place janode is loaded. Its connection module imports the Unix-socket transport, which
// loads the native addon unix-dgram even though we only use WebSockets; `npm ci` without install
// scripts leaves that addon unbuilt, and the import would crash the SFU. So janode is imported
// dynamically, after a stand-in for the addon is put into the CommonJS cache when it can't load
// (a static import would link janode's whole module graph before any of our code runs).
import { createRequire } from 'node:module';
import type JanodeApi from 'janode';
import type { SfuLogger } from './logger';

type Janode = typeof JanodeApi;

/** janode's event names (protocol.js), usable before janode is loaded. */
export const JANODE_EVENT = {
  CONNECTION_ERROR: 'connection_error',
  SESSION_DESTROYED: 'session_destroyed',
  HANDLE_DETACHED: 'handle_detached',
  HANDLE_ICE_FAILED: 'handle_ice_failed',
  HANDLE_HANGUP: 'handle_hangup',
  HANDLE_WEBRTCUP: 'handle_webrtcup',
} as const;

function standInForUnbuiltAddon(): void {
  const fromJanode = createRequire(createRequire(import.meta.url).resolve('janode'));
  try {
    fromJanode('unix-dgram');
  } catch {
    const filename = fromJanode.resolve('unix-dgram');
    fromJanode.cache[filename] = {
      id: filename,
      filename,
      loaded: true,
      exports: {
        createSocket: () => {
          throw new Error('unix-dgram is not built: janode Unix-socket transports are unavailable');
        },
      },
    } as NodeJS.Module;
  }
}

let loaded: Janode | undefined;
let loading: Promise<Janode> | undefined;
let logTarget: SfuLogger | undefined;

export function loadJanode(): Promise<Janode> {
  loading ??= (async () => {
    standInForUnbuiltAddon();
    loaded = (await import('janode')).default;
    if (logTarget) route(loaded, logTarget);
    return loaded;
  })();
  return loading;
}

const text = (args: unknown[]): string =>
  args.map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : JSON.stringify(a))).join(' ');

function route(janode: Janode, target: SfuLogger): void {
  const logger = janode.Logger;
  // Failed connection attempts are expected while Janus starts or restarts (we report outcomes),
  // and Janus acks some requests after the event that already closed the transaction.
  const expected = /websocket error|connection failed|attempt limit|not found for incoming messs?age ack/;
  const problem = (args: unknown[]) => {
    const msg = text(args);
    if (expected.test(msg)) target.debug(msg);
    else target.warn(msg);
  };
  logger.debug = (...args) => target.debug(text(args));
  logger.verbose = (...args) => target.debug(text(args));
  logger.info = (...args) => target.debug(text(args));
  logger.warning = (...args) => problem(args);
  logger.error = (...args) => problem(args);
}

/**
 * janode logs through one process-wide console logger at "info" (a line per request). Route it into
 * ours instead: its warnings and errors matter (lost sessions), its chatter only when debugging.
 */
export function routeJanodeLogs(log: SfuLogger): void {
  logTarget = log.child({ module: 'janode' });
  if (loaded) route(loaded, logTarget);
}
