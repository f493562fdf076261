// Binds a MediaSession to the room: one session while media is available, following the room's
// publishers, and built again from scratch whenever `epoch` changes (re-join, renegotiate).
import type { RoomPublisher } from '@tiered-care/common';
import { useEffect, useRef, useState, useSyncExternalStore } from 'react';
import { MediaSession, type MediaSnapshot } from './mediaSession';
import type { RoomSend } from './roomSocket';

interface Options {
  enabled: boolean;
  send: RoomSend;
  selfUserId: string;
  iceServers: RTCIceServer[];
  camera: MediaStream | null;
  publishers: readonly RoomPublisher[];
  epoch: number;
  onNotice: (code: string, message: string) => void;
}

const EMPTY: MediaSnapshot = { remotes: [], sharingScreen: false, cameraState: null };
const noSubscription = () => () => undefined;
const emptySnapshot = () => EMPTY;

export function useMediaSession(o: Options): { session: MediaSession | null; media: MediaSnapshot } {
  const { enabled, send, selfUserId, iceServers, camera, publishers, epoch } = o;
  const [session, setSession] = useState<MediaSession | null>(null);
  const latest = useRef(o);
  const epochSeen = useRef(epoch);
  useEffect(() => {
    latest.current = o;
  });

  useEffect(() => {
    if (!enabled) return;
    const s = new MediaSession({
      send,
      selfUserId,
      iceServers: latest.current.iceServers,
      onNotice: (code, message) => latest.current.onNotice(code, message),
    });
    // A new session starts from the current state: no renegotiation owed for older epochs.
    epochSeen.current = latest.current.epoch;
    s.syncPublishers(latest.current.publishers);
    s.start(latest.current.camera);
    setSession(s);
    return () => {
      s.stop();
      setSession(null);
    };
  }, [enabled, send, selfUserId]);

  useEffect(() => session?.setIceServers(iceServers), [session, iceServers]);
  useEffect(() => session?.setCamera(camera), [session, camera]);
  useEffect(() => session?.syncPublishers(publishers), [session, publishers]);
  useEffect(() => {
    if (!session || epochSeen.current === epoch) return;
    epochSeen.current = epoch;
    session.renegotiate();
  }, [session, epoch]);

  const media = useSyncExternalStore(
    session ? session.subscribe : noSubscription,
    session ? session.getSnapshot : emptySnapshot,
  );
  return { session, media };
}
