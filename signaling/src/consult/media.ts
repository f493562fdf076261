// SDP and ICE between a browser and Janus, relayed by signaling: the browser never reaches Janus's
// API (loopback only), and every request is checked against the caller's place in the room.
import type { ConsultRequest } from '@tiered-care/common';
import type { Socket } from 'socket.io';
import { RoomError } from './ack';
import type { ConsultRooms } from './rooms';

export async function publish(rooms: ConsultRooms, socket: Socket, r: ConsultRequest<'media:publish'>) {
  const { session, member } = rooms.admitted(socket, r.consultationId);
  const room = await rooms.mediaRoom(session);
  const { feedId, answer } = await room.publish(member.userId, r.source, r.offer);
  return { feedId, answer: { type: 'answer' as const, sdp: answer.sdp } };
}

export async function unpublish(rooms: ConsultRooms, socket: Socket, r: ConsultRequest<'media:unpublish'>) {
  const { session, member } = rooms.admitted(socket, r.consultationId);
  await (await rooms.mediaRoom(session)).unpublish(member.userId, r.source);
}

export async function subscribe(rooms: ConsultRooms, socket: Socket, r: ConsultRequest<'media:subscribe'>) {
  const { session, member } = rooms.admitted(socket, r.consultationId);
  const feed = session.feeds.get(r.feedId);
  if (!feed) throw new RoomError('unknown_feed', 'that stream is not being sent');
  if (feed.userId === member.userId) throw new RoomError('own_feed', 'you see your own stream locally');
  const room = await rooms.mediaRoom(session);
  member.layers.forget(r.feedId);
  const { offer } = await room.subscribe(member.userId, r.feedId);
  return { offer: { type: 'offer' as const, sdp: offer.sdp } };
}

export async function answer(rooms: ConsultRooms, socket: Socket, r: ConsultRequest<'media:answer'>) {
  const { session, member } = rooms.admitted(socket, r.consultationId);
  await (await rooms.mediaRoom(session)).startSubscription(member.userId, r.feedId, r.answer);
}

export async function unsubscribe(
  rooms: ConsultRooms,
  socket: Socket,
  r: ConsultRequest<'media:unsubscribe'>,
) {
  const { session, member } = rooms.admitted(socket, r.consultationId);
  member.layers.forget(r.feedId);
  await rooms.media?.rooms.get(session.id)?.unsubscribe(member.userId, r.feedId);
}

export async function candidate(rooms: ConsultRooms, socket: Socket, r: ConsultRequest<'media:candidate'>) {
  const { session, member } = rooms.admitted(socket, r.consultationId);
  // Candidates of a connection that no longer exists (closed by a rebuild) are simply dropped.
  const room = rooms.media?.rooms.get(session.id);
  if (!room) return;
  await room.trickle(member.userId, r.peer, r.candidate);
}

/** The receiver's statistics: switch layers where its link asks for it, update its quality mark. */
export async function stats(rooms: ConsultRooms, socket: Socket, r: ConsultRequest<'media:stats'>) {
  const { session, member } = rooms.admitted(socket, r.consultationId);
  const before = member.quality;
  const changes = member.layers.report(r.feeds, r.rtt);
  const room = rooms.media?.rooms.get(session.id);
  for (const change of changes) {
    try {
      await room?.applyLayer(member.userId, change.feedId, change.layer);
      socket.emit('media:layer', { consultationId: session.id, ...change });
    } catch (error) {
      // The subscription went away meanwhile: forget it rather than retrying on every report.
      member.layers.forget(change.feedId);
      rooms.log.debug({ err: error, feedId: change.feedId }, 'layer change skipped');
    }
  }
  member.quality = member.layers.quality();
  if (member.quality !== before) rooms.broadcast(session);
}
