-- Consultations as a clinical workflow (会诊申请 → 受理/排期 → 邀请 → 会诊 → 会诊报告).
-- A consultation now starts as a request from one institution to another (the consortium's
-- routes, either direction), is accepted with a host and a time, and ends in a signed
-- conclusion. Directly scheduled consultations (the older body) still start at 'scheduled'.
-- Every step is an event in consultation_events, the consultation's own history.

ALTER TABLE consultations
  ALTER COLUMN scheduled_at DROP NOT NULL,
  ALTER COLUMN duration_minutes DROP NOT NULL,
  ALTER COLUMN host_user_id DROP NOT NULL,
  ALTER COLUMN host_institution_id DROP NOT NULL,
  ADD COLUMN requested_by uuid REFERENCES users(id),
  ADD COLUMN requester_institution_id uuid REFERENCES institutions(id),
  ADD COLUMN to_institution_id uuid REFERENCES institutions(id),
  ADD COLUMN to_department_id uuid REFERENCES departments(id),
  ADD COLUMN specialist_user_id uuid REFERENCES users(id),
  ADD COLUMN priority text CHECK (priority IN ('routine', 'urgent', 'emergency')),
  -- As for referrals: lets the incoming worklist sort "most urgent first" on an index.
  ADD COLUMN priority_rank smallint GENERATED ALWAYS AS (
    CASE priority WHEN 'emergency' THEN 3 WHEN 'urgent' THEN 2 WHEN 'routine' THEN 1 ELSE 0 END) STORED,
  ADD COLUMN question text CHECK (length(question) BETWEEN 1 AND 4000),
  -- [{from, to}] ISO instants: the requester's windows and the receiver's counter-proposals.
  ADD COLUMN preferred_times jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN proposed_times jsonb NOT NULL DEFAULT '[]',
  ADD COLUMN study_instance_uids text[] NOT NULL DEFAULT '{}',
  ADD COLUMN decision_due_at timestamptz,
  ADD COLUMN decided_at timestamptz,
  ADD COLUMN decided_by uuid REFERENCES users(id),
  ADD COLUMN decline_reason_code text
    CHECK (decline_reason_code IN ('outside_scope', 'capacity', 'incomplete', 'not_needed', 'other')),
  ADD COLUMN decline_note text,
  ADD COLUMN info_question text,
  ADD COLUMN info_answer text,
  ADD COLUMN cancel_reason text,
  -- {diagnosis, recommendation, referralAdvice}, signed by the host (Ed25519, as referral decisions).
  ADD COLUMN conclusion jsonb,
  ADD COLUMN concluded_at timestamptz,
  ADD COLUMN concluded_by uuid REFERENCES users(id),
  ADD COLUMN conclusion_signature text,
  ADD COLUMN version integer NOT NULL DEFAULT 1,
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();

ALTER TABLE consultations DROP CONSTRAINT consultations_status_check;
ALTER TABLE consultations ADD CONSTRAINT consultations_status_check CHECK (status IN
  ('requested', 'info_requested', 'declined', 'scheduled', 'live', 'ended', 'reported', 'cancelled'));
-- Only a request not yet accepted may lack its host and time.
ALTER TABLE consultations ADD CONSTRAINT consultations_scheduled_complete CHECK (
  status IN ('requested', 'info_requested', 'declined', 'cancelled')
  OR (scheduled_at IS NOT NULL AND duration_minutes IS NOT NULL AND host_user_id IS NOT NULL
      AND host_institution_id IS NOT NULL));
ALTER TABLE consultations ADD CONSTRAINT consultations_request_complete CHECK (
  to_institution_id IS NULL OR (requested_by IS NOT NULL AND requester_institution_id IS NOT NULL
    AND priority IS NOT NULL AND question IS NOT NULL));
ALTER TABLE consultations ADD CONSTRAINT consultations_reported_signed CHECK (
  status <> 'reported' OR (conclusion IS NOT NULL AND conclusion_signature IS NOT NULL));
ALTER TABLE consultations DROP CONSTRAINT consultations_check1;
ALTER TABLE consultations ADD CONSTRAINT consultations_ended_at CHECK (
  status NOT IN ('ended', 'reported') OR ended_at IS NOT NULL);

-- The receiving side's worklist (most urgent first) and the sender's (newest first).
CREATE INDEX consultations_incoming ON consultations (to_institution_id, status, priority_rank DESC, created_at, id)
  WHERE to_institution_id IS NOT NULL;
CREATE INDEX consultations_outgoing ON consultations (requester_institution_id, created_at DESC, id)
  WHERE requester_institution_id IS NOT NULL;
CREATE INDEX consultations_host_time ON consultations (host_user_id, scheduled_at) WHERE host_user_id IS NOT NULL;

ALTER TABLE consultation_participants DROP CONSTRAINT consultation_participants_role_check;
ALTER TABLE consultation_participants ADD CONSTRAINT consultation_participants_role_check
  CHECK (role IN ('host', 'cohost', 'participant'));

ALTER TABLE users ADD COLUMN title text CHECK (length(title) BETWEEN 1 AND 40);

CREATE TABLE consultation_events (
  id bigserial PRIMARY KEY,
  consultation_id uuid NOT NULL REFERENCES consultations(id),
  action text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  actor_user_id uuid NOT NULL REFERENCES users(id),
  actor_institution_id uuid REFERENCES institutions(id),
  at timestamptz NOT NULL DEFAULT now(),
  details jsonb NOT NULL DEFAULT '{}',
  -- Ed25519 signature of the actor over the canonical event for decisions (accept, decline, conclude).
  signature text
);
CREATE INDEX consultation_events_consultation ON consultation_events (consultation_id, id);
CREATE TRIGGER consultation_events_append_only BEFORE UPDATE OR DELETE ON consultation_events
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- The caller's part in a consultation (host, cohost, participant) or NULL; a definer so the
-- participant policies can ask it without recursing into themselves.
CREATE FUNCTION consult_role(p_consultation uuid) RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT role FROM consultation_participants
  WHERE consultation_id = p_consultation AND user_id = app_user_id()
$$;

-- The record (chat, attendance, opinions, recordings): the participants, and for audit an
-- institution administrator of an institution one of the participants belongs to.
CREATE FUNCTION consult_record_visible(p_consultation uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM consultation_participants
      WHERE consultation_id = p_consultation AND user_id = app_user_id())
    OR (app_has_role('institution_admin') AND EXISTS (
      SELECT 1 FROM consultation_participants p JOIN users u ON u.id = p.user_id
      WHERE p.consultation_id = p_consultation AND u.institution_id = app_institution_id()))
$$;
REVOKE ALL ON FUNCTION consult_role(uuid), consult_record_visible(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION consult_role(uuid), consult_record_visible(uuid) TO referral_app;

-- A consultation is seen by its participants, by the requesting institution (as a referral by
-- its sender) and by the receiving institution once requested (the domain narrows clinicians to
-- the named department), and by an auditing institution administrator.
DROP POLICY consultations_read ON consultations;
CREATE POLICY consultations_read ON consultations FOR SELECT
  USING (host_user_id = (SELECT app_user_id()) OR is_consult_participant(id)
    OR requester_institution_id = (SELECT app_institution_id())
    OR to_institution_id = (SELECT app_institution_id())
    OR ((SELECT app_has_role('institution_admin')) AND consult_record_visible(id)));
DROP POLICY consultations_insert ON consultations;
CREATE POLICY consultations_insert ON consultations FOR INSERT
  WITH CHECK (consortium_id = (SELECT app_consortium_id()) AND (
    (host_user_id = (SELECT app_user_id()) AND host_institution_id = (SELECT app_institution_id()))
    OR (status = 'requested' AND host_user_id IS NULL AND requested_by = (SELECT app_user_id())
      AND requester_institution_id = (SELECT app_institution_id()))));
DROP POLICY consultations_update ON consultations;
CREATE POLICY consultations_update ON consultations FOR UPDATE
  USING (is_consult_participant(id) OR requester_institution_id = (SELECT app_institution_id())
    OR to_institution_id = (SELECT app_institution_id()))
  WITH CHECK (is_consult_participant(id) OR requester_institution_id = (SELECT app_institution_id())
    OR to_institution_id = (SELECT app_institution_id()));
GRANT UPDATE (host_user_id, host_institution_id, scheduled_at, duration_minutes, proposed_times, preferred_times,
  decided_at, decided_by, decline_reason_code, decline_note, info_question, info_answer, cancel_reason,
  decision_due_at, conclusion, concluded_at, concluded_by, conclusion_signature, version, updated_at)
  ON consultations TO referral_app;

DROP POLICY participants_read ON consultation_participants;
CREATE POLICY participants_read ON consultation_participants FOR SELECT
  USING (EXISTS (SELECT 1 FROM consultations c WHERE c.id = consultation_participants.consultation_id));
-- The host and co-hosts invite; the requester adds themselves with the request; the receiving
-- side adds the host it names when accepting.
DROP POLICY participants_insert ON consultation_participants;
CREATE POLICY participants_insert ON consultation_participants FOR INSERT
  WITH CHECK (
    EXISTS (SELECT 1 FROM consultations c WHERE c.id = consultation_participants.consultation_id
      AND c.status NOT IN ('ended', 'reported', 'declined', 'cancelled')
      AND (c.host_user_id = (SELECT app_user_id())
        OR consult_role(c.id) IN ('host', 'cohost')
        OR (c.requested_by = (SELECT app_user_id()) AND c.status = 'requested')
        OR c.to_institution_id = (SELECT app_institution_id())))
    AND EXISTS (SELECT 1 FROM users u WHERE u.id = consultation_participants.user_id AND u.active));
CREATE POLICY participants_delete ON consultation_participants FOR DELETE
  USING (role <> 'host' AND consult_role(consultation_id) IN ('host', 'cohost'));
CREATE POLICY participants_update_role ON consultation_participants FOR UPDATE
  USING (consult_role(consultation_id) = 'host') WITH CHECK (consult_role(consultation_id) = 'host');
GRANT UPDATE (role) ON consultation_participants TO referral_app;
GRANT DELETE ON consultation_participants TO referral_app;

-- Each participant may update their own row (consent), so the role column needs its own guard:
-- only the host names or unnames co-hosts, and nobody becomes or stops being the host this way.
CREATE FUNCTION participant_role_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.role IS DISTINCT FROM OLD.role AND (OLD.role = 'host' OR NEW.role = 'host'
      OR consult_role(NEW.consultation_id) IS DISTINCT FROM 'host') THEN
    RAISE EXCEPTION 'only the host changes who is a co-host' USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER consultation_participants_role_guard BEFORE UPDATE ON consultation_participants
  FOR EACH ROW EXECUTE FUNCTION participant_role_guard();

DROP POLICY attendance_read ON consultation_attendance;
CREATE POLICY attendance_read ON consultation_attendance FOR SELECT
  USING (consult_record_visible(consultation_id));
DROP POLICY messages_read ON consultation_messages;
CREATE POLICY messages_read ON consultation_messages FOR SELECT
  USING (consult_record_visible(consultation_id));
DROP POLICY opinions_read ON consultation_opinions;
CREATE POLICY opinions_read ON consultation_opinions FOR SELECT
  USING (consult_record_visible(consultation_id));
DROP POLICY recordings_read ON recordings;
CREATE POLICY recordings_read ON recordings FOR SELECT
  USING (consult_record_visible(consultation_id));
-- Every clinician taking part signs an opinion, the referring doctor included.
DROP POLICY opinions_insert ON consultation_opinions;
CREATE POLICY opinions_insert ON consultation_opinions FOR INSERT
  WITH CHECK (author_user_id = app_user_id()
    AND (app_has_role('specialist') OR app_has_role('doctor'))
    AND is_consult_participant(consultation_id));

ALTER TABLE consultation_events ENABLE ROW LEVEL SECURITY;
CREATE POLICY consultation_events_read ON consultation_events FOR SELECT
  USING (EXISTS (SELECT 1 FROM consultations c WHERE c.id = consultation_events.consultation_id));
CREATE POLICY consultation_events_insert ON consultation_events FOR INSERT
  WITH CHECK (actor_user_id = app_user_id()
    AND EXISTS (SELECT 1 FROM consultations c WHERE c.id = consultation_events.consultation_id));
GRANT SELECT, INSERT ON consultation_events TO referral_app;
GRANT USAGE ON SEQUENCE consultation_events_id_seq TO referral_app;

GRANT SELECT (title) ON users TO referral_app;

-- Sharing a study into a consultation: while it is open (a request included: the requester
-- shares the images the question is about), not after it is over.
CREATE OR REPLACE FUNCTION consultation_takes_study(p_consultation uuid, p_patient uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM consultations c
    JOIN consultation_participants p ON p.consultation_id = c.id AND p.user_id = app_user_id()
    WHERE c.id = p_consultation AND c.patient_id = p_patient
      AND c.status IN ('requested', 'info_requested', 'scheduled', 'live'))
$$;

-- Whether a host already has a consultation overlapping [p_from, p_to) (other than p_except):
-- the receiving side checks before it accepts, and may not see the host's other consultations
-- itself. Answers with a time only, never what the other consultation is about.
CREATE FUNCTION consult_host_clash(p_user uuid, p_from timestamptz, p_to timestamptz, p_except uuid)
RETURNS TABLE (scheduled_at timestamptz, duration_minutes integer)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT c.scheduled_at, c.duration_minutes FROM consultation_participants p
  JOIN consultations c ON c.id = p.consultation_id
  WHERE p.user_id = p_user AND p.role IN ('host', 'cohost') AND c.id <> p_except
    AND c.status IN ('scheduled', 'live')
    AND c.scheduled_at < p_to AND c.scheduled_at + make_interval(mins => c.duration_minutes) > p_from
    -- Only the caller's consortium: the function must not become a window onto another one.
    AND c.consortium_id = app_consortium_id()
  ORDER BY c.scheduled_at LIMIT 1
$$;
REVOKE ALL ON FUNCTION consult_host_clash(uuid, timestamptz, timestamptz, uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION consult_host_clash(uuid, timestamptz, timestamptz, uuid) TO referral_app;
