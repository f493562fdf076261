// The bridge's settings from the environment (README, Configuration).
import { z } from 'zod';
import type { PacsBridgeOptions } from './context';

const Env = z.object({
  /** Largest upload in bytes; a request over it is 413 (default 1 GiB). */
  UPLOAD_MAX_BYTES: z.coerce
    .number()
    .int()
    .min(1024 * 1024)
    .max(64 * 1024 ** 3)
    .optional(),
  /** Uploads one user may run at once, per process (default 2). */
  UPLOADS_PER_USER: z.coerce.number().int().min(1).max(32).optional(),
  /** Bytes one user may upload per hour, per process; 0 turns the limit off (default 20 GiB). */
  UPLOAD_BYTES_PER_HOUR: z.coerce.number().int().min(0).optional(),
  /** MiB of immutable answers (frames, instance metadata …) kept in memory; 0 turns it off (default 256). */
  BRIDGE_CACHE_MB: z.coerce
    .number()
    .int()
    .min(0)
    .max(64 * 1024)
    .optional(),
  /** Seconds between looks for signed diagnosis reports to store in their study; 0 turns it off (default 5). */
  REPORT_STORE_SECONDS: z.coerce.number().int().min(0).max(3600).optional(),
  /** Instances of a series read ahead into the cache on a frame it lacks; 0 turns it off (default 1000). */
  BRIDGE_READ_AHEAD: z.coerce.number().int().min(0).max(100_000).optional(),
});

export function bridgeOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): PacsBridgeOptions {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`pacs-bridge configuration: ${problems}`);
  }
  const options: PacsBridgeOptions = {};
  if (parsed.data.UPLOAD_MAX_BYTES !== undefined) options.uploadLimitBytes = parsed.data.UPLOAD_MAX_BYTES;
  if (parsed.data.UPLOADS_PER_USER !== undefined) {
    options.uploadsPerUser = parsed.data.UPLOADS_PER_USER;
  }
  const perHour = parsed.data.UPLOAD_BYTES_PER_HOUR;
  if (perHour !== undefined) options.uploadBytesPerHour = perHour === 0 ? null : perHour;
  if (parsed.data.BRIDGE_CACHE_MB !== undefined) options.cacheBytes = parsed.data.BRIDGE_CACHE_MB * 1024 ** 2;
  const poll = parsed.data.REPORT_STORE_SECONDS;
  if (poll !== undefined) options.reportStorePollMs = poll === 0 ? null : poll * 1000;
  if (parsed.data.BRIDGE_READ_AHEAD !== undefined) options.seriesReadAhead = parsed.data.BRIDGE_READ_AHEAD;
  return options;
}
