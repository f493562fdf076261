-- Patients, referrals with their append-only history, reserved slots, idempotency keys.

CREATE TABLE patients (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- The institution that registered the patient; others see the patient only through a
  -- referral they take part in.
  institution_id uuid NOT NULL REFERENCES institutions(id),
  name text NOT NULL,
  gender text NOT NULL CHECK (gender IN ('male', 'female', 'unknown')),
  birth_date date NOT NULL,
  -- Identity number: AES-256-GCM ciphertext, plus an HMAC for exact lookup without decrypting.
  id_number_enc bytea NOT NULL,
  id_number_hash bytea NOT NULL,
  id_number_last4 text NOT NULL,
  phone text,
  address text,
  created_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (institution_id, id_number_hash)
);
CREATE INDEX patients_id_number_hash ON patients (id_number_hash);
CREATE INDEX patients_name ON patients (institution_id, name);

CREATE TABLE reserved_slots (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  institution_id uuid NOT NULL REFERENCES institutions(id),
  department_id uuid NOT NULL REFERENCES departments(id),
  type text NOT NULL DEFAULT 'outpatient' CHECK (type IN ('outpatient', 'inpatient', 'examination')),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz NOT NULL,
  location text NOT NULL,
  capacity integer NOT NULL CHECK (capacity > 0),
  booked integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (ends_at > starts_at),
  CHECK (booked BETWEEN 0 AND capacity)
);
CREATE INDEX reserved_slots_lookup ON reserved_slots (institution_id, department_id, starts_at);

CREATE TABLE referrals (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  referral_no text NOT NULL UNIQUE,
  direction text NOT NULL CHECK (direction IN ('up', 'down')),
  type text NOT NULL CHECK (type IN ('outpatient', 'inpatient', 'examination')),
  priority text NOT NULL CHECK (priority IN ('routine', 'urgent', 'emergency')),
  -- 3 emergency, 2 urgent, 1 routine: lets worklists sort "most urgent first" on an index.
  priority_rank smallint NOT NULL GENERATED ALWAYS AS (
    CASE priority WHEN 'emergency' THEN 3 WHEN 'urgent' THEN 2 ELSE 1 END) STORED,
  status text NOT NULL CHECK (status IN ('draft','submitted','info_requested','accepted','scheduled',
    'checked_in','completed','rejected','redirected','no_show','cancelled')),
  version integer NOT NULL DEFAULT 1,
  patient_id uuid NOT NULL REFERENCES patients(id),
  from_institution_id uuid NOT NULL REFERENCES institutions(id),
  from_department_id uuid REFERENCES departments(id),
  from_user_id uuid NOT NULL REFERENCES users(id),
  to_institution_id uuid NOT NULL REFERENCES institutions(id),
  to_department_id uuid REFERENCES departments(id),
  reason text NOT NULL,
  diagnosis_code text NOT NULL,
  diagnosis_text text NOT NULL,
  summary text NOT NULL,
  study_instance_uids text[] NOT NULL DEFAULT '{}',
  submitted_at timestamptz,
  decision_due_at timestamptz,
  decided_at timestamptz,
  decided_by uuid REFERENCES users(id),
  info_question text,
  info_answer text,
  reject_reason_code text CHECK (reject_reason_code IN ('duplicate','inappropriate','incomplete','capacity','other')),
  reject_note text,
  slot_id uuid REFERENCES reserved_slots(id),
  appointment_at timestamptz,
  appointment_location text,
  check_in_code text UNIQUE,
  checked_in_at timestamptz,
  completed_at timestamptz,
  feedback jsonb,
  cancel_reason text,
  parent_referral_id uuid REFERENCES referrals(id),
  redirected_to_id uuid REFERENCES referrals(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (from_institution_id <> to_institution_id)
);
-- Worklists: incoming/outgoing per institution, filtered by status, most urgent or newest first.
CREATE INDEX referrals_incoming ON referrals (to_institution_id, status, priority_rank DESC, created_at, id);
CREATE INDEX referrals_outgoing ON referrals (from_institution_id, status, created_at DESC, id);
CREATE INDEX referrals_incoming_newest ON referrals (to_institution_id, created_at DESC, id);
CREATE INDEX referrals_outgoing_newest ON referrals (from_institution_id, created_at DESC, id);
CREATE INDEX referrals_patient ON referrals (patient_id);
CREATE INDEX referrals_due ON referrals (decision_due_at) WHERE status = 'submitted';
CREATE INDEX referrals_created ON referrals (created_at);

CREATE TABLE referral_events (
  id bigserial PRIMARY KEY,
  referral_id uuid NOT NULL REFERENCES referrals(id),
  action text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  actor_user_id uuid NOT NULL REFERENCES users(id),
  actor_institution_id uuid NOT NULL REFERENCES institutions(id),
  at timestamptz NOT NULL DEFAULT now(),
  details jsonb NOT NULL DEFAULT '{}',
  -- Ed25519 signature of the actor over the canonical event, for decisions that must not be
  -- repudiated (accept, reject, redirect, complete).
  signature text
);
CREATE INDEX referral_events_referral ON referral_events (referral_id, id);

CREATE TABLE idempotency_keys (
  user_id uuid NOT NULL REFERENCES users(id),
  key text NOT NULL,
  request_hash text NOT NULL,
  -- Deferred: the key is claimed first (so a concurrent retry waits on it), the referral follows.
  referral_id uuid NOT NULL REFERENCES referrals(id) DEFERRABLE INITIALLY DEFERRED,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, key)
);

CREATE SEQUENCE referral_no_seq;

ALTER TABLE patients ENABLE ROW LEVEL SECURITY;
ALTER TABLE referrals ENABLE ROW LEVEL SECURITY;
ALTER TABLE referral_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE reserved_slots ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;

-- A referral is visible to its sending and receiving institutions, nobody else (regional
-- administrators have no institution and so see none).
-- Drafts stay with the sender until submitted.
CREATE POLICY referrals_read ON referrals FOR SELECT
  USING (from_institution_id = app_institution_id()
    OR (to_institution_id = app_institution_id() AND status <> 'draft'));
CREATE POLICY referrals_insert ON referrals FOR INSERT
  WITH CHECK (
    from_institution_id = app_institution_id()
    -- A redirect creates the follow-up referral on behalf of the original sender. The new
    -- row's column is qualified: unqualified, it would resolve to the subquery's own row.
    OR (referrals.parent_referral_id IS NOT NULL AND EXISTS (
      SELECT 1 FROM referrals p
      WHERE p.id = referrals.parent_referral_id AND p.to_institution_id = app_institution_id()))
  );
CREATE POLICY referrals_update ON referrals FOR UPDATE
  USING (from_institution_id = app_institution_id()
    OR (to_institution_id = app_institution_id() AND status <> 'draft'))
  WITH CHECK (from_institution_id = app_institution_id() OR to_institution_id = app_institution_id());

CREATE POLICY patients_read ON patients FOR SELECT
  USING (institution_id = app_institution_id()
    OR EXISTS (SELECT 1 FROM referrals r WHERE r.patient_id = patients.id));
CREATE POLICY patients_insert ON patients FOR INSERT WITH CHECK (institution_id = app_institution_id());
CREATE POLICY patients_update ON patients FOR UPDATE
  USING (institution_id = app_institution_id()) WITH CHECK (institution_id = app_institution_id());

CREATE POLICY events_read ON referral_events FOR SELECT
  USING (EXISTS (SELECT 1 FROM referrals r WHERE r.id = referral_id));
CREATE POLICY events_insert ON referral_events FOR INSERT
  WITH CHECK (actor_user_id = app_user_id() AND actor_institution_id = app_institution_id());

CREATE POLICY slots_read ON reserved_slots FOR SELECT
  USING (EXISTS (SELECT 1 FROM institutions i WHERE i.id = institution_id));
CREATE POLICY slots_write ON reserved_slots FOR ALL
  USING (institution_id = app_institution_id()
    AND (app_has_role('coordinator') OR app_has_role('institution_admin')))
  WITH CHECK (institution_id = app_institution_id()
    AND (app_has_role('coordinator') OR app_has_role('institution_admin')));

CREATE POLICY idempotency_own ON idempotency_keys FOR ALL
  USING (user_id = app_user_id()) WITH CHECK (user_id = app_user_id());

GRANT SELECT, INSERT, UPDATE ON patients, referrals TO referral_app;
GRANT SELECT, INSERT ON referral_events, idempotency_keys TO referral_app;
GRANT SELECT, INSERT, UPDATE, DELETE ON reserved_slots TO referral_app;
GRANT USAGE ON SEQUENCE referral_events_id_seq, referral_no_seq TO referral_app;

-- History is append-only, even for the owner's sessions.
CREATE FUNCTION forbid_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END $$;
CREATE TRIGGER referral_events_append_only BEFORE UPDATE OR DELETE ON referral_events
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- Booking a reserved slot of another institution: the referring side may not update that
-- institution's slots directly, so the one safe operation is offered as a definer function.
-- It books atomically (no overbooking under concurrency) and only future slots. A NULL type
-- books any slot of the department (the receiving side scheduling into its own capacity).
CREATE FUNCTION book_slot(p_slot_id uuid, p_institution_id uuid, p_department_id uuid, p_type text)
RETURNS TABLE (starts_at timestamptz, location text)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  UPDATE reserved_slots s SET booked = s.booked + 1
  WHERE s.id = p_slot_id AND s.institution_id = p_institution_id
    AND (p_department_id IS NULL OR s.department_id = p_department_id)
    AND (p_type IS NULL OR s.type = p_type) AND s.booked < s.capacity AND s.starts_at > now()
    AND app_user_id() IS NOT NULL
  RETURNING s.starts_at, s.location
$$;
CREATE FUNCTION release_slot(p_slot_id uuid) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  UPDATE reserved_slots SET booked = booked - 1
  WHERE id = p_slot_id AND booked > 0
    AND EXISTS (SELECT 1 FROM referrals r WHERE r.slot_id = p_slot_id
      AND app_institution_id() IN (r.from_institution_id, r.to_institution_id))
$$;
REVOKE ALL ON FUNCTION book_slot(uuid, uuid, uuid, text), release_slot(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION book_slot(uuid, uuid, uuid, text), release_slot(uuid) TO referral_app;
