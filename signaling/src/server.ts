import type { Server as HttpServer } from 'node:http';
import type { Services } from '@tiered-care/referral-api';
import { Server, type DefaultEventsMap } from 'socket.io';
import { listen, type TokenSubject } from '@tiered-care/platform';
import { registerConsultHandlers } from './consult/handlers';
import type { MediaBackend } from './consult/roomContext';
import { RoomRegistry } from './consult/roomRegistry';
import {
  deliverConsultationChange,
  deliverDiagnosisChange,
  deliverReferralChange,
  isDiagnosisChanged,
  isConsultationChanged,
  isReferralChanged,
  rooms,
} from './notifications';
import { Outbound } from './outbound';

export interface SignalingOptions {
  /** A connection that may LISTEN (any role; notifications carry no patient data). */
  listenUrl: string;
  /** Janus rooms for consultations; without it consult rooms carry chat and viewing, no video. */
  media?: MediaBackend;
  /**
   * Check every acknowledgement and event against its schema in common before sending (the API's
   * CHECK_RESPONSES: tests and development); a mismatch is logged and not sent.
   */
  checkResponses?: boolean;
}

export interface Signaling {
  io: Server;
  /** The consult rooms open in this process. */
  consultRooms: RoomRegistry;
  /** What is sent to browsers, with the counts of messages checked and refused. */
  outbound: Outbound;
  close: () => Promise<void>;
}

/** socket.io on the API's own HTTP server, authenticated with the same bearer token. */
/** How often open sockets' sessions are looked at again (the session cache adds its own delay). */
const SESSION_SWEEP_MS = 10_000;

/** API actions after which a running room reloads who takes part. */
const PARTICIPANT_ACTIONS = new Set(['invite', 'remove-participant', 'set-cohost']);

export function attachSignaling(http: HttpServer, services: Services, options: SignalingOptions): Signaling {
  const log = services.log.child({ module: 'signaling' });
  // Who the socket belongs to, from the verified token.
  const io = new Server<DefaultEventsMap, DefaultEventsMap, DefaultEventsMap, { actor: TokenSubject }>(http, {
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    // A participant whose network is gone leaves the room after at most 20 s (socket.io's default
    // is 45 s), so the others aren't left looking at a frozen tile; the page rejoins on reconnect.
    pingInterval: 10_000,
    pingTimeout: 10_000,
  });

  io.use((socket, next) => {
    const token = (socket.handshake.auth as { token?: unknown }).token;
    if (typeof token !== 'string') {
      next(new Error('unauthenticated'));
      return;
    }
    services.tokens.verify(token).then(
      (subject) => {
        // A reset password is changed first; live news and rooms come after.
        if (subject.mustChangePassword) {
          next(new Error('password_change_required'));
          return;
        }
        socket.data.actor = subject;
        next();
      },
      () => next(new Error('unauthenticated')),
    );
  });

  const outbound = new Outbound(options.checkResponses ?? false, log);
  const consultRooms = new RoomRegistry(io as Server, services, log, { media: options.media, outbound });
  // Recordings a crash left 'recording' or 'processing' are finished (or failed) from now on.
  consultRooms.recovery?.start();

  io.on('connection', (socket) => {
    const actor = socket.data.actor;
    void socket.join(rooms.user(actor.userId));
    if (actor.institutionId) void socket.join(rooms.institution(actor.institutionId));
    if (actor.departmentId) void socket.join(rooms.department(actor.departmentId));
    registerConsultHandlers(consultRooms, socket);
  });

  const listener = listen(
    options.listenUrl,
    ['referral_changed', 'consultation_changed', 'diagnosis_changed'],
    {
      onEvent: ({ id, channel, payload }) => {
        // The id goes to clients too: a tab that hears an event twice (a retry) counts it once.
        const event = { ...(payload as object), eventId: id };
        if (channel === 'referral_changed' && isReferralChanged(event))
          deliverReferralChange(io, outbound, event);
        else if (channel === 'diagnosis_changed' && isDiagnosisChanged(event))
          deliverDiagnosisChange(io, outbound, event);
        else if (channel === 'consultation_changed' && isConsultationChanged(event)) {
          deliverConsultationChange(io, outbound, event);
          // Ended through the API: the room closes here too.
          if (event.status === 'ended') void consultRooms.ended(event.consultationId);
          else if (PARTICIPANT_ACTIONS.has(event.action))
            void consultRooms.participantsChanged(event.consultationId);
        }
      },
      // Missed events were read from the outbox; a room whose consultation ended some other way
      // (or longer ago than the outbox keeps) closes too.
      onReconnect: () => void consultRooms.closeEnded(),
    },
    log,
  );

  // An ended session (logout, deactivation, a role removed) closes its open sockets too: the
  // consult room and the live notifications stop with a clear reason, within a check period.
  const sessionSweep = setInterval(() => {
    for (const socket of io.sockets.sockets.values()) {
      const actor = socket.data.actor;
      if (!actor.sessionId) continue;
      services.sessions.valid(actor.sessionId, actor.userId).then(
        (ok) => {
          if (ok) return;
          outbound.emit(socket, 'session:ended', { reason: 'the session has ended; sign in again' });
          socket.disconnect(true);
        },
        // The database away: leave the socket be and look again next time.
        () => undefined,
      );
    }
  }, SESSION_SWEEP_MS);
  sessionSweep.unref();

  return {
    io,
    consultRooms,
    outbound,
    // The HTTP server belongs to the caller; io.close() would close it too.
    close: async () => {
      clearInterval(sessionSweep);
      // Before the sockets go: their leaving would otherwise leave recordings to the idle timer.
      await consultRooms.stopRecordings();
      io.disconnectSockets(true);
      consultRooms.closeAll();
      await listener.close();
    },
  };
}
