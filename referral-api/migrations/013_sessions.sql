-- Sign-in sessions, so a token can be ended before it expires: logout, and every change that
-- must take effect at once (deactivation, a role removed, a new password) revokes the user's
-- sessions. Tokens name their session; each process checks it (cached for a few seconds).
CREATE TABLE auth_sessions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  revoked_reason text
);
CREATE INDEX auth_sessions_user ON auth_sessions (user_id) WHERE revoked_at IS NULL;
ALTER TABLE auth_sessions ENABLE ROW LEVEL SECURITY;
-- No policies: the app reaches sessions only through the definer functions below.

CREATE FUNCTION auth_session_open(p_user uuid) RETURNS uuid
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  INSERT INTO auth_sessions (user_id) SELECT id FROM users WHERE id = p_user AND active RETURNING id
$$;

CREATE FUNCTION auth_session_valid(p_session uuid, p_user uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM auth_sessions s JOIN users u ON u.id = s.user_id
    WHERE s.id = p_session AND s.user_id = p_user AND s.revoked_at IS NULL AND u.active)
$$;

-- The token proves who asks: a session is ended only by its own user.
CREATE FUNCTION auth_session_revoke(p_session uuid, p_user uuid, p_reason text) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  UPDATE auth_sessions SET revoked_at = now(), revoked_reason = p_reason
  WHERE id = p_session AND user_id = p_user AND revoked_at IS NULL
$$;

CREATE FUNCTION users_revoke_sessions() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF NOT NEW.active OR NEW.roles IS DISTINCT FROM OLD.roles OR NEW.password_hash IS DISTINCT FROM OLD.password_hash
      OR NEW.institution_id IS DISTINCT FROM OLD.institution_id THEN
    UPDATE auth_sessions SET revoked_at = now(), revoked_reason = 'account changed'
    WHERE user_id = NEW.id AND revoked_at IS NULL;
  END IF;
  RETURN NEW;
END $$;
CREATE TRIGGER users_revoke_sessions AFTER UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION users_revoke_sessions();

REVOKE ALL ON FUNCTION auth_session_open(uuid), auth_session_valid(uuid, uuid),
  auth_session_revoke(uuid, uuid, text), users_revoke_sessions() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_session_open(uuid), auth_session_valid(uuid, uuid),
  auth_session_revoke(uuid, uuid, text) TO referral_app;
