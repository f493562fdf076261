// 远程会诊: /consult/:id. The pre-join screen, the waiting area, the room itself, and the
// screens for a replaced window or an ended consultation. Nothing here reloads the page: a
// dropped socket, a restarted media server or a failed connection are repaired in place.
import { Uuid } from '@tiered-care/common';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { api, ApiError } from '../api/client';
import { ErrorState, Loading } from '../ui/states';
import { useAsync } from '../ui/useAsync';
import { PreJoin } from './PreJoin';
import { Room } from './Room';
import { Replaced, RoomMessage, WaitingRoom } from './RoomStates';
import type { Consultation } from '@tiered-care/common';
import { useConsultRoom } from './useConsultRoom';
import { useLocalMedia } from './useLocalMedia';

export default function ConsultRoomPage() {
  const { id = '' } = useParams();
  // One room per consultation: another id starts from a clean state.
  return <ConsultRoomScreen key={id} consultationId={id} />;
}

function ConsultRoomScreen({ consultationId }: { consultationId: string }) {
  const { t } = useTranslation('consult');
  const detail = useAsync(
    (signal) =>
      Uuid.safeParse(consultationId).success
        ? api<Consultation>('GET', `/api/consultations/${consultationId}`, { signal })
        : Promise.reject(new ApiError(404, 'not_found', 'not a consultation id')),
    [consultationId],
  );
  const room = useConsultRoom(consultationId);
  const ended = room.phase === 'ended' || detail.data?.status === 'ended';
  const local = useLocalMedia(detail.data !== undefined && !ended && room.phase !== 'replaced');

  const { leave } = room;
  const restartMedia = local.restart;
  // Leaving stops the tracks (the camera light goes off) and the pre-join preview asks anew.
  const onLeave = useCallback(() => {
    leave();
    restartMedia();
  }, [leave, restartMedia]);

  if (detail.error instanceof ApiError && detail.error.status === 404) {
    return <RoomMessage testId="consult-not-found" text={t('room.notFound')} />;
  }
  if (detail.error) return <ErrorState error={detail.error} onRetry={detail.reload} />;
  if (!detail.data) return <Loading />;
  if (ended) return <RoomMessage testId="consult-ended" text={t('room.ended')} />;

  switch (room.phase) {
    case 'idle':
    case 'joining':
      return (
        <PreJoin
          detail={detail.data}
          local={local}
          joining={room.phase === 'joining'}
          error={room.joinError}
          onJoin={() => void room.join()}
        />
      );
    case 'waiting':
      return <WaitingRoom title={detail.data.title} local={local} onLeave={onLeave} />;
    case 'in-room':
      return room.room && room.self ? (
        <Room
          room={room}
          state={room.room}
          detail={detail.data}
          selfUserId={room.self.userId}
          local={local}
          onLeave={onLeave}
        />
      ) : (
        <Loading />
      );
    case 'replaced':
      return <Replaced onRejoin={() => void room.join()} />;
    case 'ended':
      return <RoomMessage testId="consult-ended" text={t('room.ended')} />;
  }
}
