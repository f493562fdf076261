// What the room's side panel holds: the participants, and the chat and the studies, one tab at a
// time, with the count of messages not yet seen beside the chat tab.
import type { RoomParticipant } from '@tiered-care/common';
import { useState } from 'react';
import { ChatPanel } from './ChatPanel';
import { ParticipantList } from './ParticipantList';
import { SidePanel, type SideTab } from './SidePanel';
import { StudiesPanel } from './StudiesPanel';
import type { useChat } from './useChat';
import type { useSharedView } from './useSharedView';
import './sidePanel.css';

export function RoomSide({
  consultationId,
  participants,
  selfUserId,
  isHost,
  onAdmit,
  chat,
  viewer,
}: {
  consultationId: string;
  participants: RoomParticipant[];
  selfUserId: string;
  isHost: boolean;
  onAdmit: (userId: string) => void;
  chat: ReturnType<typeof useChat>;
  viewer: ReturnType<typeof useSharedView>;
}) {
  const [tab, setTab] = useState<SideTab>('chat');
  const [seen, setSeen] = useState(0);
  if (tab === 'chat' && seen !== chat.messages.length) setSeen(chat.messages.length);
  const present = participants.filter((p) => p.present).length;

  return (
    <SidePanel
      people={
        <ParticipantList
          participants={participants}
          selfUserId={selfUserId}
          isHost={isHost}
          onAdmit={onAdmit}
        />
      }
      headcount={`${present}/${participants.length}`}
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
  );
}
