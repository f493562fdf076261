// Every consult room request is answered through its socket.io acknowledgement, in the API's one
// error shape when it fails. Payloads are validated with the shared zod schemas first, so a bad
// message gets a clear `invalid_request` and never reaches the domain or the media server. What a
// handler answers is typed by the acknowledgement's schema and, with checking on, checked against it
// (outbound.ts).
import {
  ConsultRequests,
  type ConsultAck,
  type ConsultRequest,
  type ConsultRequestName,
} from '@tiered-care/common';
import type { Logger } from 'pino';
import type { Socket } from 'socket.io';
import { AppError, errorBody, zodDetails } from '@tiered-care/platform';
import { SfuError } from '@tiered-care/sfu';
import { ZodError } from 'zod';
import type { Outbound } from '../outbound';

export type ErrorReply = ReturnType<typeof errorBody>;

/** A failure a handler reports on purpose (not found, not admitted, host only…). */
export class RoomError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Domain (AppError), media (SfuError) and validation errors keep their codes; anything else is hidden. */
export function toErrorReply(error: unknown, log: Logger): ErrorReply {
  if (error instanceof ZodError)
    return errorBody('invalid_request', 'the request is not valid', zodDetails(error));
  if (error instanceof RoomError || error instanceof SfuError || error instanceof AppError) {
    return errorBody(error.code, error.message);
  }
  log.error({ err: error }, 'consult room request failed');
  return errorBody('internal', 'something went wrong on our side; try again');
}

/**
 * The acknowledgement's fields besides `ok`. A request answered `{ ok: true }` alone expects
 * nothing back (as a void function would): what such a handler returns is refused by the check.
 */
export type AckFields<N extends ConsultRequestName> = [Exclude<keyof ConsultAck<N>, 'ok'>] extends [never]
  ? unknown
  : Omit<ConsultAck<N>, 'ok'>;

/** Returns (or resolves to) the extra fields of the acknowledgement, if any. */
export type Handler<N extends ConsultRequestName> = (
  payload: ConsultRequest<N>,
) => AckFields<N> | Promise<AckFields<N>>;

/**
 * Registers one request handler. A missing acknowledgement callback is tolerated (the client
 * doesn't care about the answer), a non-function one is ignored rather than crashing.
 */
export function onRequest<N extends ConsultRequestName>(
  socket: Socket,
  name: N,
  log: Logger,
  outbound: Outbound,
  handler: Handler<N>,
): void {
  const event: string = name;
  socket.on(event, (payload: unknown, ack?: unknown) => {
    const reply = typeof ack === 'function' ? (ack as (r: unknown) => void) : () => undefined;
    let parsed: ConsultRequest<N>;
    try {
      // zod's inferred type per key is exact; indexing by a generic key loses it.
      parsed = ConsultRequests[name].parse(payload) as ConsultRequest<N>;
    } catch (error) {
      reply(toErrorReply(error, log));
      return;
    }
    // Through a promise, so a handler that throws synchronously is answered the same way.
    Promise.resolve(parsed)
      .then(handler)
      .then(
        (result) =>
          // The fields are AckFields<N>; TypeScript can't add `ok` to a type it only knows generically.
          reply(
            outbound.ack(name, { ok: true, ...(typeof result === 'object' ? result : {}) } as ConsultAck<N>),
          ),
        (error: unknown) => reply(toErrorReply(error, log)),
      );
  });
}
