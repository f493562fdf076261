// SFU settings from the environment, validated once at start-up so a typo in a port range or an
// address fails loudly instead of producing a Janus that silently offers no usable candidates.
import { isIPv4 } from 'node:net';
import { z } from 'zod';

const list = z
  .string()
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
  );

const int = (min: number, max: number, fallback: number) =>
  z.coerce.number().int().min(min).max(max).default(fallback);

export const sfuEnvSchema = z
  .object({
    /** Interfaces (or address prefixes) Janus may gather ICE candidates on; empty = all. */
    SFU_ICE_INTERFACES: list,
    /** Public address of a 1:1 NAT in front of Janus (cloud VM, hospital DMZ). */
    SFU_PUBLIC_IP: z
      .string()
      .optional()
      .refine((v) => v === undefined || v === '' || isIPv4(v), 'must be an IPv4 address')
      .transform((v) => v || undefined),
    /** turn:/turns: URLs handed to browsers (clinics behind NAT/firewalls); Janus itself needs none. */
    TURN_URLS: list.refine(
      (urls) => urls.every((u) => /^turns?:/.test(u)),
      'every TURN URL must start with turn: or turns:',
    ),
    /** coturn `static-auth-secret`: browsers get short-lived TURN REST credentials derived from it. */
    TURN_SECRET: z.string().optional(),
    TURN_CREDENTIAL_TTL: int(60, 7 * 86400, 12 * 3600),
    SFU_RTP_PORTS: z
      .string()
      .default('20000-20999')
      .refine((v) => {
        const m = /^(\d+)-(\d+)$/.exec(v);
        return m !== null && Number(m[1]) >= 1024 && Number(m[1]) < Number(m[2]) && Number(m[2]) <= 65535;
      }, 'must look like 20000-20999 (unprivileged, low < high)'),
    JANUS_WS_PORT: int(1024, 65535, 8188),
    /** Janus debug_level (0-7); 4 is Janus's own default and what operators expect. */
    JANUS_DEBUG_LEVEL: int(0, 7, 4),
    /** Per-publisher video cap (bit/s) Janus asks browsers to respect: fits 1-2 Mbit/s clinic links. */
    SFU_ROOM_BITRATE: int(128_000, 10_000_000, 1_000_000),
    SFU_MAX_PUBLISHERS: int(1, 50, 6),
  })
  .refine((e) => e.TURN_URLS.length > 0 === Boolean(e.TURN_SECRET), {
    message: 'TURN_URLS and TURN_SECRET must be set together',
    path: ['TURN_SECRET'],
  });

export interface SfuConfig {
  iceInterfaces: string[];
  publicIp: string | undefined;
  turn: { urls: string[]; secret: string; ttlSeconds: number } | undefined;
  rtpPorts: string;
  wsPort: number;
  debugLevel: number;
  roomBitrate: number;
  maxPublishers: number;
}

/** Reads and validates the SFU settings; throws one error listing every bad variable. */
export function loadSfuConfig(env: NodeJS.ProcessEnv = process.env): SfuConfig {
  const parsed = sfuEnvSchema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid SFU configuration: ${problems}`);
  }
  const e = parsed.data;
  return {
    iceInterfaces: e.SFU_ICE_INTERFACES,
    publicIp: e.SFU_PUBLIC_IP,
    turn: e.TURN_SECRET
      ? { urls: e.TURN_URLS, secret: e.TURN_SECRET, ttlSeconds: e.TURN_CREDENTIAL_TTL }
      : undefined,
    rtpPorts: e.SFU_RTP_PORTS,
    wsPort: e.JANUS_WS_PORT,
    debugLevel: e.JANUS_DEBUG_LEVEL,
    roomBitrate: e.SFU_ROOM_BITRATE,
    maxPublishers: e.SFU_MAX_PUBLISHERS,
  };
}
