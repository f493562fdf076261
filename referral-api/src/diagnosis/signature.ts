// Reports are signed by their reader with the reader's Ed25519 key (as referral decisions), over
// the canonical JSON of what the requester relies on: the request, the version, the content and
// the amendment. A co-signature signs the same payload, so it vouches for exactly that version.
import type { AmendmentKind } from '@tiered-care/common';
import { Forbidden, signPayload, verifyPayload, type DataCrypto, type Db } from '@tiered-care/platform';

export interface SignedReport {
  requestId: string;
  version: number;
  content: unknown;
  amendment: { kind: AmendmentKind; reason: string } | null;
}

export function reportPayload(r: SignedReport): SignedReport {
  return { requestId: r.requestId, version: r.version, content: r.content, amendment: r.amendment };
}

/** Signs with the caller's own key (only a definer function hands it out, encrypted). */
export async function signAsCaller(db: Db, crypto: DataCrypto, report: SignedReport): Promise<string> {
  const { rows } = await db.query<{ key: Buffer | null }>('SELECT signing_key_of_current_user() AS key');
  const key = rows[0]?.key;
  if (!key) throw Forbidden('no_signing_key', 'no signing key for this user');
  return signPayload(crypto, key, reportPayload(report));
}

/** Whether a stored signature checks out; a malformed key or signature is simply not verified. */
export function verifyReport(publicKeyPem: string, report: SignedReport, signature: string): boolean {
  try {
    return verifyPayload(publicKeyPem, reportPayload(report), signature);
  } catch {
    return false;
  }
}
