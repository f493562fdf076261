// Registering a PACS (owner connection: the app role can't write pacs_endpoints). Used by the
// demo loader; a real region registers its PACS the same way from an admin script.
import type pg from 'pg';
import type { DataCrypto } from '../platform';

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

/** Creates or updates the institution's (or the region's) endpoint; returns its id. */
export async function registerEndpoint(
  owner: pg.ClientBase,
  crypto: DataCrypto,
  e: EndpointRegistration,
): Promise<string> {
  const baseUrl = e.baseUrl.replace(/\/+$/, '');
  const passwordEnc = e.password === null ? null : crypto.encrypt(e.password);
  const existing = await owner.query<{ id: string }>(
    `SELECT id FROM pacs_endpoints WHERE consortium_id = $1 AND institution_id IS NOT DISTINCT FROM $2`,
    [e.consortiumId, e.institutionId],
  );
  const id = existing.rows[0]?.id;
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
}
