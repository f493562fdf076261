import { Forbidden, hasRole, type Actor, type Db } from '@tiered-care/platform';

export interface AuditRow {
  id: number;
  at: Date;
  actor: {
    userId: string | null;
    username: string | null;
    displayName: string | null;
    institutionId: string | null;
  };
  action: string;
  entityType: string;
  entityId: string | null;
  referralId: string | null;
  patientId: string | null;
  ip: string | null;
  userAgent: string | null;
  details: unknown;
}

/** Institution administrators read the trail; RLS narrows it to what concerns their institution. */
export async function readAudit(
  db: Db,
  actor: Actor,
  q: { referralId?: string | undefined; patientId?: string | undefined; limit: number },
): Promise<AuditRow[]> {
  if (!hasRole(actor, 'institution_admin')) {
    throw Forbidden('role_required', 'only institution administrators read the audit trail');
  }
  const { rows } = await db.query<Record<string, unknown>>(
    `SELECT a.id, a.at, a.actor_user_id, u.username, u.display_name, a.actor_institution_id, a.action,
            a.entity_type, a.entity_id, a.referral_id, a.patient_id, a.ip, a.user_agent, a.details
     FROM audit_log a LEFT JOIN users u ON u.id = a.actor_user_id
     WHERE ($1::uuid IS NULL OR a.referral_id = $1 OR a.details -> 'ids' ? $1::text)
       AND ($2::uuid IS NULL OR a.patient_id = $2 OR a.details -> 'ids' ? $2::text)
     ORDER BY a.id DESC LIMIT $3`,
    [q.referralId ?? null, q.patientId ?? null, q.limit],
  );
  return rows.map((r) => ({
    id: r.id as number,
    at: r.at as Date,
    actor: {
      userId: r.actor_user_id as string | null,
      username: r.username as string | null,
      displayName: r.display_name as string | null,
      institutionId: r.actor_institution_id as string | null,
    },
    action: r.action as string,
    entityType: r.entity_type as string,
    entityId: r.entity_id as string | null,
    referralId: r.referral_id as string | null,
    patientId: r.patient_id as string | null,
    ip: r.ip as string | null,
    userAgent: r.user_agent as string | null,
    details: r.details,
  }));
}
