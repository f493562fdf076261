-- Audit trail of every read and write of patient data, and the statistics source.

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid REFERENCES users(id),
  actor_institution_id uuid REFERENCES institutions(id),
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id uuid,
  referral_id uuid,
  patient_id uuid,
  ip text,
  user_agent text,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_referral ON audit_log (referral_id, id) WHERE referral_id IS NOT NULL;
CREATE INDEX audit_log_patient ON audit_log (patient_id, id) WHERE patient_id IS NOT NULL;
CREATE INDEX audit_log_actor_institution ON audit_log (actor_institution_id, id);
-- List reads name the rows they returned in details.ids; find them per referral/patient.
CREATE INDEX audit_log_listed_ids ON audit_log USING gin ((details -> 'ids'));

ALTER TABLE audit_log ENABLE ROW LEVEL SECURITY;
-- Anyone writes rows about themselves; only institution administrators read, and only rows of
-- their own staff or about referrals/patients their institution takes part in.
CREATE POLICY audit_insert ON audit_log FOR INSERT
  WITH CHECK (actor_user_id = app_user_id()
    AND actor_institution_id IS NOT DISTINCT FROM app_institution_id());
CREATE POLICY audit_read ON audit_log FOR SELECT
  USING (app_has_role('institution_admin') AND (
    actor_institution_id = app_institution_id()
    OR (referral_id IS NOT NULL AND EXISTS (SELECT 1 FROM referrals r WHERE r.id = referral_id))
    OR (patient_id IS NOT NULL AND EXISTS (
      SELECT 1 FROM patients p WHERE p.id = patient_id AND p.institution_id = app_institution_id()))));
GRANT SELECT, INSERT ON audit_log TO referral_app;
GRANT USAGE ON SEQUENCE audit_log_id_seq TO referral_app;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Statistics read referral facts without any patient column. Regional administrators see the
-- whole consortium; everybody else the referrals their institution sends or receives.
CREATE FUNCTION referral_facts(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (direction text, status text, type text, priority text,
  from_institution_id uuid, to_institution_id uuid, created_at timestamptz,
  submitted_at timestamptz, decided_at timestamptz, decision_due_at timestamptz, accepted boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT r.direction, r.status, r.type, r.priority, r.from_institution_id, r.to_institution_id,
    r.created_at, r.submitted_at, r.decided_at, r.decision_due_at,
    r.status IN ('accepted', 'scheduled', 'checked_in', 'completed', 'no_show')
  FROM referrals r
  JOIN institutions fi ON fi.id = r.from_institution_id
  WHERE r.status <> 'draft'
    AND r.created_at >= p_from AND r.created_at < p_to
    AND fi.consortium_id = app_consortium_id()
    AND (app_has_role('regional_admin')
      OR app_institution_id() IN (r.from_institution_id, r.to_institution_id))
$$;
REVOKE ALL ON FUNCTION referral_facts(timestamptz, timestamptz) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION referral_facts(timestamptz, timestamptz) TO referral_app;
