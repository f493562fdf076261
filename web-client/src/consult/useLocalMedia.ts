// The local camera and microphone: acquired for the pre-join preview and kept for the room, so the
// browser asks once and the same tracks survive every renegotiation. Stopped when not wanted.
import { useCallback, useEffect, useState } from 'react';
import { CAMERA_CONSTRAINTS } from './mediaConfig';

export type LocalMediaProblem = 'denied' | 'missing' | 'failed';

interface Acquired {
  stream: MediaStream | null;
  problem: LocalMediaProblem | null;
}

const stopAll = (s: MediaStream | null) => s?.getTracks().forEach((t) => t.stop());

/** Camera and microphone, or whichever of them exists: a PC without a camera can still talk. */
async function acquire(): Promise<Acquired> {
  const tries: MediaStreamConstraints[] = [
    CAMERA_CONSTRAINTS,
    { audio: true },
    { video: CAMERA_CONSTRAINTS.video ?? true },
  ];
  let problem: LocalMediaProblem = 'missing';
  for (const [i, constraints] of tries.entries()) {
    try {
      const stream = await navigator.mediaDevices.getUserMedia(constraints);
      return { stream, problem: i === 0 ? null : 'missing' };
    } catch (err) {
      const name = err instanceof DOMException ? err.name : '';
      // Refused by the user or the site's permission: asking again with less changes nothing.
      if (name === 'NotAllowedError' || name === 'SecurityError') return { stream: null, problem: 'denied' };
      if (name !== 'NotFoundError' && name !== 'OverconstrainedError') problem = 'failed';
    }
  }
  return { stream: null, problem };
}

export function useLocalMedia(wanted: boolean) {
  const [acquired, setAcquired] = useState<Acquired>({ stream: null, problem: null });
  const [audioOn, setAudioOn] = useState(true);
  const [videoOn, setVideoOn] = useState(true);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (!wanted || !('mediaDevices' in navigator)) return;
    let cancelled = false;
    let got: MediaStream | null = null;
    void acquire().then((a) => {
      if (cancelled) {
        stopAll(a.stream);
        return;
      }
      got = a.stream;
      setAcquired(a);
    });
    return () => {
      cancelled = true;
      stopAll(got);
      setAcquired({ stream: null, problem: null });
    };
  }, [wanted, generation]);

  const stream = acquired.stream;
  // The mute switches act on the tracks themselves: a disabled track sends silence / black frames.
  useEffect(() => {
    for (const t of stream?.getAudioTracks() ?? []) t.enabled = audioOn;
  }, [stream, audioOn]);
  useEffect(() => {
    for (const t of stream?.getVideoTracks() ?? []) t.enabled = videoOn;
  }, [stream, videoOn]);

  const hasAudio = (stream?.getAudioTracks().length ?? 0) > 0;
  const hasVideo = (stream?.getVideoTracks().length ?? 0) > 0;
  return {
    stream,
    problem: acquired.problem,
    hasAudio,
    hasVideo,
    /** What the others receive: a switched-on track that exists. */
    audio: hasAudio && audioOn,
    video: hasVideo && videoOn,
    setAudio: setAudioOn,
    setVideo: setVideoOn,
    /** Stops the tracks and asks for new ones (leaving the room, then the preview again). */
    restart: useCallback(() => setGeneration((n) => n + 1), []),
  };
}

export type LocalMedia = ReturnType<typeof useLocalMedia>;
