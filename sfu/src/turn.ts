// TURN REST credentials (draft-uberti-behave-turn-rest, coturn `use-auth-secret`): browsers get a
// username that embeds its expiry and an HMAC of it, so the long-term TURN secret never leaves the
// server and a leaked credential stops working by itself.
import { createHmac } from 'node:crypto';
import type { SfuConfig } from './config';

export interface IceServer {
  urls: string[];
  username?: string;
  credential?: string;
}

/** ICE servers to hand one browser; empty when no TURN is configured (same-network deployments). */
export function iceServersFor(config: SfuConfig, userId: string, now = Date.now()): IceServer[] {
  if (!config.turn) return [];
  const expiry = Math.floor(now / 1000) + config.turn.ttlSeconds;
  const username = `${expiry}:${userId}`;
  const credential = createHmac('sha1', config.turn.secret).update(username).digest('base64');
  return [{ urls: config.turn.urls, username, credential }];
}
