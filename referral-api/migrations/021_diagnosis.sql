-- Remote diagnosis (远程心电诊断 / 远程影像诊断): a clinic sends one ECG or imaging study to a regional
-- reading centre (an institution department), whose readers claim it, write a structured report
-- and sign it; the requester is told and acknowledges critical findings. Asynchronous, with
-- turnaround targets (due_at) the region watches.
--
-- Who sees what:
--   * a request: the requesting institution's staff (as referrals: colleagues see outgoing work)
--     and the readers of the centre it was sent to; nobody else (another clinic, another centre,
--     the regional administrator, who sees statistics without patient data instead);
--   * the patient and the study: while the request is open, and for app.care_access_days after
--     its report was signed; never once it was cancelled (as consultations, migration 015).

CREATE TABLE reading_centres (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  consortium_id uuid NOT NULL REFERENCES consortia(id),
  institution_id uuid NOT NULL REFERENCES institutions(id),
  department_id uuid NOT NULL REFERENCES departments(id),
  kinds text[] NOT NULL CHECK (kinds <@ ARRAY['ecg', 'imaging']::text[] AND cardinality(kinds) > 0),
  -- Imaging modalities read (DICOM Modality codes); empty for an ECG-only centre.
  modalities text[] NOT NULL DEFAULT '{}'
    CHECK (modalities <@ ARRAY['CR', 'DX', 'CT', 'MR', 'US', 'MG', 'XA', 'RF', 'NM', 'PT']::text[]),
  active boolean NOT NULL DEFAULT true,
  UNIQUE (department_id)
);

CREATE TABLE reading_readers (
  centre_id uuid NOT NULL REFERENCES reading_centres(id),
  user_id uuid NOT NULL REFERENCES users(id),
  -- A trainee's signed report needs a senior reader's co-signature before it reaches the requester.
  grade text NOT NULL CHECK (grade IN ('senior', 'trainee')),
  PRIMARY KEY (centre_id, user_id)
);
CREATE INDEX reading_readers_user ON reading_readers (user_id);

-- Which institutions may send to which centre (the consortium's configuration).
CREATE TABLE reading_routes (
  from_institution_id uuid NOT NULL REFERENCES institutions(id),
  centre_id uuid NOT NULL REFERENCES reading_centres(id),
  PRIMARY KEY (from_institution_id, centre_id)
);

CREATE TABLE diagnosis_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  consortium_id uuid NOT NULL REFERENCES consortia(id),
  kind text NOT NULL CHECK (kind IN ('ecg', 'imaging')),
  patient_id uuid NOT NULL REFERENCES patients(id),
  study_instance_uid text NOT NULL CHECK (study_instance_uid ~ '^[0-9]+(\.[0-9]+)*$'
    AND length(study_instance_uid) <= 64),
  modality text,
  -- The archive holding the study, chosen at creation among those the requester may use.
  pacs_endpoint_id uuid NOT NULL REFERENCES pacs_endpoints(id),
  referral_id uuid REFERENCES referrals(id),
  requester_user_id uuid NOT NULL REFERENCES users(id),
  from_institution_id uuid NOT NULL REFERENCES institutions(id),
  centre_id uuid NOT NULL REFERENCES reading_centres(id),
  to_institution_id uuid NOT NULL REFERENCES institutions(id),
  to_department_id uuid NOT NULL REFERENCES departments(id),
  priority text NOT NULL CHECK (priority IN ('routine', 'urgent', 'emergency')),
  priority_rank smallint NOT NULL GENERATED ALWAYS AS (
    CASE priority WHEN 'emergency' THEN 3 WHEN 'urgent' THEN 2 ELSE 1 END) STORED,
  clinical_info text NOT NULL CHECK (length(clinical_info) BETWEEN 1 AND 4000),
  question text NOT NULL CHECK (length(question) BETWEEN 1 AND 2000),
  status text NOT NULL DEFAULT 'requested'
    CHECK (status IN ('requested', 'claimed', 'reported', 'signed', 'acknowledged', 'cancelled')),
  version integer NOT NULL DEFAULT 1,
  requested_at timestamptz NOT NULL DEFAULT now(),
  due_at timestamptz NOT NULL,
  claimed_by uuid REFERENCES users(id),
  claimed_at timestamptz,
  -- The first final signature (turnaround is measured to it); amendments don't move it.
  signed_at timestamptz,
  acknowledged_at timestamptz,
  acknowledged_by uuid REFERENCES users(id),
  acknowledge_note text,
  cancel_reason text,
  critical boolean NOT NULL DEFAULT false,
  awaiting_cosign boolean NOT NULL DEFAULT false,
  draft jsonb,
  -- Create retried with one Idempotency-Key gives the first request back.
  idempotency_key text,
  request_hash text,
  CHECK ((idempotency_key IS NULL) = (request_hash IS NULL)),
  CHECK (status NOT IN ('claimed', 'reported') OR claimed_by IS NOT NULL),
  CHECK (status NOT IN ('signed', 'acknowledged') OR signed_at IS NOT NULL)
);
CREATE UNIQUE INDEX diagnosis_requests_idempotency ON diagnosis_requests (requester_user_id, idempotency_key)
  WHERE idempotency_key IS NOT NULL;
-- The reading worklist: the open requests of a centre (sorted by urgency in the query: a small
-- set), then the closed ones newest first on an index.
CREATE INDEX diagnosis_requests_open ON diagnosis_requests (centre_id, priority_rank DESC, due_at, id)
  WHERE status IN ('requested', 'claimed', 'reported');
CREATE INDEX diagnosis_requests_centre ON diagnosis_requests (centre_id, requested_at DESC, id);
CREATE INDEX diagnosis_requests_outgoing ON diagnosis_requests (from_institution_id, requested_at DESC, id);
-- A reader's own work (the worklist's `mine`).
CREATE INDEX diagnosis_requests_claimed ON diagnosis_requests (claimed_by, status) WHERE claimed_by IS NOT NULL;
CREATE INDEX diagnosis_requests_patient ON diagnosis_requests (patient_id);
CREATE INDEX diagnosis_requests_study ON diagnosis_requests (study_instance_uid);

-- The worklists' counts per status, kept by a trigger: counting a box's whole history on every
-- page (50 000 requests a year for a busy centre) would cost more than the page itself. One row per
-- centre, sending institution, kind and status; a status change moves one unit between two rows,
-- in status order, so two changes never wait on each other's rows crosswise.
CREATE TABLE diagnosis_box_counts (
  centre_id uuid NOT NULL REFERENCES reading_centres(id),
  from_institution_id uuid NOT NULL REFERENCES institutions(id),
  kind text NOT NULL,
  status text NOT NULL,
  n integer NOT NULL,
  PRIMARY KEY (centre_id, from_institution_id, kind, status)
);
CREATE INDEX diagnosis_box_counts_outgoing ON diagnosis_box_counts (from_institution_id);

CREATE FUNCTION diagnosis_count_status() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND NEW.status = OLD.status THEN
    RETURN NULL;
  END IF;
  INSERT INTO diagnosis_box_counts AS c (centre_id, from_institution_id, kind, status, n)
  SELECT NEW.centre_id, NEW.from_institution_id, NEW.kind, x.status, x.delta
  FROM (VALUES (NEW.status, 1), (CASE WHEN TG_OP = 'UPDATE' THEN OLD.status END, -1)) AS x (status, delta)
  WHERE x.status IS NOT NULL
  ORDER BY x.status
  ON CONFLICT (centre_id, from_institution_id, kind, status) DO UPDATE SET n = c.n + EXCLUDED.n;
  RETURN NULL;
END $$;
CREATE TRIGGER diagnosis_requests_count AFTER INSERT OR UPDATE OF status ON diagnosis_requests
  FOR EACH ROW EXECUTE FUNCTION diagnosis_count_status();

-- Signed versions of a request's report. Never edited apart from the co-signature (once) and
-- the store-back bookkeeping; an amendment is a new version.
CREATE TABLE diagnosis_reports (
  request_id uuid NOT NULL REFERENCES diagnosis_requests(id),
  version integer NOT NULL CHECK (version > 0),
  content jsonb NOT NULL,
  amendment_kind text CHECK (amendment_kind IN ('addendum', 'correction')),
  amendment_reason text,
  signed_by uuid NOT NULL REFERENCES users(id),
  signed_at timestamptz NOT NULL DEFAULT now(),
  signer_grade text NOT NULL CHECK (signer_grade IN ('senior', 'trainee')),
  -- Ed25519 signature of the signer over the canonical report (diagnosis/signature.ts).
  signature text NOT NULL,
  cosigned_by uuid REFERENCES users(id),
  cosigned_at timestamptz,
  cosignature text,
  -- True once it reached the requester: a senior's signature, or a trainee's co-signed.
  final boolean NOT NULL DEFAULT false,
  pacs_sop_instance_uid text,
  pacs_stored_at timestamptz,
  pacs_attempts integer NOT NULL DEFAULT 0,
  pacs_lease_until timestamptz,
  pacs_error text,
  PRIMARY KEY (request_id, version),
  CHECK ((amendment_kind IS NULL) = (amendment_reason IS NULL)),
  CHECK ((cosigned_by IS NULL) = (cosignature IS NULL) AND (cosigned_by IS NULL) = (cosigned_at IS NULL)),
  CHECK (final = (signer_grade = 'senior' OR cosigned_by IS NOT NULL))
);
-- The store-back queue.
CREATE INDEX diagnosis_reports_to_store ON diagnosis_reports (signed_at)
  WHERE final AND pacs_sop_instance_uid IS NULL;

CREATE TABLE diagnosis_events (
  id bigserial PRIMARY KEY,
  request_id uuid NOT NULL REFERENCES diagnosis_requests(id),
  action text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid NOT NULL REFERENCES users(id),
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX diagnosis_events_request ON diagnosis_events (request_id, id);

-- The reading centres the caller reads for. A definer, so a policy uses it as an uncorrelated
-- IN (SELECT …), computed once per query, and reading_readers' own policy can't recurse.
CREATE FUNCTION app_reading_centres() RETURNS SETOF uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT r.centre_id FROM reading_readers r JOIN users u ON u.id = r.user_id AND u.active
  WHERE r.user_id = app_user_id()
$$;

-- Whether a request in this state still gives access to its patient and study (015's rule).
CREATE FUNCTION diagnosis_gives_care(p_status text, p_signed_at timestamptz, p_cutoff timestamptz)
RETURNS boolean LANGUAGE sql IMMUTABLE AS $$
  SELECT p_status IN ('requested', 'claimed', 'reported')
    OR (p_status IN ('signed', 'acknowledged') AND p_signed_at > p_cutoff)
$$;

ALTER TABLE reading_centres ENABLE ROW LEVEL SECURITY;
ALTER TABLE reading_readers ENABLE ROW LEVEL SECURITY;
ALTER TABLE reading_routes ENABLE ROW LEVEL SECURITY;
ALTER TABLE diagnosis_requests ENABLE ROW LEVEL SECURITY;
ALTER TABLE diagnosis_reports ENABLE ROW LEVEL SECURITY;
ALTER TABLE diagnosis_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE diagnosis_box_counts ENABLE ROW LEVEL SECURITY;

-- The configuration is part of the consortium's directory: readable by its members, written by
-- the owner (seed, operator).
CREATE POLICY reading_centres_read ON reading_centres FOR SELECT
  USING (consortium_id = (SELECT app_consortium_id()));
CREATE POLICY reading_readers_read ON reading_readers FOR SELECT
  USING (EXISTS (SELECT 1 FROM reading_centres c WHERE c.id = centre_id));
CREATE POLICY reading_routes_read ON reading_routes FOR SELECT
  USING (EXISTS (SELECT 1 FROM reading_centres c WHERE c.id = centre_id));

CREATE POLICY diagnosis_requests_read ON diagnosis_requests FOR SELECT
  USING (from_institution_id = (SELECT app_institution_id())
    OR centre_id IN (SELECT app_reading_centres()));
-- Sent by a doctor of the caller's institution, along a route, about a patient it holds.
CREATE POLICY diagnosis_requests_insert ON diagnosis_requests FOR INSERT
  WITH CHECK (requester_user_id = (SELECT app_user_id())
    AND from_institution_id = (SELECT app_institution_id())
    AND consortium_id = (SELECT app_consortium_id())
    AND (app_has_role('doctor') OR app_has_role('specialist'))
    AND status = 'requested'
    AND EXISTS (SELECT 1 FROM reading_routes rr JOIN reading_centres c ON c.id = rr.centre_id
      WHERE rr.from_institution_id = diagnosis_requests.from_institution_id AND c.id = centre_id
        AND c.active AND c.institution_id = to_institution_id AND c.department_id = to_department_id)
    AND institution_holds_patient(patient_id));
-- Column grants below limit what changes; who may take which action is the domain's rule.
CREATE POLICY diagnosis_requests_update ON diagnosis_requests FOR UPDATE
  USING (requester_user_id = (SELECT app_user_id()) OR centre_id IN (SELECT app_reading_centres()))
  WITH CHECK (requester_user_id = (SELECT app_user_id()) OR centre_id IN (SELECT app_reading_centres()));

CREATE POLICY diagnosis_reports_read ON diagnosis_reports FOR SELECT
  USING (EXISTS (SELECT 1 FROM diagnosis_requests d WHERE d.id = request_id));
CREATE POLICY diagnosis_reports_insert ON diagnosis_reports FOR INSERT
  WITH CHECK (signed_by = (SELECT app_user_id()) AND EXISTS (SELECT 1 FROM diagnosis_requests d
    WHERE d.id = request_id AND d.centre_id IN (SELECT app_reading_centres())));
CREATE POLICY diagnosis_reports_cosign ON diagnosis_reports FOR UPDATE
  USING (EXISTS (SELECT 1 FROM diagnosis_requests d
    WHERE d.id = request_id AND d.centre_id IN (SELECT app_reading_centres())))
  WITH CHECK (cosigned_by = (SELECT app_user_id()));

CREATE POLICY diagnosis_box_counts_read ON diagnosis_box_counts FOR SELECT
  USING (from_institution_id = (SELECT app_institution_id()) OR centre_id IN (SELECT app_reading_centres()));

CREATE POLICY diagnosis_events_read ON diagnosis_events FOR SELECT
  USING (EXISTS (SELECT 1 FROM diagnosis_requests d WHERE d.id = request_id));
CREATE POLICY diagnosis_events_insert ON diagnosis_events FOR INSERT
  WITH CHECK (actor_user_id = (SELECT app_user_id())
    AND EXISTS (SELECT 1 FROM diagnosis_requests d WHERE d.id = request_id));

GRANT SELECT ON reading_centres, reading_readers, reading_routes, diagnosis_box_counts TO referral_app;
GRANT SELECT, INSERT ON diagnosis_requests, diagnosis_reports, diagnosis_events TO referral_app;
GRANT UPDATE (status, version, claimed_by, claimed_at, signed_at, acknowledged_at, acknowledged_by,
  acknowledge_note, cancel_reason, critical, awaiting_cosign, draft) ON diagnosis_requests TO referral_app;
GRANT UPDATE (cosigned_by, cosigned_at, cosignature, final) ON diagnosis_reports TO referral_app;
GRANT USAGE ON SEQUENCE diagnosis_events_id_seq TO referral_app;

-- History is a record: append-only.
CREATE TRIGGER diagnosis_events_append_only BEFORE UPDATE OR DELETE ON diagnosis_events
  FOR EACH ROW EXECUTE FUNCTION forbid_change();

-- A signed version is never edited: only the co-signature may be added (once), and the
-- store-back bookkeeping (by the definer functions below) changes.
CREATE FUNCTION diagnosis_report_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE'
    OR (NEW.request_id, NEW.version, NEW.content, NEW.amendment_kind, NEW.amendment_reason,
        NEW.signed_by, NEW.signed_at, NEW.signer_grade, NEW.signature)
      IS DISTINCT FROM (OLD.request_id, OLD.version, OLD.content, OLD.amendment_kind, OLD.amendment_reason,
        OLD.signed_by, OLD.signed_at, OLD.signer_grade, OLD.signature)
    OR (OLD.cosigned_by IS NOT NULL AND (NEW.cosigned_by, NEW.cosigned_at, NEW.cosignature)
      IS DISTINCT FROM (OLD.cosigned_by, OLD.cosigned_at, OLD.cosignature)) THEN
    RAISE EXCEPTION 'diagnosis_reports: a signed version is never edited';
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER diagnosis_reports_guard BEFORE UPDATE OR DELETE ON diagnosis_reports
  FOR EACH ROW EXECUTE FUNCTION diagnosis_report_guard();

-- Patients: as in 015, plus the requests about them that still give care (the subquery is
-- filtered by diagnosis_requests_read: the requesting institution and the centre's readers).
DROP POLICY patients_read ON patients;
CREATE POLICY patients_read ON patients FOR SELECT
  USING (institution_id = (SELECT app_institution_id())
    OR EXISTS (SELECT 1 FROM referrals r WHERE r.patient_id = patients.id AND r.closed_at IS NULL)
    OR EXISTS (SELECT 1 FROM referrals r WHERE r.patient_id = patients.id
      AND r.status IN ('completed', 'no_show') AND r.closed_at > (SELECT app_care_cutoff()))
    OR EXISTS (SELECT 1 FROM consultations c WHERE c.patient_id = patients.id
      AND consultation_gives_care(c.status, c.ended_at, c.concluded_at, (SELECT app_care_cutoff())))
    OR EXISTS (SELECT 1 FROM diagnosis_requests d WHERE d.patient_id = patients.id
      AND diagnosis_gives_care(d.status, d.signed_at, (SELECT app_care_cutoff()))));

-- The archive a request's study is read from, when the requester may send it: a study already
-- shared about this patient to a referral or consultation the caller can read (the bridge checked
-- then that it is the patient's), or one the caller's institution uploaded to the region's
-- archive. Null otherwise (the API answers 422).
CREATE FUNCTION diagnosis_study_endpoint(p_study_uid text, p_patient uuid) RETURNS uuid
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT coalesce(
    (SELECT s.id FROM pacs_study_source(p_study_uid) s WHERE s.patient_id = p_patient LIMIT 1),
    (SELECT u.pacs_endpoint_id FROM pacs_uploads u
      WHERE u.study_instance_uid = p_study_uid AND u.institution_id = app_institution_id()
        AND pacs_endpoint_usable(u.pacs_endpoint_id)
      ORDER BY u.uploaded_at LIMIT 1))
$$;

-- As 015's, plus a third way in: the study of a diagnosis request the caller reads for (a reader
-- of its centre) or sent (the requesting institution), while the request gives care or the
-- patient is registered here. A referral grant wins, then a consultation, then the request
-- (named in diagnosis_request_id for the audit trail). Keep in step with shared_studies_read and
-- diagnosis_requests_read.
DROP FUNCTION pacs_study_source(text);
CREATE FUNCTION pacs_study_source(p_study_uid text)
RETURNS TABLE (id uuid, base_url text, username text, password_enc bytea, referral_id uuid,
  consultation_id uuid, patient_id uuid, diagnosis_request_id uuid)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT u.id, u.base_url, u.username, u.password_enc, u.referral_id, u.consultation_id, u.patient_id,
    u.diagnosis_request_id
  FROM (
    (SELECT 1 AS rank, e.id, e.base_url, e.username, e.password_enc, s.referral_id,
      CASE WHEN r.id IS NULL THEN via.id END AS consultation_id, s.patient_id, NULL::uuid AS diagnosis_request_id
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
    LIMIT 1)
    UNION ALL
    (SELECT 2, e.id, e.base_url, e.username, e.password_enc, NULL::uuid, NULL::uuid, d.patient_id, d.id
    FROM diagnosis_requests d
    JOIN pacs_endpoints e ON e.id = d.pacs_endpoint_id
    JOIN patients pt ON pt.id = d.patient_id
    WHERE d.study_instance_uid = p_study_uid AND app_institution_id() IS NOT NULL
      AND (d.from_institution_id = app_institution_id() OR d.centre_id IN (SELECT app_reading_centres()))
      AND (diagnosis_gives_care(d.status, d.signed_at, app_care_cutoff())
        OR pt.institution_id = app_institution_id())
    ORDER BY d.requested_at DESC, d.id
    LIMIT 1)
  ) u
  ORDER BY u.rank
  LIMIT 1
$$;

-- Statistics without any patient column: regional administrators see the consortium, everybody
-- else the requests their institution sent or read.
CREATE FUNCTION diagnosis_facts(p_from timestamptz, p_to timestamptz)
RETURNS TABLE (centre_id uuid, from_institution_id uuid, to_institution_id uuid, to_department_id uuid,
  kind text, priority text, status text, requested_at timestamptz, due_at timestamptz,
  signed_at timestamptz, critical boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT d.centre_id, d.from_institution_id, d.to_institution_id, d.to_department_id, d.kind, d.priority,
    d.status, d.requested_at, d.due_at, d.signed_at, d.critical
  FROM diagnosis_requests d
  WHERE d.requested_at >= p_from AND d.requested_at < p_to
    AND d.consortium_id = app_consortium_id()
    AND (app_has_role('regional_admin')
      OR app_institution_id() IN (d.from_institution_id, d.to_institution_id))
$$;

-- Store-back (pacs-bridge puts each final version into the study as an Encapsulated PDF). A
-- worker outside any user's request (app.user_id unset) claims versions under a lease, so two
-- bridge instances don't store one twice and a crashed one's claims come back; it commits before
-- any archive call. A failure backs off (1, 2, 4 … 60 minutes) before the version is offered again.
CREATE FUNCTION diagnosis_reports_claim(p_limit integer, p_seconds integer)
RETURNS TABLE (request_id uuid, version integer, item jsonb)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  WITH picked AS (
    SELECT r.request_id, r.version FROM diagnosis_reports r
    WHERE app_user_id() IS NULL AND r.final AND r.pacs_sop_instance_uid IS NULL
      AND (r.pacs_lease_until IS NULL OR r.pacs_lease_until < now())
    ORDER BY r.signed_at
    LIMIT p_limit
    FOR UPDATE SKIP LOCKED
  ), leased AS (
    UPDATE diagnosis_reports r SET pacs_lease_until = now() + make_interval(secs => p_seconds)
    FROM picked WHERE r.request_id = picked.request_id AND r.version = picked.version
    RETURNING r.*
  )
  SELECT l.request_id, l.version, jsonb_build_object(
    'report', to_jsonb(l),
    'request', to_jsonb(d) - 'idempotency_key' - 'request_hash',
    'patient', jsonb_build_object('name', p.name, 'gender', p.gender, 'birth_date', p.birth_date,
      'id_number_enc', encode(p.id_number_enc, 'base64')),
    'names', jsonb_build_object(
      'requester', ru.display_name, 'signer', su.display_name, 'signer_key', su.signing_public_key,
      'cosigner', cu.display_name, 'cosigner_key', cu.signing_public_key,
      'from_institution', fi.name, 'to_institution', ti.name, 'to_department', td.name),
    'endpoint', jsonb_build_object('id', e.id, 'base_url', e.base_url, 'username', e.username,
      'password_enc', encode(e.password_enc, 'base64')))
  FROM leased l
  JOIN diagnosis_requests d ON d.id = l.request_id
  JOIN patients p ON p.id = d.patient_id
  JOIN users ru ON ru.id = d.requester_user_id
  JOIN users su ON su.id = l.signed_by
  LEFT JOIN users cu ON cu.id = l.cosigned_by
  JOIN institutions fi ON fi.id = d.from_institution_id
  JOIN institutions ti ON ti.id = d.to_institution_id
  JOIN departments td ON td.id = d.to_department_id
  JOIN pacs_endpoints e ON e.id = d.pacs_endpoint_id
$$;

CREATE FUNCTION diagnosis_report_stored(p_request uuid, p_version integer, p_sop text) RETURNS boolean
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  UPDATE diagnosis_reports SET pacs_sop_instance_uid = p_sop, pacs_stored_at = now(),
    pacs_lease_until = NULL, pacs_error = NULL, pacs_attempts = pacs_attempts + 1
  WHERE request_id = p_request AND version = p_version AND final AND app_user_id() IS NULL
  RETURNING true
$$;

CREATE FUNCTION diagnosis_report_store_failed(p_request uuid, p_version integer, p_error text) RETURNS boolean
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  UPDATE diagnosis_reports SET pacs_attempts = pacs_attempts + 1, pacs_error = left(p_error, 1000),
    pacs_lease_until = now() + make_interval(mins => least(60, power(2, least(pacs_attempts, 6))::integer))
  WHERE request_id = p_request AND version = p_version AND pacs_sop_instance_uid IS NULL
    AND app_user_id() IS NULL
  RETURNING true
$$;

REVOKE ALL ON FUNCTION app_reading_centres(), diagnosis_study_endpoint(text, uuid), pacs_study_source(text),
  diagnosis_facts(timestamptz, timestamptz), diagnosis_reports_claim(integer, integer),
  diagnosis_report_stored(uuid, integer, text), diagnosis_report_store_failed(uuid, integer, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION app_reading_centres(), diagnosis_study_endpoint(text, uuid), pacs_study_source(text),
  diagnosis_facts(timestamptz, timestamptz), diagnosis_reports_claim(integer, integer),
  diagnosis_report_stored(uuid, integer, text), diagnosis_report_store_failed(uuid, integer, text)
  TO referral_app;
