// Inside the consult room: videos (or the shared viewer with the videos beside it), the buttons
// below, and the side panel. Sized to fit a 1366×768 office screen without scrolling the page.
import type { Consultation, RoomState, SimulcastLayer } from '@tiered-care/common';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ChatPanel } from './ChatPanel';
import { Controls } from './Controls';
import { NoticeBar } from './NoticeBar';
import { ParticipantList } from './ParticipantList';
import { RecordingBar, RecordingIndicator } from './RecordingBar';
import { SharedViewer } from './SharedViewer';
import { SidePanel, type SideTab } from './SidePanel';
import { StudiesPanel } from './StudiesPanel';
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
  const { t } = useTranslation('consult');
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

  const [tab, setTab] = useState<SideTab>('chat');
  const [seen, setSeen] = useState(0);
  if (tab === 'chat' && seen !== chat.messages.length) setSeen(chat.messages.length);
  const present = state.participants.filter((p) => p.present).length;

  const presenter = state.participants.find((p) => p.userId === state.presenterUserId);
  const byUser = new Map(state.participants.map((p) => [p.userId, p]));
  const localInfo = {
    ...tileInfo(byUser.get(selfUserId), selfUserId),
    audio: local.audio,
    video: local.video,
  };

  return (
    <div className="consult-room" data-testid="consult-room">
      <header className="consult-head">
        <h1>{state.title}</h1>
        <CaseSummary detail={detail} />
        <RecordingIndicator active={state.recording.active} />
        <span className="spacer" />
        <span className="muted small" data-testid="presenter" data-user-id={state.presenterUserId ?? ''}>
          {viewer.presenting
            ? t('room.viewer.youPresent')
            : presenter
              ? t('room.viewer.presenter', { name: presenter.displayName })
              : t('room.viewer.nobody')}
        </span>
        {!viewer.presenting && (
          <button type="button" data-testid="take-control" onClick={() => void viewer.takeControl()}>
            {t('room.viewer.takeControl')}
          </button>
        )}
      </header>

      <div className="consult-bars">
        {!room.connected && (
          <div className="banner" role="status" data-testid="reconnecting">
            {t('room.reconnecting')}
          </div>
        )}
        {!state.mediaAvailable && (
          <div className="banner" role="status" data-testid="media-unavailable">
            {t('room.media.unavailable')}
          </div>
        )}
        <RecordingBar
          recording={state.recording}
          me={me}
          onConsent={(consent) => void act('recording:consent', { consent })}
        />
        <NoticeBar notice={room.notice} onDismiss={room.dismissNotice} />
      </div>

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

      <SidePanel
        people={
          <ParticipantList
            participants={state.participants}
            selfUserId={selfUserId}
            isHost={isHost}
            onAdmit={(userId) => void act('consult:admit', { userId })}
          />
        }
        headcount={`${present}/${state.participants.length}`}
        tab={tab}
        onSelect={setTab}
        counts={{ chat: chat.messages.length - seen }}
      >
        {/* Both stay mounted: the chat keeps its scroll and the study list isn't fetched again. */}
        <div hidden={tab !== 'chat'} className="consult-side-fill">
          <ChatPanel
            active={tab === 'chat'}
            messages={chat.messages}
            selfUserId={selfUserId}
            loadFailed={chat.loadError !== null}
            onSend={chat.post}
          />
        </div>
        <div hidden={tab !== 'images'}>
          <StudiesPanel
            consultationId={consultationId}
            following={viewer.following}
            openStudyUid={viewer.view?.studyUid ?? null}
            onOpen={viewer.open}
          />
        </div>
      </SidePanel>
    </div>
  );
}

/** Whom and what the session is about, one line under the title (the full question on hover). */
function CaseSummary({ detail }: { detail: Consultation }) {
  const { t } = useTranslation('consult');
  const { t: tc } = useTranslation();
  const p = detail.patient;
  return (
    <span className="muted small case-summary">
      {p
        ? `${p.name} · ${tc(`gender.${p.gender}`, { defaultValue: p.gender })} · ${p.birthDate}`
        : t('room.noPatient')}
      {detail.request?.question && (
        <span data-testid="room-question" title={detail.request.question}>
          {' · '}
          {detail.request.question}
        </span>
      )}
    </span>
  );
}
