// Recording a consultation: the host asks, every participant is prompted and consents (stored
// with the time), and only when all have does Janus start recording. A withdrawn consent stops a
// running recording. On stop, janus-pp-rec (and ffmpeg, when present) turn the .mjr files into
// playable files, one per participant, whose folder is linked to the recording row.
import { consultations, type Actor } from '@tiered-care/referral-api';
import { postProcess } from '@tiered-care/sfu';
import type { Socket } from 'socket.io';
import { RoomError } from './ack';
import type { ConsultRooms } from './rooms';
import { recordingFolder } from './recovery';
import type { ConsultSession } from './session';

function hostOnly(session: ConsultSession, userId: string): void {
  if (userId !== session.hostUserId)
    throw new RoomError('host_only', 'only the host starts or stops recording');
}

const everyoneConsented = (session: ConsultSession) =>
  session.detail.participants.every((p) => p.recordingConsentAt !== null);

export async function requestRecording(rooms: ConsultRooms, socket: Socket, consultationId: string) {
  const { session, member } = rooms.admitted(socket, consultationId);
  hostOnly(session, member.userId);
  if (!rooms.media) throw new RoomError('media_unavailable', 'video is not available on this server');
  if (session.recordingId) throw new RoomError('already_recording', 'the consultation is being recorded');
  // Asking to record is the host's own consent.
  await rooms.as(member.actor, (db) =>
    consultations.setRecordingConsent(db, member.actor, consultationId, true),
  );
  session.recordingRequested = true;
  await rooms.refresh(session, member.actor);
  if (everyoneConsented(session)) await begin(rooms, session, member.actor);
  rooms.broadcast(session);
  return { recording: session.recordingId !== null };
}

export async function consent(rooms: ConsultRooms, socket: Socket, consultationId: string, given: boolean) {
  const { session, member } = rooms.admitted(socket, consultationId);
  await rooms.as(member.actor, (db) =>
    consultations.setRecordingConsent(db, member.actor, consultationId, given),
  );
  await rooms.refresh(session, member.actor);
  if (!given) {
    session.recordingRequested = false;
    if (session.recordingId) await stop(rooms, session, member.actor);
  } else if (session.recordingRequested && !session.recordingId && everyoneConsented(session)) {
    const host = session.members.get(session.hostUserId);
    await begin(rooms, session, host?.actor ?? member.actor);
  }
  rooms.broadcast(session);
}

export async function stopRecording(rooms: ConsultRooms, socket: Socket, consultationId: string) {
  const { session, member } = rooms.admitted(socket, consultationId);
  hostOnly(session, member.userId);
  session.recordingRequested = false;
  if (!session.recordingId) throw new RoomError('not_recording', 'nothing is being recorded');
  const recordingId = await stop(rooms, session, member.actor);
  rooms.broadcast(session);
  return { recordingId };
}

async function begin(rooms: ConsultRooms, session: ConsultSession, actor: Actor): Promise<void> {
  const media = rooms.media;
  if (!media) return;
  const owner = rooms.recovery && { id: rooms.recovery.owner, leaseSeconds: rooms.recovery.leaseSeconds };
  const row = await rooms.as(actor, (db) => consultations.startRecording(db, actor, session.id, owner));
  try {
    await rooms.mediaRoom(session);
    await media.rooms.startRecording(
      session.id,
      recordingFolder(media.recordingsDir, session.id, row.id).mjr,
    );
  } catch (error) {
    await rooms.as(actor, (db) => consultations.finishRecording(db, actor, row.id, { status: 'failed' }));
    throw error;
  }
  session.recordingId = row.id;
  session.recordingActor = actor;
  session.recordingRequested = false;
}

/**
 * Stops Janus recording now and post-processes in the background: the row goes to 'processing'
 * at once and to 'ready' (or 'failed') when the files are written, which notifies participants.
 */
export async function stop(rooms: ConsultRooms, session: ConsultSession, by?: Actor): Promise<string | null> {
  const media = rooms.media;
  const recordingId = session.recordingId;
  const actor = by ?? session.recordingActor;
  if (!media || !recordingId || !actor) return null;
  session.recordingId = null;
  session.recordingActor = null;
  const mjr = await media.rooms.stopRecording(session.id).catch((error: unknown) => {
    rooms.log.error({ err: error }, 'stopping the Janus recording failed');
    return [];
  });
  const finish = (result: consultations.RecordingResult) =>
    rooms.as(actor, (db) => consultations.finishRecording(db, actor, recordingId, result));
  await finish({ status: 'processing' });
  // Stopping cleared everyone's consent (each recording asks again): show it in the room.
  await rooms.refresh(session, actor).catch((error: unknown) => {
    rooms.log.warn({ err: error }, 'reloading the consultation after the recording failed');
  });
  const outDir = recordingFolder(media.recordingsDir, session.id, recordingId).files;
  const processing = postProcess(mjr, outDir)
    .then((results) => {
      if (results.length === 0) return finish({ status: 'failed' });
      const seconds = Math.round(Math.max(...results.map((r) => r.durationSeconds)));
      return finish({ status: 'ready', filePath: outDir, durationSeconds: seconds });
    })
    .catch(async (error: unknown) => {
      rooms.log.error({ err: error, recordingId }, 'post-processing the recording failed');
      await finish({ status: 'failed' }).catch(() => undefined);
    })
    .finally(() => rooms.processing.delete(processing));
  rooms.processing.add(processing);
  return recordingId;
}
