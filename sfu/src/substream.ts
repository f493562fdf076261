// Simulcast layer switching for one subscriber handle. Janus switches only on a keyframe of the
// target layer and asks the publisher for one (PLI), but Chromium ignores keyframe requests that
// come within 300 ms of its previous keyframe: a switch right after one (another subscriber's
// switch, a new subscriber) would wait for the next periodic request (fir_freq, 10 s). So if Janus
// hasn't switched shortly after, we ask once more, through the publisher's handle (Janus 1.1
// ignores `keyframe` on subscriber handles).
import VideoRoomPlugin, { type VideoRoomHandle } from 'janode/plugins/videoroom';

export interface VideoSubscription {
  handle: VideoRoomHandle;
  videoMid: string;
  /** Video forwarding paused ('audio-only'). */
  paused: boolean;
}

/** Resolves true once Janus reports forwarding `substream` on `mid`, false after `ms`. */
function switched(handle: VideoRoomHandle, mid: string, substream: number, ms: number): Promise<boolean> {
  return new Promise((resolve) => {
    const onLayer = (event: { mid?: string; sc_substream_layer?: number }) => {
      if (event.mid !== undefined && event.mid !== mid) return;
      if (event.sc_substream_layer !== substream) return;
      done(true);
    };
    const timer = setTimeout(() => done(false), ms);
    const done = (ok: boolean) => {
      clearTimeout(timer);
      handle.off(VideoRoomPlugin.EVENT.VIDEOROOM_SC_SUBSTREAM_LAYER, onLayer);
      resolve(ok);
    };
    handle.on(VideoRoomPlugin.EVENT.VIDEOROOM_SC_SUBSTREAM_LAYER, onLayer);
  });
}

/**
 * Asks Janus to forward `substream` (0 = lowest) and `temporal` layer; if Janus has not switched
 * after `retryMs`, requests one more keyframe. Resolves whether the switch was confirmed.
 */
export async function switchSubstream(
  sub: VideoSubscription,
  substream: 0 | 1 | 2,
  temporal: 0 | 1 | 2,
  requestKeyframe: () => Promise<unknown>,
  retryMs = 600,
): Promise<boolean> {
  const { handle, videoMid: mid } = sub;
  const first = switched(handle, mid, substream, retryMs);
  // send: true only when resuming: it makes Janus send one more keyframe request of its own.
  await handle.configure({ streams: [{ mid, substream, temporal, ...(sub.paused ? { send: true } : {}) }] });
  sub.paused = false;
  if (await first) return true;
  const second = switched(handle, mid, substream, 4 * retryMs);
  await requestKeyframe();
  return second;
}

/** Stops forwarding video to this subscriber; audio continues. */
export async function pauseVideo(sub: VideoSubscription): Promise<void> {
  await sub.handle.configure({ streams: [{ mid: sub.videoMid, send: false }] });
  sub.paused = true;
}
