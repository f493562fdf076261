// Consultation opinions (会诊意见): signed by their author with the same per-user key as
// referral decisions, so an opinion can be verified later and not repudiated. Each save is a
// new revision; the latest revision per author is that author's opinion.
import {
  Conflict,
  Forbidden,
  signPayload,
  verifyPayload,
  type Actor,
  type DataCrypto,
  type Db,
} from '@tiered-care/platform';
import { assertParticipant, assertPatientReachable, auditConsultation, notifyParticipants } from './access';

export interface Opinion {
  id: number;
  consultationId: string;
  author: { userId: string; displayName: string; institutionName: string | null };
  revision: number;
  text: string;
  signedAt: Date;
  signature: string;
  /** The author's public key (PEM), so anyone can check the signature independently. */
  publicKey: string;
  /** Whether the signature matches the stored opinion under the author's key. */
  valid: boolean;
}

/** What a signature covers; rebuilt from the stored row to verify it. */
export function opinionContent(o: {
  consultationId: string;
  authorUserId: string;
  revision: number;
  text: string;
  signedAt: Date;
}) {
  return {
    kind: 'consultation-opinion',
    consultationId: o.consultationId,
    authorUserId: o.authorUserId,
    revision: o.revision,
    text: o.text,
    signedAt: o.signedAt.toISOString(),
  };
}

/**
 * Every clinician taking part writes one (the specialists and the referring doctor), per the
 * users table, not only the token; from the start of the session until the report is signed.
 */
export async function writeOpinion(
  db: Db,
  crypto: DataCrypto,
  actor: Actor,
  consultationId: string,
  text: string,
): Promise<Opinion> {
  const me = await assertParticipant(db, actor, consultationId);
  const { rows: who } = await db.query<{ roles: string[] }>('SELECT roles FROM users WHERE id = $1', [
    actor.userId,
  ]);
  const clinician = (roles: readonly string[] | undefined) =>
    roles?.includes('specialist') === true || roles?.includes('doctor') === true;
  if (!clinician(who[0]?.roles) || !clinician(actor.roles)) {
    throw Forbidden('clinician_required', 'only clinicians taking part write a consultation opinion');
  }
  if (me.status !== 'scheduled' && me.status !== 'live' && me.status !== 'ended') {
    throw Conflict(
      'opinions_closed',
      `opinions are written during and after the session, not when ${me.status}`,
    );
  }
  const { rows: keyRows } = await db.query<{ key: Buffer | null }>(
    'SELECT signing_key_of_current_user() AS key',
  );
  const key = keyRows[0]?.key;
  if (!key) throw Forbidden('no_signing_key', 'you have no signing key; ask an administrator');

  const { rows: prev } = await db.query<{ revision: number }>(
    `SELECT coalesce(max(revision), 0) AS revision FROM consultation_opinions
     WHERE consultation_id = $1 AND author_user_id = $2`,
    [consultationId, actor.userId],
  );
  const revision = (prev[0]?.revision ?? 0) + 1;
  // Milliseconds survive the round trip through timestamptz exactly, so verification rebuilds
  // the same signed string from the stored row.
  const signedAt = new Date();
  const signature = signPayload(
    crypto,
    key,
    opinionContent({ consultationId, authorUserId: actor.userId, revision, text, signedAt }),
  );
  try {
    await db.query(
      `INSERT INTO consultation_opinions (consultation_id, author_user_id, revision, text, signed_at, signature)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [consultationId, actor.userId, revision, text, signedAt, signature],
    );
  } catch (err) {
    if ((err as { code?: string }).code === '23505') {
      throw Conflict('opinion_conflict', 'this opinion was saved twice at once; reload and try again');
    }
    throw err;
  }
  await auditConsultation(db, actor, 'opinion', me, { revision });
  await notifyParticipants(db, actor, consultationId, 'opinion', me.status);
  const mine = (await currentOpinions(db, consultationId)).find((o) => o.author.userId === actor.userId);
  if (!mine) throw new Error('opinion vanished inside its own transaction');
  return mine;
}

/** The latest revision of each author's opinion, each verified against its author's key. */
export async function currentOpinions(db: Db, consultationId: string): Promise<Opinion[]> {
  const { rows } = await db.query<{
    id: number;
    author_user_id: string;
    display_name: string;
    institution_name: string | null;
    revision: number;
    text: string;
    signed_at: Date;
    signature: string;
    signing_public_key: string;
  }>(
    `SELECT DISTINCT ON (o.author_user_id) o.id, o.author_user_id, u.display_name,
            i.name AS institution_name, o.revision, o.text, o.signed_at, o.signature, u.signing_public_key
     FROM consultation_opinions o
     JOIN users u ON u.id = o.author_user_id
     LEFT JOIN institutions i ON i.id = u.institution_id
     WHERE o.consultation_id = $1
     ORDER BY o.author_user_id, o.revision DESC`,
    [consultationId],
  );
  return rows
    .map((r) => ({
      id: r.id,
      consultationId,
      author: { userId: r.author_user_id, displayName: r.display_name, institutionName: r.institution_name },
      revision: r.revision,
      text: r.text,
      signedAt: r.signed_at,
      signature: r.signature,
      publicKey: r.signing_public_key,
      valid: verifies(r.signing_public_key, r.signature, {
        consultationId,
        authorUserId: r.author_user_id,
        revision: r.revision,
        text: r.text,
        signedAt: r.signed_at,
      }),
    }))
    .sort((a, b) => a.signedAt.getTime() - b.signedAt.getTime());
}

/** A malformed stored signature or key is simply not valid; it must not fail the whole read. */
function verifies(publicKey: string, signature: string, content: Parameters<typeof opinionContent>[0]) {
  try {
    return verifyPayload(publicKey, opinionContent(content), signature);
  } catch {
    return false;
  }
}

/** The opinions as the HTTP route returns them: participants only. */
export async function readOpinions(db: Db, actor: Actor, consultationId: string): Promise<Opinion[]> {
  const me = await assertParticipant(db, actor, consultationId);
  await assertPatientReachable(db, me.patientId);
  if (me.patientId) await auditConsultation(db, actor, 'opinion_read', me);
  return currentOpinions(db, consultationId);
}
