-- Live notifications that survive a lost LISTEN connection, and recordings that survive a crash.
--
-- 1. An outbox. Every notification is also a row here, written in the same transaction as the
--    change (so it exists exactly when the change committed). pg_notify stays the wake-up; a
--    listener that was away (database restart, a dropped connection) reads what it missed.
--
--    Ordering: a bigserial id is taken before commit, so a transaction may commit id 7 after
--    another committed id 8: "everything after the last id seen" would skip 7 for good. Each row
--    therefore carries its writer's transaction id (xid8), and readers use snapshot horizons:
--    every transaction with an xid below a snapshot's xmin has finished, so after reading with a
--    snapshot whose xmin is X, no row with tx < X can ever appear again. The next read asks for
--    tx >= X (a few rows come again; readers drop ids they already delivered). Exact, with no
--    clock or safety margin to tune, and a reader's re-read set is bounded by the transactions
--    open at its last read. xid8 is 64 bits (epoch included), so it never wraps around.
CREATE TABLE live_events (
  id bigserial PRIMARY KEY,
  tx xid8 NOT NULL DEFAULT pg_current_xact_id(),
  channel text NOT NULL,
  payload jsonb NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX live_events_tx ON live_events (tx);
CREATE INDEX live_events_at ON live_events (at);
-- No policies: requests write through live_event() and never read; the server's listener reads
-- through live_events_since(), which refuses inside a user's request.
ALTER TABLE live_events ENABLE ROW LEVEL SECURITY;

-- Writes the row and wakes the listeners; the notification carries the row's id.
CREATE FUNCTION live_event(p_channel text, p_payload jsonb) RETURNS bigint
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  v_id bigint;
BEGIN
  INSERT INTO live_events (channel, payload) VALUES (p_channel, p_payload) RETURNING id INTO v_id;
  PERFORM pg_notify(p_channel, (p_payload || jsonb_build_object('eventId', v_id))::text);
  RETURN v_id;
END $$;

-- The rows a listener may not have seen yet (see above). Only outside a user's request: a
-- request runs with app.user_id set, the listener's own connection never sets it.
CREATE FUNCTION live_events_since(p_horizon xid8)
RETURNS TABLE (id bigint, tx xid8, channel text, payload jsonb)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT e.id, e.tx, e.channel, e.payload FROM live_events e
  WHERE e.tx >= p_horizon AND app_user_id() IS NULL
  ORDER BY e.id
$$;

-- Keeps the table bounded: a listener away for longer than this has lost more than live news.
CREATE FUNCTION live_events_prune(p_keep interval) RETURNS integer
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  WITH gone AS (DELETE FROM live_events WHERE at < now() - p_keep AND app_user_id() IS NULL RETURNING 1)
  SELECT count(*)::integer FROM gone
$$;

REVOKE ALL ON FUNCTION live_event(text, jsonb), live_events_since(xid8), live_events_prune(interval)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION live_event(text, jsonb), live_events_since(xid8), live_events_prune(interval)
  TO referral_app;

-- 2. Recordings that survive a crash. The process recording (or post-processing) a recording
--    owns it under a lease it renews while alive; a recording still 'recording' or 'processing'
--    whose lease ran out belongs to no live process, and any other process may claim it (a
--    claimed 'recording' becomes 'processing': its Janus recording died with its owner) and
--    finish it from the .mjr files left on disk, or mark it failed with the reason. A process
--    shutting down with post-processing unfinished releases its leases for the next start. A lease rather than an
--    advisory lock: locks vanish with a database restart while their owners live on, and leases
--    need no connection held open per process. Several processes claim safely: the claim is one
--    UPDATE, and a row another claimer just took no longer matches it.
ALTER TABLE recordings ADD COLUMN owner text, ADD COLUMN lease_until timestamptz,
  ADD COLUMN failure_reason text;
CREATE INDEX recordings_unfinished ON recordings (lease_until) WHERE status IN ('recording', 'processing');

CREATE FUNCTION recordings_renew_lease(p_owner text, p_seconds integer) RETURNS integer
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  WITH renewed AS (
    UPDATE recordings SET lease_until = now() + make_interval(secs => p_seconds)
    WHERE owner = p_owner AND status IN ('recording', 'processing') RETURNING 1)
  SELECT count(*)::integer FROM renewed
$$;

CREATE FUNCTION recordings_release(p_owner text) RETURNS integer
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  WITH released AS (
    UPDATE recordings SET lease_until = NULL
    WHERE owner = p_owner AND status IN ('recording', 'processing') RETURNING 1)
  SELECT count(*)::integer FROM released
$$;

-- A process never claims its own rows: after a long database outage its leases may have run out
-- while it still records.
CREATE FUNCTION recordings_claim_orphans(p_owner text, p_seconds integer)
RETURNS TABLE (id uuid, consultation_id uuid)
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  UPDATE recordings r SET owner = p_owner, lease_until = now() + make_interval(secs => p_seconds),
    status = 'processing'
  WHERE r.status IN ('recording', 'processing') AND (r.lease_until IS NULL OR r.lease_until < now())
    AND r.owner IS DISTINCT FROM p_owner AND app_user_id() IS NULL
  RETURNING r.id, r.consultation_id
$$;

-- The outcome of a claimed recording; its participants hear of it like of any other outcome.
CREATE FUNCTION recordings_recovered(p_id uuid, p_owner text, p_status text, p_file text,
  p_duration integer, p_reason text) RETURNS boolean
LANGUAGE plpgsql VOLATILE SECURITY DEFINER SET search_path = public AS $$
DECLARE
  v_consultation uuid;
BEGIN
  IF p_status NOT IN ('ready', 'failed') OR app_user_id() IS NOT NULL THEN
    RAISE EXCEPTION 'recordings_recovered: not allowed' USING ERRCODE = '42501';
  END IF;
  UPDATE recordings SET status = p_status, ended_at = coalesce(ended_at, now()),
    file_path = coalesce(p_file, file_path), duration_seconds = coalesce(p_duration, duration_seconds),
    failure_reason = p_reason, lease_until = NULL
  WHERE id = p_id AND owner = p_owner AND status = 'processing'
  RETURNING consultation_id INTO v_consultation;
  IF v_consultation IS NULL THEN
    RETURN false;
  END IF;
  PERFORM live_event('consultation_changed', jsonb_build_object(
    'consultationId', c.id, 'action', 'recording_' || p_status, 'status', c.status,
    'userIds', coalesce((SELECT jsonb_agg(p.user_id ORDER BY p.invited_at, p.user_id)
      FROM consultation_participants p WHERE p.consultation_id = c.id), '[]'::jsonb),
    'institutionIds', '[]'::jsonb))
  FROM consultations c WHERE c.id = v_consultation;
  RETURN true;
END $$;

REVOKE ALL ON FUNCTION recordings_renew_lease(text, integer), recordings_release(text),
  recordings_claim_orphans(text, integer), recordings_recovered(uuid, text, text, text, integer, text)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION recordings_renew_lease(text, integer), recordings_release(text),
  recordings_claim_orphans(text, integer), recordings_recovered(uuid, text, text, text, integer, text)
  TO referral_app;

-- 3. Institution administrators manage their own institution's staff. The app has no UPDATE on
--    users; these definer functions check the caller (an institution_admin, acting on a user of
--    their own institution, never on themselves) so the rule holds in the database whatever the
--    app asks. Deactivation, a role change and a new password end the user's sessions through
--    the trigger of migration 013. A reset password must be changed at the next sign-in.
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;

CREATE FUNCTION admin_may_manage(p_user uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT app_has_role('institution_admin') AND p_user <> app_user_id() AND EXISTS (
    SELECT 1 FROM users WHERE id = p_user AND institution_id = app_institution_id())
$$;

CREATE FUNCTION admin_set_active(p_user uuid, p_active boolean) RETURNS boolean
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  WITH changed AS (
    UPDATE users SET active = p_active WHERE id = p_user AND admin_may_manage(p_user) RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM changed)
$$;

CREATE FUNCTION admin_set_roles(p_user uuid, p_roles text[]) RETURNS boolean
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  WITH changed AS (
    UPDATE users SET roles = p_roles
    WHERE id = p_user AND admin_may_manage(p_user) AND NOT ('regional_admin' = ANY (p_roles))
    RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM changed)
$$;

CREATE FUNCTION admin_reset_password(p_user uuid, p_hash text) RETURNS boolean
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  WITH changed AS (
    UPDATE users SET password_hash = p_hash, must_change_password = true
    WHERE id = p_user AND admin_may_manage(p_user) RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM changed)
$$;

-- Read at sign-in and refresh (no user context yet), like auth_find_user.
CREATE FUNCTION auth_password_change_required(p_user uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT coalesce((SELECT must_change_password FROM users WHERE id = p_user), false)
$$;

-- Choosing one's own password clears the flag (014's function, plus that).
CREATE OR REPLACE FUNCTION auth_change_password(p_hash text) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  UPDATE users SET password_hash = p_hash, must_change_password = false WHERE id = app_user_id() AND active
$$;

GRANT SELECT (active, must_change_password, created_at) ON users TO referral_app;
REVOKE ALL ON FUNCTION admin_may_manage(uuid), admin_set_active(uuid, boolean),
  admin_set_roles(uuid, text[]), admin_reset_password(uuid, text), auth_password_change_required(uuid)
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION admin_may_manage(uuid), admin_set_active(uuid, boolean),
  admin_set_roles(uuid, text[]), admin_reset_password(uuid, text), auth_password_change_required(uuid)
  TO referral_app;
