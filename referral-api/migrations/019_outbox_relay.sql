-- Notifications without a ceiling on writes.
--
-- live_event() (migration 018) calls pg_notify inside the writing transaction. PostgreSQL keeps
-- its notification queue in commit order by taking one database-wide lock from just before
-- commit until the commit is done, WAL flush included: every notifying transaction then commits
-- alone, one flush after another, and writes stop near 1 / (flush time), some 500 a second here,
-- however many connections write. Without it, concurrent commits share a flush (group commit).
--
-- So a change writes its outbox row only (outbox_event), and the app sends the wake-up right
-- after COMMIT, in the same message (platform's db/tx.ts): that NOTIFY runs in a transaction of
-- its own that writes nothing and flushes nothing, so the lock is held for microseconds. Readers
-- treat the wake-up as a hint and read the outbox, as before, and also read it on a timer, so a
-- wake-up lost with a dying connection delays delivery but loses nothing. live_event() stays for
-- the few writers inside SQL (recordings_recovered), where nothing can run after the commit.
CREATE FUNCTION outbox_event(p_channel text, p_payload jsonb) RETURNS bigint
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO live_events (channel, payload) VALUES (p_channel, p_payload) RETURNING id
$$;

-- Where a named relay got to, so a relay that restarts (a new process) delivers what was
-- committed while it was away instead of starting from "now": the snapshot horizon of its last
-- read and the ids it delivered at or above it (see migration 018 on horizons).
CREATE TABLE live_relay_positions (
  name text PRIMARY KEY,
  horizon xid8 NOT NULL,
  delivered bigint[] NOT NULL DEFAULT '{}',
  at timestamptz NOT NULL DEFAULT now()
);
ALTER TABLE live_relay_positions ENABLE ROW LEVEL SECURITY;

-- Like live_events_since: only outside a user's request.
CREATE FUNCTION live_relay_load(p_name text) RETURNS TABLE (horizon xid8, delivered bigint[])
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT horizon, delivered FROM live_relay_positions WHERE name = p_name AND app_user_id() IS NULL
$$;

CREATE FUNCTION live_relay_save(p_name text, p_horizon xid8, p_delivered bigint[]) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO live_relay_positions (name, horizon, delivered)
  SELECT p_name, p_horizon, p_delivered WHERE app_user_id() IS NULL
  ON CONFLICT (name) DO UPDATE SET horizon = excluded.horizon, delivered = excluded.delivered, at = now()
$$;

REVOKE ALL ON FUNCTION outbox_event(text, jsonb), live_relay_load(text), live_relay_save(text, xid8, bigint[])
  FROM PUBLIC;
GRANT EXECUTE ON FUNCTION outbox_event(text, jsonb), live_relay_load(text), live_relay_save(text, xid8, bigint[])
  TO referral_app;
