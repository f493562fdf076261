-- Login throttling by (name, address). A hard limit per name let anyone lock a user out by
-- typing wrong passwords; the count now runs per name and address (and per address), so the
-- user signing in from their own PC is never locked out by a stranger. The attempt row is
-- reserved before the password is checked and marked successful afterwards, so parallel
-- attempts can't all pass the count (the app reserves under an advisory lock).
GRANT UPDATE (success) ON login_attempts TO referral_app;
CREATE INDEX login_attempts_username_ip_at ON login_attempts (username, ip, at);
