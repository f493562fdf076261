// What a workflow event may still say once the caller's access to the patient ended (migration
// 015): its step, times, places, people and codes; not what somebody wrote about the patient
// (notes, questions, answers, feedback, reasons).
const WORKFLOW_DETAILS = new Set([
  'reasonCode',
  'toInstitutionId',
  'toDepartmentId',
  'newReferralId',
  'redirectedFrom',
  'slotId',
  'appointmentAt',
  'location',
  'rescheduled',
  'via',
  'scheduledAt',
  'durationMinutes',
  'hostUserId',
  'times',
  'side',
  'userId',
  'userIds',
  'cohost',
]);

export function workflowOnly(details: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(details).filter(([k]) => WORKFLOW_DETAILS.has(k)));
}
