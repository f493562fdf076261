// What every bridge handler needs, built once by createPacsBridge.
import type { Logger } from 'pino';
import type { AuditBursts } from './access/bursts';
import type { AccessDecisions } from './access/decisions';
import type { StudyHierarchies } from './access/hierarchy';
import type { SeriesReadAhead } from './cache/readAhead';
import type { ResponseCache } from './cache/responseCache';
import type { StudySource } from './pacs/endpoints';
import type { Services } from '@tiered-care/referral-api';
import type { UploadBudget, UploadSlots } from './upload/slots';

export interface PacsBridgeOptions {
  /** Browser origins allowed to call /dicom-web (default '*': bearer tokens, no cookies involved). */
  corsOrigins?: '*' | string[];
  /** Public origin written into metadata URLs, e.g. https://imaging.example.org (default: from the request). */
  publicBaseUrl?: string;
  /** Largest accepted upload, in bytes (default 1 GiB: a thin-slice CT series). */
  uploadLimitBytes?: number;
  /** Uploads one user may run at once, per process (default 2). */
  uploadsPerUser?: number;
  /** Bytes one user may upload per hour, per process (default 20 GiB; null: no limit). */
  uploadBytesPerHour?: number | null;
  /** Retrievals of one series by one user within this window share one audit row (default 60 s). */
  auditBurstMs?: number;
  /** How long a granted study stays granted without asking the database again (default 5 s; 0: always ask). */
  accessCacheMs?: number;
  /** How long a study's series and instances, as the archive listed them, are trusted (default 30 s). */
  hierarchyCacheMs?: number;
  /** Bytes of immutable answers (frames, instance metadata …) kept in memory (default 256 MiB; 0: none). */
  cacheBytes?: number;
  /**
   * Instances of a series whose first frame is read ahead into the cache when a viewer asks for
   * a frame of it that is not there (default 1000; 0: no read-ahead). See cache/readAhead.ts.
   */
  seriesReadAhead?: number;
  /** The cache itself, instead of one of `cacheBytes` (a test or the bench looks inside it). */
  cache?: ResponseCache;
  /** How often signed reports waiting to go into their study are looked for (default 5 s; null: never). */
  reportStorePollMs?: number | null;
}

export interface BridgeContext {
  services: Services;
  log: Logger;
  bursts: AuditBursts;
  decisions: AccessDecisions;
  hierarchies: StudyHierarchies;
  /** Database checks in flight, by user and study (shared by a burst's first requests). */
  grants: Map<string, Promise<StudySource>>;
  cache: ResponseCache;
  readAhead: SeriesReadAhead;
  corsOrigins: '*' | string[];
  publicBaseUrl: string | null;
  uploadLimitBytes: number;
  uploadSlots: UploadSlots;
  uploadBudget: UploadBudget;
}

/** Where the bridge's DICOMweb root is mounted. */
export const DICOMWEB_MOUNT = '/dicom-web';
