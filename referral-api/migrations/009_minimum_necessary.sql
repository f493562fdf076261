-- Minimum necessary: seeing a patient is not holding their record. A consultation guest or an
-- institution a referral was redirected away from can read the patient (their care relationship
-- says so) but must not pass them on to a third party by creating a referral or consultation
-- about them. Only an institution that holds the record may: it registered the patient, or a
-- referral about the patient came to it (or left from it) and was not cancelled, rejected or
-- redirected away.
CREATE FUNCTION institution_holds_patient(p_patient uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT app_institution_id() IS NOT NULL AND (
    EXISTS (SELECT 1 FROM patients p WHERE p.id = p_patient AND p.institution_id = app_institution_id())
    OR EXISTS (SELECT 1 FROM referrals r
      WHERE r.patient_id = p_patient
        AND (r.to_institution_id = app_institution_id() OR r.from_institution_id = app_institution_id())
        AND r.status IN ('submitted', 'info_requested', 'accepted', 'scheduled', 'checked_in', 'completed')))
$$;
REVOKE ALL ON FUNCTION institution_holds_patient(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION institution_holds_patient(uuid) TO referral_app;
