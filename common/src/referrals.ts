import { z } from 'zod';
import { Direction, Priority, ReferralAction, ReferralStatus, ReferralType, RejectReason } from './enums';
import { CalendarDate, DicomUid, Icd10Code, Instant, Timestamp, Uuid } from './ids';

const Text = (max: number) => z.string().trim().min(1).max(max);

export const Diagnosis = z.strictObject({
  code: Icd10Code,
  text: Text(200),
});

export const CreateReferralBody = z.strictObject({
  patientId: Uuid,
  toInstitutionId: Uuid,
  toDepartmentId: Uuid.optional(),
  type: ReferralType,
  priority: Priority,
  reason: Text(2000),
  diagnosis: Diagnosis,
  summary: Text(10000),
  studyInstanceUids: z.array(DicomUid).max(50).optional(),
  slotId: Uuid.optional(),
  /** Save without submitting; the referring side submits later with the `submit` action. */
  draft: z.boolean().optional(),
});
export type CreateReferralBody = z.infer<typeof CreateReferralBody>;

const Version = z.number().int().min(1);

/** Body schema for each action; every body carries the version the caller saw. */
export const ActionBodies = {
  submit: z.strictObject({ version: Version, slotId: Uuid.optional() }),
  accept: z.strictObject({ version: Version, note: z.string().trim().max(2000).optional() }),
  reject: z.strictObject({ version: Version, reasonCode: RejectReason, note: Text(2000) }),
  'request-info': z.strictObject({ version: Version, question: Text(2000) }),
  'provide-info': z.strictObject({ version: Version, answer: Text(5000) }),
  redirect: z.strictObject({
    version: Version,
    toInstitutionId: Uuid,
    toDepartmentId: Uuid.optional(),
    note: Text(2000),
  }),
  schedule: z.union([
    z.strictObject({ version: Version, slotId: Uuid }),
    z.strictObject({
      version: Version,
      appointmentAt: Instant,
      location: Text(200),
    }),
  ]),
  'check-in': z.strictObject({ version: Version }),
  'no-show': z.strictObject({ version: Version, note: z.string().trim().max(2000).optional() }),
  complete: z.strictObject({
    version: Version,
    feedback: z.strictObject({ diagnosis: Text(2000), treatment: Text(5000), advice: Text(5000) }),
  }),
  cancel: z.strictObject({ version: Version, reason: Text(2000) }),
} as const;
export type ActionBodies = { [K in keyof typeof ActionBodies]: z.infer<(typeof ActionBodies)[K]> };

export const ReferralListQuery = z.strictObject({
  box: z.enum(['incoming', 'outgoing']),
  status: z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(ReferralStatus).max(11))
    .optional(),
  priority: Priority.optional(),
  overdue: z.enum(['true', 'false']).optional(),
  /** Appointments on this calendar day (Asia/Shanghai), for the 今日报到 list. */
  appointmentDate: CalendarDate.optional(),
  q: z.string().trim().max(64).optional(),
  sort: z.enum(['urgency', 'newest']).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(500).optional(),
});
export type ReferralListQuery = z.infer<typeof ReferralListQuery>;

export const CheckInBody = z.strictObject({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[0-9A-Z]{8}$/, 'a check-in code has 8 letters and digits'),
});

export const StatsQuery = z.strictObject({
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
});
export type StatsQuery = z.infer<typeof StatsQuery>;

export const AuditQuery = z
  .strictObject({
    referralId: Uuid.optional(),
    patientId: Uuid.optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
  })
  .refine((q) => q.referralId ?? q.patientId, 'give referralId or patientId');

export const SlotQuery = z.strictObject({
  institutionId: Uuid,
  departmentId: Uuid.optional(),
  from: CalendarDate.optional(),
  to: CalendarDate.optional(),
});

export const CreateSlotsBody = z.strictObject({
  departmentId: Uuid,
  slots: z
    .array(
      z.strictObject({
        startsAt: Instant,
        endsAt: Instant,
        capacity: z.number().int().min(1).max(100),
        location: Text(200),
        type: ReferralType.default('outpatient'),
      }),
    )
    .min(1)
    .max(500),
});

// ---- Responses ----

/** Whether the caller still sees the patient (access follows the care relationship, migration 015). */
export const PatientAccess = z.enum(['open', 'ended']);
export type PatientAccess = z.output<typeof PatientAccess>;

const Coded = z.object({ code: z.string(), text: z.string() });

export const ReferralEvent = z.object({
  id: z.number().int(),
  action: z.string(),
  fromStatus: ReferralStatus.nullable(),
  toStatus: ReferralStatus,
  at: Timestamp,
  actor: z.object({
    userId: z.string(),
    name: z.string(),
    institutionId: z.string(),
    institutionName: z.string(),
  }),
  details: z.record(z.string(), z.unknown()),
  signed: z.boolean(),
});
export type ReferralEvent = z.output<typeof ReferralEvent>;

/** What every view of a referral starts with: which one, where it stands, which way it goes. */
const ReferralHeading = z.object({
  id: z.uuid(),
  referralNo: z.string(),
  status: ReferralStatus,
  direction: Direction,
  type: ReferralType,
  priority: Priority,
  version: z.number().int(),
});

export const Referral = ReferralHeading.extend({
  /** Null once the caller's access to the patient ended (patientAccess 'ended'). */
  patient: z
    .object({
      id: z.string(),
      name: z.string(),
      gender: z.string(),
      birthDate: z.string(),
      idNumberMasked: z.string(),
      phone: z.string().nullable(),
    })
    .nullable(),
  patientAccess: PatientAccess,
  from: z.object({
    institutionId: z.string(),
    institutionName: z.string(),
    departmentName: z.string().nullable(),
    userName: z.string(),
  }),
  to: z.object({
    institutionId: z.string(),
    institutionName: z.string(),
    departmentId: z.string().nullable(),
    departmentName: z.string().nullable(),
  }),
  reason: z.string().nullable(),
  diagnosis: Coded.nullable(),
  summary: z.string().nullable(),
  studyInstanceUids: z.array(z.string()),
  submittedAt: Timestamp.nullable(),
  decisionDueAt: Timestamp.nullable(),
  overdue: z.boolean(),
  decidedAt: Timestamp.nullable(),
  infoRequest: z.object({ question: z.string(), answer: z.string().nullable() }).nullable(),
  rejection: z.object({ reasonCode: z.string(), note: z.string().nullable() }).nullable(),
  // The database holds no location for an appointment booked without one.
  appointment: z
    .object({ at: Timestamp, location: z.string().nullable(), slotId: z.string().nullable() })
    .nullable(),
  checkInCode: z.string().nullable(),
  checkedInAt: Timestamp.nullable(),
  completedAt: Timestamp.nullable(),
  feedback: z.object({ diagnosis: z.string(), treatment: z.string(), advice: z.string() }).nullable(),
  cancelReason: z.string().nullable(),
  parentReferralId: z.string().nullable(),
  redirectedToId: z.string().nullable(),
  createdAt: Timestamp,
  events: z.array(ReferralEvent),
  allowedActions: z.array(ReferralAction),
});
export type Referral = z.output<typeof Referral>;

export const WorklistItem = ReferralHeading.extend({
  /** 'ended': the care relationship that showed the patient is over; patient fields and diagnosis are null. */
  patientAccess: PatientAccess,
  patientName: z.string().nullable(),
  patientGender: z.string().nullable(),
  patientBirthDate: z.string().nullable(),
  fromInstitutionName: z.string(),
  toInstitutionName: z.string(),
  toDepartmentName: z.string().nullable(),
  diagnosis: Coded.nullable(),
  createdAt: Timestamp,
  submittedAt: Timestamp.nullable(),
  decisionDueAt: Timestamp.nullable(),
  overdue: z.boolean(),
  appointmentAt: Timestamp.nullable(),
});
export type WorklistItem = z.output<typeof WorklistItem>;

/** GET /api/referrals: one page of a worklist, with counts per status (and overdue). */
export const ReferralListPage = z.object({
  items: z.array(WorklistItem),
  nextCursor: z.string().nullable(),
  counts: z.partialRecord(z.union([ReferralStatus, z.literal('overdue')]), z.number().int()),
});
export type ReferralListPage = z.output<typeof ReferralListPage>;

/** A reserved appointment slot with its free places. */
export const Slot = z.object({
  id: z.uuid(),
  departmentId: z.string(),
  type: ReferralType,
  startsAt: Timestamp,
  endsAt: Timestamp,
  location: z.string(),
  capacity: z.number().int(),
  booked: z.number().int(),
  free: z.number().int(),
});
export type Slot = z.output<typeof Slot>;
