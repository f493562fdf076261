import type { Priority } from '@tiered-care/common';

/** How long the receiving side has to decide, by priority. */
export const DECISION_WINDOW_HOURS: Record<Priority, number> = { emergency: 2, urgent: 24, routine: 72 };

export function decisionDueAt(priority: Priority, from: Date): Date {
  return new Date(from.getTime() + DECISION_WINDOW_HOURS[priority] * 3_600_000);
}

/** Overdue: still waiting for the receiving side's decision after the due time. */
export function isOverdue(status: string, dueAt: Date | null, now: Date = new Date()): boolean {
  return status === 'submitted' && dueAt !== null && dueAt.getTime() < now.getTime();
}
