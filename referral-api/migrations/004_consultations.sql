-- Remote consultations (远程会诊): the meeting, who takes part, who was there when, the chat,
-- the signed opinions and the recordings. Everything here is visible only to the
-- consultation's participants; participants may also read the patient it is about.

CREATE TABLE consultations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  consortium_id uuid NOT NULL REFERENCES consortia(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  scheduled_at timestamptz NOT NULL,
  duration_minutes integer NOT NULL CHECK (duration_minutes BETWEEN 5 AND 480),
  host_user_id uuid NOT NULL REFERENCES users(id),
  host_institution_id uuid NOT NULL REFERENCES institutions(id),
  referral_id uuid REFERENCES referrals(id),
  patient_id uuid REFERENCES patients(id),
  status text NOT NULL DEFAULT 'scheduled' CHECK (status IN ('scheduled', 'live', 'ended')),
  started_at timestamptz,
  ended_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- The patient is derived from the referral, so a consultation about a referral always has one.
  CHECK (referral_id IS NULL OR patient_id IS NOT NULL),
  CHECK (status <> 'ended' OR ended_at IS NOT NULL)
);
-- The schedule probes consultations by time, then the participant row by primary key (or the
-- other way round for a user with few consultations): both paths have an index.
CREATE INDEX consultations_scheduled ON consultations (scheduled_at);
CREATE INDEX consultations_patient ON consultations (patient_id) WHERE patient_id IS NOT NULL;
CREATE INDEX consultations_referral ON consultations (referral_id) WHERE referral_id IS NOT NULL;

CREATE TABLE consultation_participants (
  consultation_id uuid NOT NULL REFERENCES consultations(id),
  user_id uuid NOT NULL REFERENCES users(id),
  role text NOT NULL CHECK (role IN ('host', 'participant')),
  invited_at timestamptz NOT NULL DEFAULT now(),
  recording_consent_at timestamptz,
  PRIMARY KEY (consultation_id, user_id)
);
CREATE INDEX consultation_participants_user ON consultation_participants (user_id, consultation_id);
CREATE UNIQUE INDEX consultation_one_host ON consultation_participants (consultation_id) WHERE role = 'host';

CREATE TABLE consultation_attendance (
  id bigserial PRIMARY KEY,
  consultation_id uuid NOT NULL REFERENCES consultations(id),
  user_id uuid NOT NULL REFERENCES users(id),
  joined_at timestamptz NOT NULL DEFAULT now(),
  left_at timestamptz,
  CHECK (left_at IS NULL OR left_at >= joined_at)
);
CREATE INDEX consultation_attendance_consultation ON consultation_attendance (consultation_id, joined_at);
CREATE INDEX consultation_attendance_open ON consultation_attendance (consultation_id, user_id)
  WHERE left_at IS NULL;

CREATE TABLE consultation_messages (
  id bigserial PRIMARY KEY,
  consultation_id uuid NOT NULL REFERENCES consultations(id),
  user_id uuid NOT NULL REFERENCES users(id),
  at timestamptz NOT NULL DEFAULT now(),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 2000)
);
CREATE INDEX consultation_messages_consultation ON consultation_messages (consultation_id, id);

-- Each save is a new signed revision; the latest revision of each author is their opinion.
-- Earlier ones stay, so what was signed when can always be shown.
CREATE TABLE consultation_opinions (
  id bigserial PRIMARY KEY,
  consultation_id uuid NOT NULL REFERENCES consultations(id),
  author_user_id uuid NOT NULL REFERENCES users(id),
  revision integer NOT NULL CHECK (revision > 0),
  text text NOT NULL CHECK (length(text) BETWEEN 1 AND 20000),
  signed_at timestamptz NOT NULL,
  -- Ed25519 signature of the author over the canonical opinion (see consultations/opinions.ts).
  signature text NOT NULL,
  -- Two concurrent saves by one author cannot both become revision n.
  UNIQUE (consultation_id, author_user_id, revision)
);

CREATE TABLE recordings (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  consultation_id uuid NOT NULL REFERENCES consultations(id),
  started_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz,
  status text NOT NULL DEFAULT 'recording' CHECK (status IN ('recording', 'processing', 'ready', 'failed')),
  file_path text,
  duration_seconds integer CHECK (duration_seconds >= 0),
  created_by uuid NOT NULL REFERENCES users(id)
);
CREATE INDEX recordings_consultation ON recordings (consultation_id, started_at);
-- One recording at a time per consultation, even when two participants press record together.
CREATE UNIQUE INDEX recordings_one_active ON recordings (consultation_id) WHERE status = 'recording';

-- A policy on consultation_participants that reads consultation_participants would recurse
-- forever; this definer function reads it as the owner (no RLS) and answers one yes/no question
-- about the caller only.
CREATE FUNCTION is_consult_participant(p_consultation uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM consultation_participants
    WHERE consultation_id = p_consultation AND user_id = app_user_id())
$$;
REVOKE ALL ON FUNCTION is_consult_participant(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION is_consult_participant(uuid) TO referral_app;

ALTER TABLE consultations ENABLE ROW LEVEL SECURITY;
ALTER TABLE consultation_participants ENABLE ROW LEVEL SECURITY;
ALTER TABLE consultation_attendance ENABLE ROW LEVEL SECURITY;
ALTER TABLE consultation_messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE consultation_opinions ENABLE ROW LEVEL SECURITY;
ALTER TABLE recordings ENABLE ROW LEVEL SECURITY;

-- The host clause matters only inside the creating transaction, before the host's own
-- participant row exists (the participant insert below checks the host through this policy).
CREATE POLICY consultations_read ON consultations FOR SELECT
  USING (host_user_id = app_user_id() OR is_consult_participant(id));
CREATE POLICY consultations_insert ON consultations FOR INSERT
  WITH CHECK (host_user_id = app_user_id() AND host_institution_id = app_institution_id()
    AND consortium_id = app_consortium_id());
-- Column grants below limit updates to the status columns; who may end is the domain's rule.
CREATE POLICY consultations_update ON consultations FOR UPDATE
  USING (is_consult_participant(id)) WITH CHECK (is_consult_participant(id));

CREATE POLICY participants_read ON consultation_participants FOR SELECT
  USING (is_consult_participant(consultation_id));
CREATE POLICY participants_insert ON consultation_participants FOR INSERT
  WITH CHECK (
    EXISTS (SELECT 1 FROM consultations c WHERE c.id = consultation_participants.consultation_id
      AND c.host_user_id = app_user_id() AND c.status <> 'ended')
    AND EXISTS (SELECT 1 FROM users u WHERE u.id = consultation_participants.user_id AND u.active));
-- Each participant changes only their own row (recording consent).
CREATE POLICY participants_update ON consultation_participants FOR UPDATE
  USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());

CREATE POLICY attendance_read ON consultation_attendance FOR SELECT
  USING (is_consult_participant(consultation_id));
CREATE POLICY attendance_insert ON consultation_attendance FOR INSERT
  WITH CHECK (user_id = app_user_id() AND is_consult_participant(consultation_id));
CREATE POLICY attendance_update ON consultation_attendance FOR UPDATE
  USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());

CREATE POLICY messages_read ON consultation_messages FOR SELECT
  USING (is_consult_participant(consultation_id));
CREATE POLICY messages_insert ON consultation_messages FOR INSERT
  WITH CHECK (user_id = app_user_id() AND is_consult_participant(consultation_id));

CREATE POLICY opinions_read ON consultation_opinions FOR SELECT
  USING (is_consult_participant(consultation_id));
CREATE POLICY opinions_insert ON consultation_opinions FOR INSERT
  WITH CHECK (author_user_id = app_user_id() AND app_has_role('specialist')
    AND is_consult_participant(consultation_id));

CREATE POLICY recordings_read ON recordings FOR SELECT
  USING (is_consult_participant(consultation_id));
CREATE POLICY recordings_insert ON recordings FOR INSERT
  WITH CHECK (created_by = app_user_id() AND is_consult_participant(consultation_id));
CREATE POLICY recordings_update ON recordings FOR UPDATE
  USING (is_consult_participant(consultation_id)) WITH CHECK (is_consult_participant(consultation_id));

-- Patients: as in 002_referrals.sql, plus the participants of a consultation about the patient
-- (the consultations subquery is itself filtered by consultations_read).
DROP POLICY patients_read ON patients;
CREATE POLICY patients_read ON patients FOR SELECT
  USING (institution_id = app_institution_id()
    OR EXISTS (SELECT 1 FROM referrals r WHERE r.patient_id = patients.id)
    OR EXISTS (SELECT 1 FROM consultations c WHERE c.patient_id = patients.id));

GRANT SELECT, INSERT ON consultations, consultation_participants, consultation_attendance,
  consultation_messages, consultation_opinions, recordings TO referral_app;
GRANT UPDATE (status, started_at, ended_at) ON consultations TO referral_app;
GRANT UPDATE (recording_consent_at) ON consultation_participants TO referral_app;
GRANT UPDATE (left_at) ON consultation_attendance TO referral_app;
GRANT UPDATE (status, ended_at, file_path, duration_seconds) ON recordings TO referral_app;
GRANT USAGE ON SEQUENCE consultation_attendance_id_seq, consultation_messages_id_seq,
  consultation_opinions_id_seq TO referral_app;

-- Chat and opinions are records: append-only even for the owner's sessions.
CREATE TRIGGER consultation_messages_append_only BEFORE UPDATE OR DELETE ON consultation_messages
  FOR EACH ROW EXECUTE FUNCTION forbid_change();
CREATE TRIGGER consultation_opinions_append_only BEFORE UPDATE OR DELETE ON consultation_opinions
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Attendance is a record too; the one change allowed is closing an open row, once.
CREATE FUNCTION attendance_close_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' OR OLD.left_at IS NOT NULL OR NEW.left_at IS NULL
    OR (NEW.id, NEW.consultation_id, NEW.user_id, NEW.joined_at)
      IS DISTINCT FROM (OLD.id, OLD.consultation_id, OLD.user_id, OLD.joined_at) THEN
    RAISE EXCEPTION 'consultation_attendance is append-only apart from setting left_at once';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER consultation_attendance_close_only BEFORE UPDATE OR DELETE ON consultation_attendance
  FOR EACH ROW EXECUTE FUNCTION attendance_close_only();
