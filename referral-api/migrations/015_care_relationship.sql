-- Access that follows the care relationship. Until now an institution reached a patient (and the
-- studies shared about them) through any referral or consultation it could see, however that
-- ended and however long ago. Now a referral or consultation gives access to the patient only:
--   * while it is open (a draft to its sender, then submitted … checked_in; requested … live);
--   * for app.care_access_days (default 90) after it closed with care given: a referral completed
--     or a no-show, a consultation ended or reported;
--   * never once it was cancelled, rejected, redirected away or declined.
-- The institution that registered the patient holds the record and never loses it. The workflow
-- rows themselves (referrals, consultations, their events) stay visible to both sides: they are
-- each side's own work record; only the patient and what is shared about them go.
--
-- Why checked_in stays open: the patient is under the receiving side's care and the referral
-- still owes the feedback that closes the loop (complete); overdue lists chase it. Why a no-show
-- closes with the grace period rather than at once: the receiving side accepted and booked the
-- patient and may have to follow up (call them, answer the sender) for a while.
--
-- Why a per-transaction setting (set by withActor with the other app.* settings) and not a settings
-- table: the value is the operator's configuration (CARE_ACCESS_DAYS) like every other, with no
-- second source of truth to keep in step at start-up and no write grant for the app role; a
-- connection without the setting (psql, a test's own pool) gets the documented default.

-- When a referral reached a final status. A trigger sets it, so no action can forget it and the
-- app can't move it (the app role may update referrals).
ALTER TABLE referrals ADD COLUMN closed_at timestamptz;
UPDATE referrals r SET closed_at = coalesce(
    CASE WHEN r.status = 'completed' THEN r.completed_at END,
    (SELECT max(e.at) FROM referral_events e WHERE e.referral_id = r.id AND e.to_status = r.status),
    r.updated_at)
  WHERE r.status IN ('completed', 'no_show', 'rejected', 'redirected', 'cancelled');

CREATE FUNCTION referral_closed_at() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.status = OLD.status THEN
    NEW.closed_at := OLD.closed_at;
  ELSIF NEW.status IN ('completed', 'no_show', 'rejected', 'redirected', 'cancelled') THEN
    NEW.closed_at := coalesce(CASE WHEN NEW.status = 'completed' THEN NEW.completed_at END, now());
  ELSE
    NEW.closed_at := NULL;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER referrals_closed_at BEFORE INSERT OR UPDATE ON referrals
  FOR EACH ROW EXECUTE FUNCTION referral_closed_at();

-- The oldest closing time that still gives access. Called as (SELECT app_care_cutoff()) in
-- policies: an InitPlan computed once per query (see 006_worklist_performance.sql).
CREATE FUNCTION app_care_cutoff() RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT now() - make_interval(days =>
    coalesce(nullif(current_setting('app.care_access_days', true), '')::integer, 90))
$$;

-- Whether a referral / consultation in this state still gives access to its patient. Plain
-- immutable expressions over the row's own columns, inlined into the policies: no lookup per row.
CREATE FUNCTION referral_gives_care(p_status text, p_closed_at timestamptz, p_cutoff timestamptz)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT p_status IN ('draft', 'submitted', 'info_requested', 'accepted', 'scheduled', 'checked_in')
    OR (p_status IN ('completed', 'no_show') AND p_closed_at > p_cutoff)
$$;
CREATE FUNCTION consultation_gives_care(p_status text, p_ended_at timestamptz, p_concluded_at timestamptz,
  p_cutoff timestamptz)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT p_status IN ('requested', 'info_requested', 'scheduled', 'live')
    OR (p_status IN ('ended', 'reported') AND greatest(p_ended_at, p_concluded_at) > p_cutoff)
$$;

-- Whether the caller's institution registered the patient (holds the record): a primary-key
-- probe, asked only when the care relationship alone does not grant access.
CREATE FUNCTION patient_registered_here(p_patient uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM patients WHERE id = p_patient AND institution_id = app_institution_id())
$$;

-- The patients policy asks the two halves of referral_gives_care separately, each on an index of
-- its own (an open referral has no closed_at: the trigger above), so a patient with a long history
-- costs one index probe per row rather than a walk through every referral about them (the
-- benchmark's data has about 200 referrals per patient). A worklist page joins 20 patients.
CREATE INDEX referrals_patient_open ON referrals (patient_id) WHERE closed_at IS NULL;
CREATE INDEX referrals_patient_cared ON referrals (patient_id, closed_at) WHERE status IN ('completed', 'no_show');

DROP POLICY patients_read ON patients;
CREATE POLICY patients_read ON patients FOR SELECT
  USING (institution_id = (SELECT app_institution_id())
    OR EXISTS (SELECT 1 FROM referrals r WHERE r.patient_id = patients.id AND r.closed_at IS NULL)
    OR EXISTS (SELECT 1 FROM referrals r WHERE r.patient_id = patients.id
      AND r.status IN ('completed', 'no_show') AND r.closed_at > (SELECT app_care_cutoff()))
    OR EXISTS (SELECT 1 FROM consultations c WHERE c.patient_id = patients.id
      AND consultation_gives_care(c.status, c.ended_at, c.concluded_at, (SELECT app_care_cutoff()))));

-- The caller's consultations (and the referrals they are about) that still give access to the
-- shared studies: open or recently closed, or about a patient the caller's institution registered.
CREATE OR REPLACE FUNCTION app_consultations() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT c.id FROM consultation_participants p JOIN consultations c ON c.id = p.consultation_id
  WHERE p.user_id = app_user_id()
    AND (consultation_gives_care(c.status, c.ended_at, c.concluded_at, app_care_cutoff())
      OR EXISTS (SELECT 1 FROM patients pt WHERE pt.id = c.patient_id AND pt.institution_id = app_institution_id()))
$$;
CREATE OR REPLACE FUNCTION app_consultation_referrals() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT c.referral_id FROM consultation_participants p JOIN consultations c ON c.id = p.consultation_id
  WHERE p.user_id = app_user_id() AND c.referral_id IS NOT NULL
    AND (consultation_gives_care(c.status, c.ended_at, c.concluded_at, app_care_cutoff())
      OR EXISTS (SELECT 1 FROM patients pt WHERE pt.id = c.patient_id AND pt.institution_id = app_institution_id()))
$$;

DROP POLICY shared_studies_read ON shared_studies;
CREATE POLICY shared_studies_read ON shared_studies FOR SELECT
  USING ((referral_id IS NOT NULL AND EXISTS (SELECT 1 FROM referrals r WHERE r.id = referral_id
      AND (referral_gives_care(r.status, r.closed_at, (SELECT app_care_cutoff()))
        OR patient_registered_here(r.patient_id))))
    OR consultation_id IN (SELECT app_consultations())
    OR referral_id IN (SELECT app_consultation_referrals()));

-- As 007's, with the care condition on both ways in; keep in step with shared_studies_read
-- (pacs-bridge's definer test compares them for every demo user).
CREATE OR REPLACE FUNCTION pacs_study_source(p_study_uid text)
RETURNS TABLE (id uuid, base_url text, username text, password_enc bytea, referral_id uuid,
  consultation_id uuid, patient_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT e.id, e.base_url, e.username, e.password_enc, s.referral_id,
    CASE WHEN r.id IS NULL THEN via.id END, s.patient_id
  FROM shared_studies s
  JOIN pacs_endpoints e ON e.id = s.pacs_endpoint_id
  JOIN patients pt ON pt.id = s.patient_id
  LEFT JOIN referrals r ON r.id = s.referral_id AND app_institution_id() IS NOT NULL
    AND (r.from_institution_id = app_institution_id()
      OR (r.to_institution_id = app_institution_id() AND r.status <> 'draft'))
    AND (referral_gives_care(r.status, r.closed_at, app_care_cutoff())
      OR pt.institution_id = app_institution_id())
  LEFT JOIN LATERAL (
    SELECT c.id FROM consultation_participants p JOIN consultations c ON c.id = p.consultation_id
    WHERE p.user_id = app_user_id() AND (c.id = s.consultation_id OR c.referral_id = s.referral_id)
      AND (consultation_gives_care(c.status, c.ended_at, c.concluded_at, app_care_cutoff())
        OR pt.institution_id = app_institution_id())
    ORDER BY c.scheduled_at DESC, c.id LIMIT 1
  ) via ON true
  WHERE s.study_instance_uid = p_study_uid AND (r.id IS NOT NULL OR via.id IS NOT NULL)
  ORDER BY r.id IS NULL, s.shared_at, s.id
  LIMIT 1
$$;

-- Holding the record (009) through a referral lasts as long as the access it gives.
CREATE OR REPLACE FUNCTION institution_holds_patient(p_patient uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT app_institution_id() IS NOT NULL AND (
    EXISTS (SELECT 1 FROM patients p WHERE p.id = p_patient AND p.institution_id = app_institution_id())
    OR EXISTS (SELECT 1 FROM referrals r
      WHERE r.patient_id = p_patient
        AND (r.to_institution_id = app_institution_id() OR r.from_institution_id = app_institution_id())
        AND r.status IN ('submitted', 'info_requested', 'accepted', 'scheduled', 'checked_in', 'completed')
        AND referral_gives_care(r.status, r.closed_at, app_care_cutoff())))
$$;

-- A redirect hands the studies on with the patient: the follow-up referral gets the original's
-- shares (the redirecting side loses them with the original). A definer, because the shares
-- belong to the sender and the redirecting institution may not write them itself; it copies
-- only onto the referral that was just made out of p_from, by the side that redirected it.
CREATE FUNCTION redirect_shares(p_from uuid, p_to uuid) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO shared_studies (study_instance_uid, pacs_endpoint_id, referral_id, patient_id, shared_by, shared_at)
  SELECT s.study_instance_uid, s.pacs_endpoint_id, p_to, s.patient_id, s.shared_by, s.shared_at
  FROM shared_studies s
  JOIN referrals o ON o.id = s.referral_id
  JOIN referrals n ON n.id = p_to AND n.parent_referral_id = o.id AND n.patient_id = s.patient_id
  WHERE s.referral_id = p_from AND o.to_institution_id = app_institution_id()
  ON CONFLICT DO NOTHING
$$;

REVOKE ALL ON FUNCTION patient_registered_here(uuid), redirect_shares(uuid, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION patient_registered_here(uuid), redirect_shares(uuid, uuid) TO referral_app;
