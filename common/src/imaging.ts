// Sharing studies (pacs-bridge's /api/referrals/:id/studies and /api/consultations/:id/studies)
// and uploading DICOM files (/api/pacs/upload), as both sides see them on the wire.
import { z } from 'zod';
import { DicomUid, Timestamp } from './ids';

export const AttachStudyBody = z.strictObject({ studyInstanceUid: DicomUid });
export type AttachStudyBody = z.infer<typeof AttachStudyBody>;

/** A share of a study to a referral or consultation: what attaching one answers. */
export const SharedStudy = z.object({
  id: z.string(),
  studyInstanceUid: z.string(),
  sharedAt: Timestamp,
  sharedBy: z.string(),
});
export type SharedStudy = z.output<typeof SharedStudy>;

/** A study shared to a referral or consultation, with what its archive says about it. */
export const StudySummary = SharedStudy.extend({
  /** False when the archive didn't answer (or no longer has the study). */
  available: z.boolean(),
  /** DICOM DA, YYYYMMDD. */
  studyDate: z.string().nullable(),
  modalities: z.array(z.string()),
  description: z.string().nullable(),
  numberOfSeries: z.number().int().nullable(),
  numberOfInstances: z.number().int().nullable(),
});
export type StudySummary = z.output<typeof StudySummary>;

export const StudyList = z.object({ studies: z.array(StudySummary) });
export type StudyList = z.output<typeof StudyList>;

export const UploadResult = z.object({
  studyInstanceUids: z.array(z.string()),
  stored: z.number().int(),
  failed: z.number().int(),
});
export type UploadResult = z.output<typeof UploadResult>;

/** GET /api/ecg/…?format=json: a decoded ECG (the viewer reads the compact float32 form instead). */
export const EcgJson = z.object({
  groups: z.array(
    z.object({
      label: z.string(),
      samplingFrequency: z.number(),
      sampleCount: z.number().int(),
      channels: z.array(
        z.object({
          lead: z.string(),
          unit: z.object({ code: z.string().nullable(), meaning: z.string().nullable() }),
          samples: z.array(z.number()),
        }),
      ),
    }),
  ),
  /** From lead II of the first group that has one; null when there is none. */
  heartRate: z
    .object({
      bpm: z.number().nullable(),
      rPeaks: z.array(z.number().int()),
      rrIntervalsMs: z.array(z.number()),
      lead: z.string(),
      group: z.string(),
      samplingFrequency: z.number(),
    })
    .nullable(),
});
export type EcgJson = z.output<typeof EcgJson>;

/**
 * What the viewer decoded for the image one viewport shows: the answer of the test hook
 * `window.__viewerPixels()` (web-client/src/viewer/pixelProbe.ts), read by browser tests.
 */
export interface ShownImage {
  imageId: string;
  rows: number;
  columns: number;
  /** Values per pixel: 1 grey, 3 RGB, 4 RGBA. */
  components: number;
  /** Grey values are stored × slope + intercept when the loader scaled them. */
  scaled: boolean;
  slope: number;
  intercept: number;
  pixels: number[];
}
