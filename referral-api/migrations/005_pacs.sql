-- PACS endpoints, the studies shared to referrals, and the studies clinics uploaded (pacs-bridge).
-- Consultation sharing comes later, with the consultations tables (another migration).

CREATE TABLE pacs_endpoints (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  consortium_id uuid NOT NULL REFERENCES consortia(id),
  -- NULL: the region's shared PACS, where clinics without a PACS of their own upload.
  institution_id uuid REFERENCES institutions(id),
  name text NOT NULL,
  -- The DICOMweb root, without a trailing slash (e.g. http://127.0.0.1:8042/dicom-web).
  base_url text NOT NULL CHECK (base_url ~ '^https?://[^/]+(/.*[^/])?$'),
  username text,
  -- DataCrypto ciphertext of the password; only the bridge opens it, no API ever returns it.
  password_enc bytea,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((username IS NULL) = (password_enc IS NULL))
);
CREATE UNIQUE INDEX pacs_endpoints_institution ON pacs_endpoints (institution_id)
  WHERE institution_id IS NOT NULL;
CREATE UNIQUE INDEX pacs_endpoints_region ON pacs_endpoints (consortium_id) WHERE institution_id IS NULL;

CREATE TABLE shared_studies (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  study_instance_uid text NOT NULL CHECK (study_instance_uid ~ '^[0-9]+(\.[0-9]+)*$'
    AND length(study_instance_uid) <= 64),
  pacs_endpoint_id uuid NOT NULL REFERENCES pacs_endpoints(id),
  referral_id uuid REFERENCES referrals(id),
  -- No foreign key yet: the consultations table comes from another migration. The constraint
  -- and a visibility policy for consultation participants are added with consultation sharing.
  consultation_id uuid,
  patient_id uuid NOT NULL REFERENCES patients(id),
  shared_by uuid NOT NULL REFERENCES users(id),
  shared_at timestamptz NOT NULL DEFAULT now(),
  CHECK (referral_id IS NOT NULL OR consultation_id IS NOT NULL),
  UNIQUE (referral_id, study_instance_uid)
);
CREATE INDEX shared_studies_study ON shared_studies (study_instance_uid);

-- Which institution put a study into the region's PACS. Attaching a study from the shared
-- PACS needs this claim (or the study already being shared with you): otherwise anybody who
-- learned a StudyInstanceUID could attach another clinic's upload to a referral of their own
-- and read it. One institution per study, so a crafted upload can't join somebody else's study.
CREATE TABLE pacs_uploads (
  pacs_endpoint_id uuid NOT NULL REFERENCES pacs_endpoints(id),
  study_instance_uid text NOT NULL,
  institution_id uuid NOT NULL REFERENCES institutions(id),
  uploaded_by uuid NOT NULL REFERENCES users(id),
  uploaded_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (pacs_endpoint_id, study_instance_uid)
);

ALTER TABLE pacs_endpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE shared_studies ENABLE ROW LEVEL SECURITY;
ALTER TABLE pacs_uploads ENABLE ROW LEVEL SECURITY;
-- pacs_endpoints: no grant and no policy for referral_app; the definer functions below are the
-- only way in, and each returns at most the endpoint the caller is entitled to.

-- Sharing is staff work; administrators and regional statistics users never share images.
CREATE FUNCTION app_shares_images() RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT app_has_role('doctor') OR app_has_role('specialist') OR app_has_role('coordinator') $$;

-- The endpoints a caller may take studies from: their own institution's PACS, or the region's.
CREATE FUNCTION pacs_endpoint_usable(p_endpoint_id uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (
    SELECT 1 FROM pacs_endpoints e
    WHERE e.id = p_endpoint_id AND app_institution_id() IS NOT NULL
      AND (e.institution_id = app_institution_id()
        OR (e.institution_id IS NULL AND e.consortium_id = app_consortium_id())))
$$;

-- A study row is visible exactly when its referral is (the referrals policy decides).
CREATE POLICY shared_studies_read ON shared_studies FOR SELECT
  USING (referral_id IS NOT NULL AND EXISTS (SELECT 1 FROM referrals r WHERE r.id = referral_id));
CREATE POLICY shared_studies_insert ON shared_studies FOR INSERT
  WITH CHECK (shared_by = app_user_id() AND app_shares_images() AND consultation_id IS NULL
    AND pacs_endpoint_usable(pacs_endpoint_id)
    AND EXISTS (SELECT 1 FROM referrals r WHERE r.id = referral_id
      AND r.patient_id = shared_studies.patient_id AND r.from_institution_id = app_institution_id()));

CREATE POLICY pacs_uploads_own ON pacs_uploads FOR SELECT USING (institution_id = app_institution_id());
CREATE POLICY pacs_uploads_insert ON pacs_uploads FOR INSERT
  WITH CHECK (institution_id = app_institution_id() AND uploaded_by = app_user_id()
    AND app_shares_images() AND pacs_endpoint_usable(pacs_endpoint_id));

GRANT SELECT, INSERT ON shared_studies, pacs_uploads TO referral_app;

-- The caller's own institution's PACS.
CREATE FUNCTION pacs_own_endpoint()
RETURNS TABLE (id uuid, base_url text, username text, password_enc bytea)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT e.id, e.base_url, e.username, e.password_enc FROM pacs_endpoints e
  WHERE e.institution_id = app_institution_id() AND app_user_id() IS NOT NULL
$$;

-- The region's shared PACS of the caller's consortium (only for staff of an institution).
CREATE FUNCTION pacs_region_endpoint()
RETURNS TABLE (id uuid, base_url text, username text, password_enc bytea)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT e.id, e.base_url, e.username, e.password_enc FROM pacs_endpoints e
  JOIN institutions i ON i.id = app_institution_id() AND i.consortium_id = e.consortium_id
  WHERE e.institution_id IS NULL AND e.consortium_id = app_consortium_id() AND app_user_id() IS NOT NULL
$$;

-- The endpoint serving a study shared to a referral the caller can see, with that referral
-- for the audit trail. As a definer this function bypasses row-level security, so it repeats
-- the referrals_read condition of 002_referrals.sql itself; keep the two in step
-- (pacs-bridge's definer test compares them for every demo user).
CREATE FUNCTION pacs_study_source(p_study_uid text)
RETURNS TABLE (id uuid, base_url text, username text, password_enc bytea, referral_id uuid,
  patient_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT e.id, e.base_url, e.username, e.password_enc, r.id, r.patient_id
  FROM shared_studies s
  JOIN referrals r ON r.id = s.referral_id
  JOIN pacs_endpoints e ON e.id = s.pacs_endpoint_id
  WHERE s.study_instance_uid = p_study_uid AND app_institution_id() IS NOT NULL
    AND (r.from_institution_id = app_institution_id()
      OR (r.to_institution_id = app_institution_id() AND r.status <> 'draft'))
  ORDER BY s.shared_at, s.id
  LIMIT 1
$$;

REVOKE ALL ON FUNCTION pacs_endpoint_usable(uuid), pacs_own_endpoint(), pacs_region_endpoint(),
  pacs_study_source(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION pacs_endpoint_usable(uuid), pacs_own_endpoint(), pacs_region_endpoint(),
  pacs_study_source(text) TO referral_app;
