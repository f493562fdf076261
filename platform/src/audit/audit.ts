import type { Actor } from '../db/context';
import type { Db } from '../db/tx';

export interface AuditEntry {
  action: string;
  entityType: 'referral' | 'patient' | 'slot' | 'user' | 'stats' | 'consultation' | 'diagnosis_request';
  entityId?: string | null;
  referralId?: string | null;
  patientId?: string | null;
  details?: Record<string, unknown>;
}

/** The audit row's columns, in the order of auditRowValues (for statements that write it with others). */
export const AUDIT_COLUMNS =
  'actor_user_id, actor_institution_id, action, entity_type, entity_id, referral_id, patient_id, ip, user_agent, details';

export function auditRowValues(actor: Actor, e: AuditEntry): unknown[] {
  return [
    actor.userId,
    actor.institutionId,
    e.action,
    e.entityType,
    e.entityId ?? null,
    e.referralId ?? null,
    e.patientId ?? null,
    actor.ip,
    actor.userAgent,
    e.details ?? {},
  ];
}

/**
 * Written in the caller's transaction: if the audit row can't be written, the read or change it
 * describes doesn't happen either.
 */
export async function audit(db: Db, actor: Actor, e: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (${AUDIT_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
    auditRowValues(actor, e),
  );
}

/** One row for a list read, naming every referral or patient it returned. */
export async function auditList(
  db: Db,
  actor: Actor,
  action: string,
  entityType: AuditEntry['entityType'],
  ids: string[],
  details: Record<string, unknown> = {},
): Promise<void> {
  if (ids.length === 0) return;
  await audit(db, actor, { action, entityType, details: { ...details, ids } });
}
