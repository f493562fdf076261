// Response shapes of the referral API as the client uses them.
import type {
  Direction,
  Priority,
  ReferralAction,
  ReferralStatus,
  ReferralType,
  Role,
} from '@tiered-care/common';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  roles: Role[];
  consortiumId: string;
  institution: { id: string; name: string; level: number } | null;
  department: { id: string; name: string } | null;
  /** Signed in with a password an administrator reset: the password page comes first. */
  mustChangePassword?: boolean;
}

export interface Institution {
  id: string;
  code: string;
  name: string;
  level: number;
  departments: { id: string; code: string; name: string }[];
}

export interface Directory {
  institutions: Institution[];
  routes: { toInstitutionId: string; direction: Direction }[];
}

export interface Patient {
  id: string;
  institutionId: string;
  name: string;
  gender: string;
  birthDate: string;
  idNumberMasked: string;
  phone: string | null;
}

export interface Slot {
  id: string;
  departmentId: string;
  type: ReferralType;
  startsAt: string;
  endsAt: string;
  location: string;
  capacity: number;
  booked: number;
  free: number;
}

/** Whether the caller still sees the patient (access follows the care relationship). */
export type PatientAccess = 'open' | 'ended';

export interface WorklistItem {
  id: string;
  referralNo: string;
  status: ReferralStatus;
  direction: Direction;
  type: ReferralType;
  priority: Priority;
  version: number;
  /** 'ended': the care relationship that showed the patient is over; patient fields and diagnosis are null. */
  patientAccess: PatientAccess;
  patientName: string | null;
  patientGender: string | null;
  patientBirthDate: string | null;
  fromInstitutionName: string;
  toInstitutionName: string;
  toDepartmentName: string | null;
  diagnosis: { code: string; text: string } | null;
  createdAt: string;
  submittedAt: string | null;
  decisionDueAt: string | null;
  overdue: boolean;
  appointmentAt: string | null;
}

export interface Worklist {
  items: WorklistItem[];
  nextCursor: string | null;
  counts: Partial<Record<ReferralStatus | 'overdue', number>>;
}

export interface ReferralEvent {
  id: number;
  action: string;
  fromStatus: ReferralStatus | null;
  toStatus: ReferralStatus;
  at: string;
  actor: { userId: string; name: string; institutionId: string; institutionName: string };
  details: Record<string, unknown>;
  signed: boolean;
}

export interface Referral {
  id: string;
  referralNo: string;
  status: ReferralStatus;
  direction: Direction;
  type: ReferralType;
  priority: Priority;
  version: number;
  patient: {
    id: string;
    name: string;
    gender: string;
    birthDate: string;
    idNumberMasked: string;
    phone: string | null;
  } | null;
  patientAccess: PatientAccess;
  from: { institutionId: string; institutionName: string; departmentName: string | null; userName: string };
  to: {
    institutionId: string;
    institutionName: string;
    departmentId: string | null;
    departmentName: string | null;
  };
  reason: string | null;
  diagnosis: { code: string; text: string } | null;
  summary: string | null;
  studyInstanceUids: string[];
  submittedAt: string | null;
  decisionDueAt: string | null;
  overdue: boolean;
  decidedAt: string | null;
  infoRequest: { question: string; answer: string | null } | null;
  rejection: { reasonCode: string; note: string | null } | null;
  appointment: { at: string; location: string; slotId: string | null } | null;
  checkInCode: string | null;
  checkedInAt: string | null;
  completedAt: string | null;
  feedback: { diagnosis: string; treatment: string; advice: string } | null;
  cancelReason: string | null;
  parentReferralId: string | null;
  redirectedToId: string | null;
  createdAt: string;
  events: ReferralEvent[];
  allowedActions: ReferralAction[];
}
