-- A hospital's own PACS is not the region archive. Where an institution's endpoint and the
-- region's upload archive are the same server (the demo, a small county), everything another
-- clinic uploaded would look like the hospital's own. The upload claims are the ownership
-- record: of the given studies, these were uploaded by another institution to the same
-- archive, so the caller's own-PACS search leaves them out and attaching from "own" refuses them.
CREATE FUNCTION pacs_foreign_studies(p_uids text[]) RETURNS SETOF text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT DISTINCT u.study_instance_uid FROM pacs_uploads u
  JOIN pacs_endpoints ue ON ue.id = u.pacs_endpoint_id
  JOIN pacs_endpoints own ON own.institution_id = app_institution_id() AND own.base_url = ue.base_url
  WHERE u.study_instance_uid = ANY (p_uids) AND u.institution_id <> app_institution_id()
$$;
REVOKE ALL ON FUNCTION pacs_foreign_studies(text[]) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pacs_foreign_studies(text[]) TO referral_app;
