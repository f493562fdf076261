// The remote-diagnosis answers as the API sends them and the client reads them.
import { z } from 'zod';
import { PatientSummary } from './consultationResponses';
import {
  AmendmentKind,
  DiagnosisAction,
  DiagnosisKind,
  DiagnosisStatus,
  EcgMeasurements,
  KeyImage,
  ReaderGrade,
  ReadingModality,
} from './diagnosis';
import { Priority } from './enums';
import { Timestamp } from './ids';
import { PatientAccess } from './referrals';

const Named = z.object({ id: z.string(), name: z.string() });
const UserRef = z.object({ userId: z.string(), displayName: z.string() });

/** GET /api/reading-centres: a department reading ECG and/or imaging for the consortium. */
export const ReadingCentre = z.object({
  institution: Named,
  department: Named,
  kinds: z.array(DiagnosisKind),
  /** Imaging modalities read (empty for an ECG-only centre). */
  modalities: z.array(ReadingModality),
});
export type ReadingCentre = z.output<typeof ReadingCentre>;
export const ReadingCentreList = z.object({ items: z.array(ReadingCentre) });
export type ReadingCentreList = z.output<typeof ReadingCentreList>;

/** The report as stored, without its signature bytes (verified says whether they check out). */
export const ReportContentOut = z.object({
  findings: z.string(),
  impression: z.string(),
  critical: z.boolean(),
  criticalNote: z.string().optional(),
  ecg: EcgMeasurements.optional(),
  keyImages: z.array(KeyImage).optional(),
});
export type ReportContentOut = z.output<typeof ReportContentOut>;

/** One signed version of a report; versions are never edited, an amendment is a new one. */
export const DiagnosisReportVersion = z.object({
  version: z.number().int().min(1),
  content: ReportContentOut,
  amendment: z.object({ kind: AmendmentKind, reason: z.string() }).nullable(),
  signedBy: UserRef.extend({ grade: ReaderGrade }),
  signedAt: Timestamp,
  /** The signature checks against the signer's public key over the canonical report. */
  verified: z.boolean(),
  cosignedBy: UserRef.nullable(),
  cosignedAt: Timestamp.nullable(),
  cosignVerified: z.boolean().nullable(),
  /** The copy stored back in the PACS study (Encapsulated PDF), once it is there. */
  pacs: z.object({ sopInstanceUid: z.string(), storedAt: Timestamp }).nullable(),
});
export type DiagnosisReportVersion = z.output<typeof DiagnosisReportVersion>;

export const DiagnosisEvent = z.object({
  id: z.number().int(),
  action: z.string(),
  fromStatus: DiagnosisStatus.nullable(),
  toStatus: DiagnosisStatus,
  at: Timestamp,
  actor: UserRef.extend({ institutionName: z.string().nullable() }),
  details: z.record(z.string(), z.unknown()),
});
export type DiagnosisEvent = z.output<typeof DiagnosisEvent>;

/** Fields the worklist row and the detail share. */
const DiagnosisHeading = z.object({
  id: z.uuid(),
  version: z.number().int().min(1),
  kind: DiagnosisKind,
  status: DiagnosisStatus,
  priority: Priority,
  /** Null once the caller's access to the patient ended (minimum necessary). */
  patient: PatientSummary.nullable(),
  patientAccess: PatientAccess,
  modality: z.string().nullable(),
  requester: UserRef,
  fromInstitution: Named,
  toInstitution: Named,
  toDepartment: Named,
  requestedAt: Timestamp,
  /** requestedAt + the turnaround target of the kind and priority. */
  dueAt: Timestamp,
  /** Past due and not yet signed (or signed after the due time). */
  overdue: z.boolean(),
  claimedBy: UserRef.nullable(),
  claimedAt: Timestamp.nullable(),
  signedAt: Timestamp.nullable(),
  /** The latest signed version flags a critical finding. */
  critical: z.boolean(),
  /** A trainee signed; a senior's co-signature is still missing. */
  awaitingCosign: z.boolean(),
  acknowledgedAt: Timestamp.nullable(),
});

export const DiagnosisListItem = DiagnosisHeading;
export type DiagnosisListItem = z.output<typeof DiagnosisListItem>;

export const DiagnosisPage = z.object({
  items: z.array(DiagnosisListItem),
  nextCursor: z.string().nullable(),
  /** Per status in the box (ignoring the status filter), plus `overdue`. */
  counts: z.record(z.string(), z.number().int()),
});
export type DiagnosisPage = z.output<typeof DiagnosisPage>;

export const DiagnosisRequest = DiagnosisHeading.extend({
  studyInstanceUid: z.string(),
  referralId: z.string().nullable(),
  /** Null once the caller's access to the patient ended. */
  clinicalInfo: z.string().nullable(),
  question: z.string().nullable(),
  /** Signed versions, oldest first. */
  reports: z.array(DiagnosisReportVersion),
  /** The unsigned draft: only the centre's readers see it. */
  draft: ReportContentOut.nullable(),
  acknowledgedBy: UserRef.nullable(),
  acknowledgeNote: z.string().nullable(),
  cancelReason: z.string().nullable(),
  /** Actions the caller may take now (the web shows only these buttons). */
  allowedActions: z.array(DiagnosisAction),
  events: z.array(DiagnosisEvent),
});
export type DiagnosisRequest = z.output<typeof DiagnosisRequest>;

/** GET /api/diagnosis-stats: per centre, month, kind and priority; no patient data. */
export const DiagnosisStatsRow = z.object({
  month: z.string(),
  institution: Named,
  department: Named,
  kind: DiagnosisKind,
  priority: Priority,
  requests: z.number().int(),
  signed: z.number().int(),
  turnaroundMedianMinutes: z.number().nullable(),
  turnaroundP90Minutes: z.number().nullable(),
  /** Share of the requests signed late or still open past due, 0–1. */
  overdueShare: z.number(),
  critical: z.number().int(),
});
export type DiagnosisStatsRow = z.output<typeof DiagnosisStatsRow>;
export const DiagnosisStats = z.object({
  from: z.string(),
  to: z.string(),
  rows: z.array(DiagnosisStatsRow),
});
export type DiagnosisStats = z.output<typeof DiagnosisStats>;

/** GET /api/ecg/:study/:series/:instance/measurements: what the bridge measures on the waveform. */
export const EcgAnalysis = z.object({
  measurements: EcgMeasurements,
  /** The lead the intervals were measured on and how many beats were averaged. */
  lead: z.string().nullable(),
  beats: z.number().int(),
});
export type EcgAnalysis = z.output<typeof EcgAnalysis>;
