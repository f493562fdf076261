// Sharing studies (pacs-bridge's /api/referrals/:id/studies and /api/consultations/:id/studies)
// and uploading DICOM files (/api/pacs/upload), as both sides see them on the wire.
import { z } from 'zod';
import { DicomUid } from './ids';

export const AttachStudyBody = z.strictObject({ studyInstanceUid: DicomUid });
export type AttachStudyBody = z.infer<typeof AttachStudyBody>;

/** A study shared to a referral or consultation, with what its archive says about it. */
export interface StudySummary {
  id: string;
  studyInstanceUid: string;
  sharedAt: string;
  sharedBy: string;
  /** False when the archive didn't answer (or no longer has the study). */
  available: boolean;
  /** DICOM DA, YYYYMMDD. */
  studyDate: string | null;
  modalities: string[];
  description: string | null;
  numberOfSeries: number | null;
  numberOfInstances: number | null;
}

export interface StudyList {
  studies: StudySummary[];
}

export interface UploadResult {
  studyInstanceUids: string[];
  stored: number;
  failed: number;
}
