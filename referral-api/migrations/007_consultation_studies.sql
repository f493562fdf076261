-- Sharing studies with consultations (the second half of 005_pacs.sql's shared_studies). A study
-- is shared either to a referral (as before) or to a consultation, which must be about a patient.
-- The participants of a consultation see the studies shared to it, and, when the consultation is
-- about a referral, that referral's studies too (not the referral itself).

ALTER TABLE shared_studies
  ADD CONSTRAINT shared_studies_consultation_fk FOREIGN KEY (consultation_id) REFERENCES consultations(id),
  ADD CONSTRAINT shared_studies_consultation_study UNIQUE (consultation_id, study_instance_uid);

-- The caller's consultations and the referrals they are about. Definers: the participant rows
-- are read without their policy (which would call back once per row), and a policy uses them as
-- an uncorrelated IN (SELECT …), computed once per query rather than once per row.
CREATE FUNCTION app_consultations() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT p.consultation_id FROM consultation_participants p WHERE p.user_id = app_user_id()
$$;
CREATE FUNCTION app_consultation_referrals() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT c.referral_id FROM consultation_participants p JOIN consultations c ON c.id = p.consultation_id
  WHERE p.user_id = app_user_id() AND c.referral_id IS NOT NULL
$$;

-- A participant may share into a consultation that is about this very patient and not over yet.
-- consultations' own policies only call is_consult_participant(), so this subquery can't recurse.
CREATE FUNCTION consultation_takes_study(p_consultation uuid, p_patient uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM consultations c
    JOIN consultation_participants p ON p.consultation_id = c.id AND p.user_id = app_user_id()
    WHERE c.id = p_consultation AND c.patient_id = p_patient AND c.status <> 'ended')
$$;

DROP POLICY shared_studies_read ON shared_studies;
CREATE POLICY shared_studies_read ON shared_studies FOR SELECT
  USING ((referral_id IS NOT NULL AND EXISTS (SELECT 1 FROM referrals r WHERE r.id = referral_id))
    OR consultation_id IN (SELECT app_consultations())
    OR referral_id IN (SELECT app_consultation_referrals()));

-- Referral shares keep 005's policy (shared_studies_insert); this one adds consultation shares.
CREATE POLICY shared_studies_insert_consultation ON shared_studies FOR INSERT
  WITH CHECK (shared_by = (SELECT app_user_id()) AND (SELECT app_shares_images())
    AND referral_id IS NULL AND consultation_id IS NOT NULL
    AND pacs_endpoint_usable(pacs_endpoint_id)
    AND consultation_takes_study(consultation_id, patient_id));

-- The endpoint serving a study the caller may read: shared to a referral the caller's
-- institution can see (the referrals_read condition, repeated because a definer bypasses RLS),
-- shared to a consultation the caller takes part in, or shared to the referral such a
-- consultation is about. A direct referral grant wins; otherwise `consultation_id` names the
-- consultation that granted it (for the audit trail). Keep in step with shared_studies_read
-- (pacs-bridge's definer test compares them for every demo user).
DROP FUNCTION pacs_study_source(text);
CREATE FUNCTION pacs_study_source(p_study_uid text)
RETURNS TABLE (id uuid, base_url text, username text, password_enc bytea, referral_id uuid,
  consultation_id uuid, patient_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT e.id, e.base_url, e.username, e.password_enc, s.referral_id,
    CASE WHEN r.id IS NULL THEN via.id END, s.patient_id
  FROM shared_studies s
  JOIN pacs_endpoints e ON e.id = s.pacs_endpoint_id
  LEFT JOIN referrals r ON r.id = s.referral_id AND app_institution_id() IS NOT NULL
    AND (r.from_institution_id = app_institution_id()
      OR (r.to_institution_id = app_institution_id() AND r.status <> 'draft'))
  LEFT JOIN LATERAL (
    SELECT c.id FROM consultation_participants p JOIN consultations c ON c.id = p.consultation_id
    WHERE p.user_id = app_user_id() AND (c.id = s.consultation_id OR c.referral_id = s.referral_id)
    ORDER BY c.scheduled_at DESC, c.id LIMIT 1
  ) via ON true
  WHERE s.study_instance_uid = p_study_uid AND (r.id IS NOT NULL OR via.id IS NOT NULL)
  ORDER BY r.id IS NULL, s.shared_at, s.id
  LIMIT 1
$$;

REVOKE ALL ON FUNCTION app_consultations(), app_consultation_referrals(),
  consultation_takes_study(uuid, uuid), pacs_study_source(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_consultations(), app_consultation_referrals(),
  consultation_takes_study(uuid, uuid), pacs_study_source(text) TO referral_app;
