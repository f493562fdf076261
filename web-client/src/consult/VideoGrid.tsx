// The room's videos: every present remote participant (camera with sound, or a name card), the
// own preview, and screen shares. A focus (the shared viewer, else the first screen share) takes
// the large area and the cameras line up beside it.
import type { RoomParticipant, SimulcastLayer } from '@tiered-care/common';
import type { ReactNode } from 'react';
import type { RemoteFeed } from './mediaSession';
import { VideoTile, type TileInfo } from './VideoTile';
import './videoGrid.css';

interface Props {
  participants: readonly RoomParticipant[];
  selfUserId: string;
  remotes: readonly RemoteFeed[];
  layers: ReadonlyMap<string, SimulcastLayer>;
  local: { stream: MediaStream | null; hasVideo: boolean; info: TileInfo };
  /** Shown large instead of a screen share (the shared viewer). */
  focus: ReactNode | null;
}

export function tileInfo(p: RoomParticipant | undefined, userId: string): TileInfo {
  return {
    userId,
    name: p?.displayName ?? '…',
    institution: p?.institutionName ?? null,
    audio: p?.audio ?? true,
    video: p?.video ?? true,
    hand: p?.handRaised ?? false,
    quality: p?.quality ?? 'unknown',
  };
}

export function VideoGrid({ participants, selfUserId, remotes, layers, local, focus }: Props) {
  const byUser = new Map(participants.map((p) => [p.userId, p]));
  const cameraOf = new Map(remotes.filter((r) => r.source === 'camera').map((r) => [r.userId, r]));
  const screens = remotes.filter((r) => r.source === 'screen');
  // A feed can arrive a moment before the snapshot that lists its owner as present.
  const others = [
    ...new Set([
      ...participants.filter((p) => p.present && p.userId !== selfUserId).map((p) => p.userId),
      ...cameraOf.keys(),
    ]),
  ];
  const mainScreen = focus ? undefined : screens[0];
  const sideScreens = focus ? screens : screens.slice(1);
  const large =
    focus ??
    (mainScreen ? (
      <ScreenTile feed={mainScreen} info={tileInfo(byUser.get(mainScreen.userId), mainScreen.userId)} />
    ) : null);

  return (
    <div className={large ? 'consult-stage with-focus' : 'consult-stage'}>
      {large && <div className="stage-focus">{large}</div>}
      <div className="stage-tiles" data-count={others.length + sideScreens.length}>
        {sideScreens.map((s) => (
          <ScreenTile key={s.feedId} feed={s} info={tileInfo(byUser.get(s.userId), s.userId)} />
        ))}
        {others.map((userId) => {
          const feed = cameraOf.get(userId);
          return (
            <VideoTile
              key={userId}
              kind="remote-video"
              stream={feed?.stream ?? null}
              hasVideo={feed !== undefined}
              info={tileInfo(byUser.get(userId), userId)}
              layer={feed ? (layers.get(feed.feedId) ?? null) : null}
              connecting={feed !== undefined && feed.state !== 'connected'}
            />
          );
        })}
        <VideoTile kind="local-video" stream={local.stream} hasVideo={local.hasVideo} info={local.info} />
      </div>
    </div>
  );
}

function ScreenTile({ feed, info }: { feed: RemoteFeed; info: TileInfo }) {
  return (
    <VideoTile
      kind="remote-screen"
      stream={feed.stream}
      hasVideo
      info={info}
      connecting={feed.state !== 'connected'}
    />
  );
}
