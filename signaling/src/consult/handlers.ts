// The consult room requests a socket may send, each validated and acknowledged (ack.ts).
import { consultations } from '@tiered-care/referral-api';
import type { Socket } from 'socket.io';
import { onRequest, RoomError } from './ack';
import * as media from './media';
import * as recording from './recording';
import { actorOf, type ConsultRooms } from './rooms';
import { socketRooms } from './session';

export function registerConsultHandlers(rooms: ConsultRooms, socket: Socket): void {
  const log = rooms.log.child({ userId: actorOf(socket).userId });
  const on = <N extends Parameters<typeof onRequest>[1]>(name: N, fn: Parameters<typeof onRequest<N>>[3]) =>
    onRequest(socket, name, log, fn);

  on('consult:join', (r) => rooms.join(socket, r.consultationId));
  on('consult:leave', (r) => rooms.leave(socket, r.consultationId));
  on('consult:admit', (r) => rooms.admit(socket, r.consultationId, r.userId));
  on('consult:end', (r) => rooms.end(socket, r.consultationId));

  on('consult:hand', (r) => {
    const { session, member } = rooms.admitted(socket, r.consultationId);
    member.handRaised = r.raised;
    rooms.broadcast(session);
  });
  on('consult:media-state', (r) => {
    const { session, member } = rooms.admitted(socket, r.consultationId);
    member.audio = r.audio;
    member.video = r.video;
    rooms.broadcast(session);
  });

  on('chat:send', async (r) => {
    const { session, member } = rooms.admitted(socket, r.consultationId);
    const message = await rooms.as(member.actor, (db) =>
      consultations.addChatMessage(db, member.actor, r.consultationId, r.text),
    );
    const event = { ...message, at: message.at.toISOString() };
    rooms.io.to(socketRooms.admitted(session.id)).emit('chat:message', event);
    return { message: event };
  });

  on('media:publish', (r) => media.publish(rooms, socket, r));
  on('media:unpublish', (r) => media.unpublish(rooms, socket, r));
  on('media:subscribe', (r) => media.subscribe(rooms, socket, r));
  on('media:answer', (r) => media.answer(rooms, socket, r));
  on('media:unsubscribe', (r) => media.unsubscribe(rooms, socket, r));
  on('media:candidate', (r) => media.candidate(rooms, socket, r));
  on('media:stats', (r) => media.stats(rooms, socket, r));

  on('recording:start', (r) => recording.requestRecording(rooms, socket, r.consultationId));
  on('recording:stop', (r) => recording.stopRecording(rooms, socket, r.consultationId));
  on('recording:consent', (r) => recording.consent(rooms, socket, r.consultationId, r.consent));

  // The shared viewer: the presenter's state goes to everyone else as it changes; the room
  // snapshot keeps the latest for people joining later. Nobody presenting = the first to move.
  // A null view closes the viewer for everyone and frees the presenter's role.
  on('viewer:state', (r) => {
    const { session, member } = rooms.admitted(socket, r.consultationId);
    const before = session.presenterUserId;
    if (before === null) session.presenterUserId = member.userId;
    if (session.presenterUserId !== member.userId) {
      throw new RoomError('not_presenter', 'take control of the viewer first');
    }
    session.view = r.view;
    session.viewSeq += 1;
    socket.to(socketRooms.admitted(session.id)).emit('viewer:state', {
      consultationId: session.id,
      userId: member.userId,
      view: r.view,
      seq: session.viewSeq,
    });
    if (r.view === null) session.presenterUserId = null;
    // Who presents travels in the snapshot.
    if (session.presenterUserId !== before) rooms.broadcast(session);
  });
  on('viewer:take-control', (r) => {
    const { session, member } = rooms.admitted(socket, r.consultationId);
    session.presenterUserId = member.userId;
    rooms.broadcast(session);
  });

  socket.on('disconnect', () => {
    rooms
      .disconnected(socket)
      .catch((error: unknown) => log.error({ err: error }, 'cleanup after disconnect'));
  });
}
