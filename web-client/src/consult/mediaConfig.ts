// The numbers of the consult room's media, in one place.

/** Camera and microphone: 360p keeps three simulcast layers within a clinic's 1-2 Mbit/s uplink. */
export const CAMERA_CONSTRAINTS: MediaStreamConstraints = {
  audio: true,
  video: { width: 640, height: 360, frameRate: 24 },
};

/**
 * Simulcast: the SFU forwards to each receiver the layer its own link carries (see sfu/layers.ts).
 * Rids h/m/l as the SFU expects them, highest first. 'h' states its scale explicitly so no
 * browser applies the spec's implicit 2^n defaults.
 */
export function cameraEncodings(): RTCRtpEncodingParameters[] {
  return [
    { rid: 'h', maxBitrate: 500_000, scaleResolutionDownBy: 1 },
    { rid: 'm', maxBitrate: 200_000, scaleResolutionDownBy: 2 },
    { rid: 'l', maxBitrate: 80_000, scaleResolutionDownBy: 4 },
  ];
}

/** A screen share is text and images: one layer, sharp rather than smooth. */
export function screenEncodings(): RTCRtpEncodingParameters[] {
  return [{ maxBitrate: 800_000 }];
}

export const STATS_INTERVAL_MS = 2_000;
/** A connection 'disconnected' this long is treated as failed and built again. */
export const DISCONNECTED_GRACE_MS = 5_000;
/** A feed listed before its publisher's ICE is up answers feed_not_ready: ask again shortly. */
export const SUBSCRIBE_RETRY_MS = 1_000;
export const SUBSCRIBE_ATTEMPTS = 5;
export const PUBLISH_RETRY_MS = 2_000;
export const PUBLISH_ATTEMPTS = 3;
