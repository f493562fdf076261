// Everything signaling sends to browsers goes through here: the acknowledgements of consult room
// requests and the events it pushes (room snapshots, chat, layers, notices, live notifications).
// Both are typed by the schemas in common, so a wrong shape doesn't compile; with response checking
// on (tests and development, as for the API's CHECK_RESPONSES) each is also checked at run time. A
// mismatch is the server's bug: it is logged with zod's issues and never sent on; a request gets
// the error shape `response_invalid` instead of its acknowledgement.
import {
  ConsultAcks,
  ConsultEvents,
  LiveEvents,
  type ConsultAck,
  type ConsultRequestName,
} from '@tiered-care/common';
import { errorBody } from '@tiered-care/platform';
import type { Logger } from 'pino';
import type { z } from 'zod';

/** Every event signaling pushes, consult room and live notifications alike. */
const ServerEvents = { ...ConsultEvents, ...LiveEvents };
export type ServerEventName = keyof typeof ServerEvents;
export type ServerEvent<E extends ServerEventName> = z.output<(typeof ServerEvents)[E]>;

/** Whatever socket.io emits through: the server, a selection of rooms, a socket, a broadcast. */
export interface Emitter {
  emit: (event: string, payload: unknown) => unknown;
}

export type AckReply<N extends ConsultRequestName> = ConsultAck<N> | ReturnType<typeof errorBody>;

export class Outbound {
  /** Messages checked and refused since start (with checking off, both stay 0). */
  readonly counts = { checked: 0, refused: 0 };

  constructor(
    /** Check each message against its schema before sending. */
    readonly check: boolean,
    private readonly log: Logger,
  ) {}

  /** Pushes one event; a payload its schema refuses is logged and dropped. */
  emit<E extends ServerEventName>(to: Emitter, event: E, payload: ServerEvent<E>): void {
    if (!this.matches(ServerEvents[event], payload, { event }, 'event does not match its schema')) return;
    to.emit(event, payload);
  }

  /** The acknowledgement to send for a request that succeeded with `reply`. */
  ack<N extends ConsultRequestName>(request: N, reply: ConsultAck<N>): AckReply<N> {
    if (this.matches(ConsultAcks[request], reply, { request }, 'acknowledgement does not match its schema')) {
      return reply;
    }
    return errorBody('response_invalid', 'the server built an acknowledgement it does not document');
  }

  private matches(schema: z.ZodType, payload: unknown, name: object, mismatch: string): boolean {
    if (!this.check) return true;
    this.counts.checked += 1;
    const parsed = schema.safeParse(payload);
    if (parsed.success) return true;
    this.counts.refused += 1;
    this.log.error({ ...name, issues: parsed.error.issues }, mismatch);
    return false;
  }
}
