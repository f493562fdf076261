// What each action's small form holds, and the request body it becomes, validated with the
// same schema the API uses for that action.
import { ActionBodies, type ReferralAction } from '@tiered-care/common';
import { beijingLocalToIso } from '../ui/dates';

/** The actions whose buttons warn: they end or stop the referral. */
export const DANGER: ReadonlySet<ReferralAction> = new Set(['reject', 'cancel', 'no-show']);

/** Every field any action form may hold; each action reads the ones it needs. */
export interface ActionFormState {
  note: string;
  reasonCode: string;
  question: string;
  answer: string;
  toInstitutionId: string;
  toDepartmentId: string;
  scheduleMode: 'slot' | 'manual';
  slotId: string;
  appointmentAt: string;
  location: string;
  diagnosis: string;
  treatment: string;
  advice: string;
  reason: string;
}

/** What the fields of one action's form get (with the referral it acts on). */
export interface ActionFieldsProps {
  value: ActionFormState;
  onChange: (patch: Partial<ActionFormState>) => void;
  errors: Record<string, string | undefined>;
}

export const emptyActionForm: ActionFormState = {
  note: '',
  reasonCode: '',
  question: '',
  answer: '',
  toInstitutionId: '',
  toDepartmentId: '',
  scheduleMode: 'slot',
  slotId: '',
  appointmentAt: '',
  location: '',
  diagnosis: '',
  treatment: '',
  advice: '',
  reason: '',
};

const opt = (s: string) => (s.trim() === '' ? undefined : s);

function input(action: ReferralAction, version: number, f: ActionFormState): unknown {
  switch (action) {
    case 'submit':
      return { version, slotId: opt(f.slotId) };
    case 'accept':
      return { version, note: opt(f.note) };
    case 'reject':
      return { version, reasonCode: opt(f.reasonCode), note: f.note };
    case 'request-info':
      return { version, question: f.question };
    case 'provide-info':
      return { version, answer: f.answer };
    case 'redirect':
      return {
        version,
        toInstitutionId: opt(f.toInstitutionId),
        toDepartmentId: opt(f.toDepartmentId),
        note: f.note,
      };
    case 'schedule':
      return f.scheduleMode === 'slot'
        ? { version, slotId: opt(f.slotId) }
        : {
            version,
            appointmentAt: f.appointmentAt ? beijingLocalToIso(f.appointmentAt) : undefined,
            location: f.location,
          };
    case 'check-in':
      return { version };
    case 'no-show':
      return { version, note: opt(f.note) };
    case 'complete':
      return { version, feedback: { diagnosis: f.diagnosis, treatment: f.treatment, advice: f.advice } };
    case 'cancel':
      return { version, reason: f.reason };
  }
}

export type ParsedAction =
  | { success: true; data: ActionBodies[ReferralAction] }
  | { success: false; issues: { path: PropertyKey[]; code: string; message: string; input?: unknown }[] };

/** Schedule is a union (slot or date + place): check it against the branch the user chose. */
export function parseActionBody(action: ReferralAction, version: number, f: ActionFormState): ParsedAction {
  const value = input(action, version, f);
  const schema =
    action === 'schedule'
      ? ActionBodies.schedule.options[f.scheduleMode === 'slot' ? 0 : 1]
      : ActionBodies[action];
  const r = schema.safeParse(value);
  return r.success ? { success: true, data: r.data } : { success: false, issues: r.error.issues };
}
