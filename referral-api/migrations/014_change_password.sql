-- A user changes their own password (the app checks the current one first). Changing it ends
-- all of their sessions (the trigger of migration 013); the app opens a new one for this page.
CREATE FUNCTION auth_change_password(p_hash text) RETURNS void
LANGUAGE sql VOLATILE SECURITY DEFINER SET search_path = public AS $$
  UPDATE users SET password_hash = p_hash WHERE id = app_user_id() AND active
$$;
REVOKE ALL ON FUNCTION auth_change_password(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_change_password(text) TO referral_app;
