// The consult room protocol (common/src/consultRoomProtocol.ts) over the app's one socket.io connection:
// typed requests answered through the acknowledgement, and typed server events. No React here.
import {
  ConsultRequests,
  type ApiError,
  type ConsultReply,
  type ConsultRequest,
  type ConsultRequestName,
  type ConsultServerEvents,
} from '@tiered-care/common';
import type { Socket } from 'socket.io-client';
import type { ZodType } from 'zod';

/** The one error shape, as a request's failure (the server's, or one made here). */
export type ReplyError = ApiError;

/** A request's payload without the room id, which the room fills in. */
export type RoomPayload<N extends ConsultRequestName> = Omit<ConsultRequest<N>, 'consultationId'>;

/** Sends one request of the bound room. */
export type RoomSend = <N extends ConsultRequestName>(
  name: N,
  payload: RoomPayload<N>,
) => Promise<ConsultReply<N>>;

export const DEFAULT_TIMEOUT_MS = 10_000;

/**
 * How long each request may wait for its acknowledgement. Publish and subscribe wait on Janus
 * (and a subscription on the publisher's ICE); the periodic ones are worthless when late.
 */
const TIMEOUTS: Partial<Record<ConsultRequestName, number>> = {
  'media:publish': 20_000,
  'media:subscribe': 20_000,
  'media:stats': 2_000,
  'viewer:state': 3_000,
};

export const failure = (code: string, message: string): ReplyError => ({ error: { code, message } });

export const isFailure = (reply: object): reply is ReplyError => 'error' in reply;

function isReply(value: unknown): value is { ok: true } | ReplyError {
  if (typeof value !== 'object' || value === null) return false;
  if ('ok' in value) return value.ok === true;
  if (!('error' in value)) return false;
  const error = value.error;
  return typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'string';
}

/**
 * One request with its acknowledgement. Never throws: a payload the schema refuses, a socket that
 * is down or a server that doesn't answer in time come back as `{ error }` like the server's own
 * refusals, so every caller handles one shape. While disconnected nothing is queued: socket.io
 * would send buffered requests after the reconnect, when they are stale (the room re-joins anyway).
 */
export async function request<N extends ConsultRequestName>(
  socket: Socket,
  name: N,
  payload: ConsultRequest<N>,
  timeoutMs: number = TIMEOUTS[name] ?? DEFAULT_TIMEOUT_MS,
): Promise<ConsultReply<N>> {
  // Checking here what the server will check anyway turns our own bugs into a clear error code.
  const schema: ZodType = ConsultRequests[name];
  const parsed = schema.safeParse(payload);
  if (!parsed.success) return failure('invalid_request', parsed.error.message);
  if (!socket.connected) return failure('disconnected', 'the socket is not connected');
  let reply: unknown;
  try {
    reply = await socket.timeout(timeoutMs).emitWithAck(name, payload);
  } catch {
    return failure('timeout', `${name} was not answered within ${timeoutMs} ms`);
  }
  if (!isReply(reply)) return failure('bad_reply', `${name} was answered with an unknown shape`);
  return reply as ConsultReply<N>;
}

export type RoomEventPayload<E extends keyof ConsultServerEvents> = Parameters<ConsultServerEvents[E]>[0];

/** Resolves true once the socket is connected (at once if it is), false after `timeoutMs`. */
export function whenConnected(socket: Socket, timeoutMs: number): Promise<boolean> {
  if (socket.connected) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (ok: boolean) => {
      clearTimeout(timer);
      socket.off('connect', onConnect);
      resolve(ok);
    };
    const onConnect = () => done(true);
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on('connect', onConnect);
  });
}

/** Listens to one server event; returns the function that stops listening. */
export function onRoomEvent<E extends keyof ConsultServerEvents>(
  socket: Socket,
  event: E,
  handler: (payload: RoomEventPayload<E>) => void,
): () => void {
  // socket.io's listener types are keyed by its reserved events; ours are plain names.
  const name: string = event;
  socket.on(name, handler);
  return () => {
    socket.off(name, handler);
  };
}
