// The consult rooms' media backend as the sfu provides it, for `npm start` and the media tests.
import { iceServersFor, type Sfu } from '@tiered-care/sfu';
import type { MediaBackend } from './consult/roomContext';

/** The sfu's Janus rooms and TURN credentials, with recordings written under `recordingsDir`. */
export function sfuMedia(sfu: Sfu, recordingsDir: string): MediaBackend {
  return {
    rooms: sfu.rooms,
    iceServers: (userId) => iceServersFor(sfu.config, userId),
    recordingsDir,
  };
}
