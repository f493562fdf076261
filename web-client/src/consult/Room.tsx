// Inside the consult room: videos (or the shared viewer with the videos beside it), the buttons
// below, and the side panel. Sized to fit a 1366×768 office screen without scrolling the page.
import type { RoomState } from '@tiered-care/common';
import { useCallback, useEffect, useState } from 'react';
import { Controls } from './Controls';
import { RoomBars } from './RoomBars';
import { RoomHeader } from './RoomHeader';
import { RoomSide } from './RoomSide';
import { SharedViewer } from './SharedViewer';
import type { Consultation, SimulcastLayer } from '@tiered-care/common';
import type { ConsultRoom } from './useConsultRoom';
import { useChat } from './useChat';
import type { LocalMedia } from './useLocalMedia';
import { useMediaSession } from './useMediaSession';
import { useRoomEvent } from './useRoomEvent';
import { useSharedView } from './useSharedView';
import { tileInfo, VideoGrid } from './VideoGrid';
import './room.css';

interface Props {
  room: ConsultRoom;
  state: RoomState;
  /** The consultation as the API describes it: the patient and the clinical question. */
  detail: Consultation;
  selfUserId: string;
  local: LocalMedia;
  onLeave: () => void;
}

export function Room({ room, state, detail, selfUserId, local, onLeave }: Props) {
  const { send, act, showNotice, joinEpoch, mediaEpoch, iceServers, me, isHost } = room;
  const consultationId = state.consultationId;

  const onNotice = useCallback(
    (code: string, message: string) => showNotice({ code, message }),
    [showNotice],
  );
  const { session, media } = useMediaSession({
    enabled: state.mediaAvailable,
    send,
    selfUserId,
    iceServers,
    camera: local.stream,
    publishers: state.publishers,
    epoch: mediaEpoch,
    onNotice,
  });

  // The layer the SFU forwards per subscription: the tile says when it dropped to audio only.
  const [layers, setLayers] = useState<ReadonlyMap<string, SimulcastLayer>>(new Map());
  useRoomEvent('media:layer', (e) => {
    if (e.consultationId === consultationId) setLayers((m) => new Map(m).set(e.feedId, e.layer));
  });

  const chat = useChat(consultationId, send, joinEpoch);
  const viewer = useSharedView({
    consultationId,
    selfUserId,
    presenterUserId: state.presenterUserId,
    snapshotView: state.view,
    send,
    onProblem: showNotice,
  });

  // What we send, for the others' mute and camera-off marks: after every (re-)join (the server
  // may have started us afresh) and after every switch.
  useEffect(() => {
    void send('consult:media-state', { audio: local.audio, video: local.video });
  }, [send, local.audio, local.video, joinEpoch]);

  const presenter = state.participants.find((p) => p.userId === state.presenterUserId);
  const byUser = new Map(state.participants.map((p) => [p.userId, p]));
  const localInfo = {
    ...tileInfo(byUser.get(selfUserId), selfUserId),
    audio: local.audio,
    video: local.video,
  };

  return (
    <div className="consult-room" data-testid="consult-room">
      <RoomHeader
        title={state.title}
        detail={detail}
        recording={state.recording.active}
        presenterUserId={state.presenterUserId}
        presenterName={presenter?.displayName ?? null}
        presenting={viewer.presenting}
        onTakeControl={() => void viewer.takeControl()}
      />

      <RoomBars
        connected={room.connected}
        mediaAvailable={state.mediaAvailable}
        recording={state.recording}
        me={me}
        onConsent={(consent) => void act('recording:consent', { consent })}
        notice={room.notice}
        onDismiss={room.dismissNotice}
      />

      <VideoGrid
        participants={state.participants}
        selfUserId={selfUserId}
        remotes={media.remotes}
        layers={layers}
        local={{ stream: local.stream, hasVideo: local.hasVideo, info: localInfo }}
        focus={
          viewer.view && (
            <SharedViewer
              view={viewer.view}
              following={viewer.following}
              onImageChange={viewer.onImageChange}
              onEcgChange={viewer.onEcgChange}
              onClose={viewer.close}
            />
          )
        }
      />

      <Controls
        audio={local.audio}
        video={local.video}
        hasAudio={local.hasAudio}
        hasVideo={local.hasVideo}
        mediaAvailable={state.mediaAvailable && session !== null}
        sharing={media.sharingScreen}
        handRaised={me?.handRaised ?? false}
        isHost={isHost}
        recording={state.recording}
        onMic={() => local.setAudio(!local.audio)}
        onCamera={() => local.setVideo(!local.video)}
        onShare={() => void (media.sharingScreen ? session?.stopScreen() : session?.startScreen())}
        onHand={() => void act('consult:hand', { raised: !(me?.handRaised ?? false) })}
        onStartRecording={() => void act('recording:start', {})}
        onStopRecording={() => void act('recording:stop', {})}
        onLeave={onLeave}
        onEnd={() => void room.end()}
      />

      <RoomSide
        consultationId={consultationId}
        participants={state.participants}
        selfUserId={selfUserId}
        isHost={isHost}
        onAdmit={(userId) => void act('consult:admit', { userId })}
        chat={chat}
        viewer={viewer}
      />
    </div>
  );
}
