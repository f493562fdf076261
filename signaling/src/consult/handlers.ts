// The consult room requests a socket may send: each name (common's protocol) maps to one method
// of the room it names, validated first and acknowledged with `{ok}` or `{error}` (ack.ts).
import type { ConsultRequest, ConsultRequestName } from '@tiered-care/common';
import type { Socket } from 'socket.io';
import { onRequest, type Handler } from './ack';
import type { ConsultRoom } from './consultRoom';
import { actorOf } from './roomContext';
import type { RoomRegistry } from './roomRegistry';

export function registerConsultHandlers(registry: RoomRegistry, socket: Socket): void {
  const log = registry.log.child({ userId: actorOf(socket).userId });
  const { outbound } = registry;
  const on = <N extends ConsultRequestName>(name: N, handler: Handler<N>) =>
    onRequest(socket, name, log, outbound, handler);
  /** A request made inside a room: the room the socket joined, or `not_joined`. */
  const inRoom = <N extends ConsultRequestName>(
    name: N,
    call: (room: ConsultRoom, r: ConsultRequest<N>) => ReturnType<Handler<N>>,
  ) => on(name, (r) => call(registry.joined(r.consultationId), r));

  on('consult:join', (r) => registry.join(socket, r.consultationId));
  on('consult:leave', (r) => registry.leave(socket, r.consultationId));
  inRoom('consult:admit', (room, r) => room.admit(socket, r.userId));
  inRoom('consult:hand', (room, r) => room.raiseHand(socket, r.raised));
  inRoom('consult:media-state', (room, r) => room.setMediaState(socket, r.audio, r.video));
  inRoom('consult:end', (room) => room.end(socket));
  inRoom('chat:send', (room, r) => room.chat(socket, r.text));

  inRoom('media:publish', (room, r) => room.publish(socket, r));
  inRoom('media:unpublish', (room, r) => room.unpublish(socket, r));
  inRoom('media:subscribe', (room, r) => room.subscribe(socket, r));
  inRoom('media:answer', (room, r) => room.answer(socket, r));
  inRoom('media:unsubscribe', (room, r) => room.unsubscribe(socket, r));
  inRoom('media:candidate', (room, r) => room.candidate(socket, r));
  inRoom('media:stats', (room, r) => room.stats(socket, r));

  inRoom('recording:start', (room) => room.requestRecording(socket));
  inRoom('recording:stop', (room) => room.stopRecording(socket));
  inRoom('recording:consent', (room, r) => room.recordingConsent(socket, r.consent));

  inRoom('viewer:state', (room, r) => room.shareView(socket, r.view));
  inRoom('viewer:take-control', (room) => room.takeControl(socket));

  socket.on('disconnect', () => {
    registry
      .disconnected(socket)
      .catch((error: unknown) => log.error({ err: error }, 'cleanup after disconnect'));
  });
}
