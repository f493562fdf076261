// Remote diagnosis (远程心电诊断 / 远程影像诊断): a clinic sends one ECG or imaging study to a regional
// reading centre, which reads it and returns a signed report. Asynchronous, with turnaround targets
// the region watches. Requests, actions and queries shared by the API and the web client.
import { z } from 'zod';
import { Priority } from './enums';
import { DicomUid, Uuid } from './ids';

export const DiagnosisKind = z.enum(['ecg', 'imaging']);
export type DiagnosisKind = z.infer<typeof DiagnosisKind>;

/**
 * `reported` is a saved draft (or a trainee's signed report waiting for a senior's co-signature);
 * `signed` reached the requester; `acknowledged` the requester confirmed reading it.
 */
export const DiagnosisStatus = z.enum([
  'requested',
  'claimed',
  'reported',
  'signed',
  'acknowledged',
  'cancelled',
]);
export type DiagnosisStatus = z.infer<typeof DiagnosisStatus>;

export const DiagnosisAction = z.enum([
  'claim',
  'release',
  'report',
  'sign',
  'cosign',
  'acknowledge',
  'amend',
  'cancel',
]);
export type DiagnosisAction = z.infer<typeof DiagnosisAction>;

/** Modalities an imaging reading centre may accept (DICOM Modality codes). */
export const ReadingModality = z.enum(['CR', 'DX', 'CT', 'MR', 'US', 'MG', 'XA', 'RF', 'NM', 'PT']);
export type ReadingModality = z.infer<typeof ReadingModality>;

/** A reader's grade: a trainee's signed report needs a senior reader's co-signature. */
export const ReaderGrade = z.enum(['senior', 'trainee']);
export type ReaderGrade = z.infer<typeof ReaderGrade>;

/** Turnaround targets in minutes, from the request to the (co-)signed report. */
export const TURNAROUND_MINUTES: Readonly<Record<DiagnosisKind, Readonly<Record<Priority, number>>>> = {
  ecg: { emergency: 15, urgent: 60, routine: 24 * 60 },
  imaging: { emergency: 30, urgent: 4 * 60, routine: 48 * 60 },
};

const Text = (max: number) => z.string().trim().min(1).max(max);
const Version = z.number().int().min(1);
const Ms = z.number().int().min(0).max(2000);

/** 诊断申请. The study is shared to the request: the centre's readers can open it, nobody else. */
export const CreateDiagnosisRequestBody = z.strictObject({
  kind: DiagnosisKind,
  patientId: Uuid,
  studyInstanceUid: DicomUid,
  toInstitutionId: Uuid,
  toDepartmentId: Uuid,
  priority: Priority,
  clinicalInfo: Text(4000),
  question: Text(2000),
  /** Sent from a referral's page: the request links back to it. */
  referralId: Uuid.optional(),
});
export type CreateDiagnosisRequestBody = z.infer<typeof CreateDiagnosisRequestBody>;

/**
 * ECG measurements. The bridge computes what it can from the waveform (null where it cannot);
 * in a report the reader's values, prefilled from the bridge's and editable.
 */
export const EcgMeasurements = z.strictObject({
  heartRate: z.number().int().min(10).max(350).nullable(),
  rhythm: z.string().trim().max(200).nullable(),
  prMs: Ms.nullable(),
  qrsMs: Ms.nullable(),
  qtMs: Ms.nullable(),
  qtcMs: Ms.nullable(),
  axisDeg: z.number().int().min(-180).max(180).nullable(),
});
export type EcgMeasurements = z.infer<typeof EcgMeasurements>;

/** An image the report points to (shown in the PDF). */
export const KeyImage = z.strictObject({
  seriesInstanceUid: DicomUid,
  sopInstanceUid: DicomUid,
  frame: z.number().int().min(1).max(10000).optional(),
  note: z.string().trim().max(200).optional(),
});
export type KeyImage = z.infer<typeof KeyImage>;

/** What a reader writes: structured findings, 诊断意见, and for ECG the measured values. */
export const ReportContent = z
  .strictObject({
    findings: Text(8000),
    impression: Text(4000),
    /** 危急值: the requester is told prominently and must acknowledge. */
    critical: z.boolean().default(false),
    criticalNote: z.string().trim().max(1000).optional(),
    ecg: EcgMeasurements.optional(),
    keyImages: z.array(KeyImage).max(6).optional(),
  })
  .refine((r) => !r.criticalNote || r.critical, 'a critical note belongs to a critical finding');
export type ReportContent = z.infer<typeof ReportContent>;

export const AmendmentKind = z.enum(['addendum', 'correction']);
export type AmendmentKind = z.infer<typeof AmendmentKind>;

/** Body schema for each action; every body carries the version the caller saw. */
export const DiagnosisActionBodies = {
  claim: z.strictObject({ version: Version }),
  release: z.strictObject({ version: Version, note: z.string().trim().max(1000).optional() }),
  /** Saves (or replaces) the draft; only the reader who claimed the request. */
  report: z.strictObject({ version: Version, report: ReportContent }),
  /** Signs the current draft with the reader's key; a trainee's goes to `cosign`. */
  sign: z.strictObject({ version: Version }),
  /** A senior reader of the centre signs a trainee's signed report as well. */
  cosign: z.strictObject({ version: Version }),
  /** The requester confirms reading the (critical) report; recorded and audited. */
  acknowledge: z.strictObject({ version: Version, note: z.string().trim().max(1000).optional() }),
  /** A new signed version: earlier versions stay readable; the requester is told again. */
  amend: z.strictObject({
    version: Version,
    amendment: AmendmentKind,
    reason: Text(1000),
    report: ReportContent,
  }),
  /** The requester withdraws a request nobody has signed yet. */
  cancel: z.strictObject({ version: Version, reason: Text(1000) }),
} as const;
export type DiagnosisActionBodies = {
  [K in keyof typeof DiagnosisActionBodies]: z.infer<(typeof DiagnosisActionBodies)[K]>;
};

/**
 * `incoming`: the reading worklist of the caller's centre, most urgent first (overdue, then
 * priority, then due time); `outgoing`: what the caller's institution sent, newest first.
 */
export const DiagnosisListQuery = z.strictObject({
  box: z.enum(['incoming', 'outgoing']),
  status: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(DiagnosisStatus).max(6))
    .optional(),
  kind: DiagnosisKind.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** Only requests claimed by the caller (a reader's own work). */
  mine: z.enum(['true', 'false']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  cursor: z.string().max(500).optional(),
});
export type DiagnosisListQuery = z.infer<typeof DiagnosisListQuery>;

/** Months in Asia/Shanghai, both inclusive; the API defaults to the last 12 months. */
export const DiagnosisStatsQuery = z
  .strictObject({
    from: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM')
      .optional(),
    to: z
      .string()
      .regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM')
      .optional(),
    institutionId: Uuid.optional(),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, 'from must not be after to');
export type DiagnosisStatsQuery = z.infer<typeof DiagnosisStatsQuery>;

/** Reading centres the caller's institution may send to (routes decide), or all for admins. */
export const ReadingCentreQuery = z.strictObject({ kind: DiagnosisKind.optional() });
export type ReadingCentreQuery = z.infer<typeof ReadingCentreQuery>;
