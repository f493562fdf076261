// Registering a PACS (owner connection: the app role can't write pacs_endpoints). Used by the
// demo loader; a real region registers its PACS the same way from an admin script. One archive
// has one owner: a base URL another institution (or the region) has is refused here, and by the
// unique index of migration 016 should anything write the table past this function.
import type pg from 'pg';
import { Conflict, Invalid, type DataCrypto } from '@tiered-care/platform';

export interface EndpointRegistration {
  consortiumId: string;
  /** null registers the region's shared PACS. */
  institutionId: string | null;
  name: string;
  /** DICOMweb root, e.g. http://127.0.0.1:8042/dicom-web */
  baseUrl: string;
  username: string | null;
  password: string | null;
}

/**
 * The DICOMweb root as stored: scheme and host in lower case, no default port, no trailing
 * slash (what migration 016's pacs_url_key compares). Credentials belong in their own fields.
 */
export function normalizeBaseUrl(raw: string): string {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw Invalid('bad_pacs_url', 'the PACS address is not a URL');
  }
  if (!['http:', 'https:'].includes(url.protocol) || url.username || url.password || url.search || url.hash) {
    throw Invalid('bad_pacs_url', 'the PACS address must be a plain http(s) DICOMweb root');
  }
  return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`;
}

const taken = () =>
  Conflict(
    'pacs_url_taken',
    'another institution or the region archive already has this PACS; each owner needs an archive of its own',
  );

/** Creates or updates the institution's (or the region's) endpoint; returns its id. */
export async function registerEndpoint(
  owner: pg.ClientBase,
  crypto: DataCrypto,
  e: EndpointRegistration,
): Promise<string> {
  const baseUrl = normalizeBaseUrl(e.baseUrl);
  const passwordEnc = e.password === null ? null : crypto.encrypt(e.password);
  const existing = await owner.query<{ id: string }>(
    `SELECT id FROM pacs_endpoints WHERE consortium_id = $1 AND institution_id IS NOT DISTINCT FROM $2`,
    [e.consortiumId, e.institutionId],
  );
  const id = existing.rows[0]?.id ?? null;
  const other = await owner.query(
    'SELECT 1 FROM pacs_endpoints WHERE pacs_url_key(base_url) = pacs_url_key($1) AND id IS DISTINCT FROM $2',
    [baseUrl, id],
  );
  if ((other.rowCount ?? 0) > 0) throw taken();
  try {
    if (id) {
      await owner.query(
        `UPDATE pacs_endpoints SET name = $2, base_url = $3, username = $4, password_enc = $5, updated_at = now()
         WHERE id = $1`,
        [id, e.name, baseUrl, e.username, passwordEnc],
      );
      return id;
    }
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO pacs_endpoints (consortium_id, institution_id, name, base_url, username, password_enc)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
      [e.consortiumId, e.institutionId, e.name, baseUrl, e.username, passwordEnc],
    );
    if (!rows[0]) throw new Error('pacs endpoint insert returned nothing');
    return rows[0].id;
  } catch (err) {
    // Another registration of the same archive committed between the check and the write.
    if ((err as { constraint?: unknown }).constraint === 'pacs_endpoints_one_owner') throw taken();
    throw err;
  }
}
