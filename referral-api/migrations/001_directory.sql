-- Consortia, institutions, departments, referral routes and users.
-- Runs as the owner role; the app connects as referral_app (no ownership, no BYPASSRLS),
-- so the row-level security policies below apply to every query the app makes.


-- Request context, set per transaction by the app with set_config(..., true).
CREATE FUNCTION app_user_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
CREATE FUNCTION app_institution_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('app.institution_id', true), '')::uuid $$;
CREATE FUNCTION app_consortium_id() RETURNS uuid LANGUAGE sql STABLE AS
  $$ SELECT nullif(current_setting('app.consortium_id', true), '')::uuid $$;
CREATE FUNCTION app_has_role(r text) RETURNS boolean LANGUAGE sql STABLE AS
  $$ SELECT coalesce(r = ANY (string_to_array(current_setting('app.roles', true), ',')), false) $$;

CREATE TABLE consortia (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  name text NOT NULL
);

CREATE TABLE institutions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  consortium_id uuid NOT NULL REFERENCES consortia(id),
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  level smallint NOT NULL CHECK (level BETWEEN 1 AND 3),
  address text,
  phone text
);

CREATE TABLE departments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  institution_id uuid NOT NULL REFERENCES institutions(id),
  code text NOT NULL,
  name text NOT NULL,
  UNIQUE (institution_id, code)
);

CREATE TABLE referral_routes (
  from_institution_id uuid NOT NULL REFERENCES institutions(id),
  to_institution_id uuid NOT NULL REFERENCES institutions(id),
  direction text NOT NULL CHECK (direction IN ('up', 'down')),
  PRIMARY KEY (from_institution_id, to_institution_id),
  CHECK (from_institution_id <> to_institution_id)
);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL UNIQUE,
  password_hash text NOT NULL,
  display_name text NOT NULL,
  consortium_id uuid NOT NULL REFERENCES consortia(id),
  -- NULL only for regional administrators, who belong to the consortium, not to an institution.
  institution_id uuid REFERENCES institutions(id),
  department_id uuid REFERENCES departments(id),
  roles text[] NOT NULL CHECK (roles <@ ARRAY['doctor','specialist','coordinator','institution_admin','regional_admin']::text[] AND cardinality(roles) > 0),
  -- Ed25519 key for signing decisions and opinions; the private key is encrypted by the app.
  signing_public_key text NOT NULL,
  signing_private_key_enc bytea NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (institution_id IS NOT NULL OR roles = ARRAY['regional_admin']::text[])
);

CREATE TABLE login_attempts (
  id bigserial PRIMARY KEY,
  username text NOT NULL,
  ip text NOT NULL,
  success boolean NOT NULL,
  at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX login_attempts_username_at ON login_attempts (username, at);
CREATE INDEX login_attempts_ip_at ON login_attempts (ip, at);

-- The directory is readable by every signed-in user of the consortium; only the owner writes it.
ALTER TABLE consortia ENABLE ROW LEVEL SECURITY;
ALTER TABLE institutions ENABLE ROW LEVEL SECURITY;
ALTER TABLE departments ENABLE ROW LEVEL SECURITY;
ALTER TABLE referral_routes ENABLE ROW LEVEL SECURITY;
ALTER TABLE users ENABLE ROW LEVEL SECURITY;

CREATE POLICY consortia_read ON consortia FOR SELECT USING (id = app_consortium_id());
CREATE POLICY institutions_read ON institutions FOR SELECT USING (consortium_id = app_consortium_id());
CREATE POLICY departments_read ON departments FOR SELECT
  USING (EXISTS (SELECT 1 FROM institutions i WHERE i.id = institution_id));
CREATE POLICY routes_read ON referral_routes FOR SELECT
  USING (EXISTS (SELECT 1 FROM institutions i WHERE i.id = from_institution_id));
CREATE POLICY users_read ON users FOR SELECT USING (consortium_id = app_consortium_id());

GRANT USAGE ON SCHEMA public TO referral_app;
GRANT SELECT ON consortia, institutions, departments, referral_routes TO referral_app;
-- Column grant: the app never reads password hashes or private keys through plain SELECTs.
GRANT SELECT (id, username, display_name, consortium_id, institution_id, department_id, roles,
  signing_public_key, active, created_at) ON users TO referral_app;
GRANT SELECT, INSERT ON login_attempts TO referral_app;
GRANT USAGE ON SEQUENCE login_attempts_id_seq TO referral_app;

-- Login happens before any request context exists, so it looks the user up through this
-- definer function, which returns one row for one exact username and nothing else.
CREATE FUNCTION auth_find_user(p_username text)
RETURNS TABLE (id uuid, password_hash text, display_name text, consortium_id uuid,
  institution_id uuid, department_id uuid, roles text[], active boolean)
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT id, password_hash, display_name, consortium_id, institution_id, department_id, roles, active
  FROM users WHERE username = p_username
$$;
REVOKE ALL ON FUNCTION auth_find_user(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION auth_find_user(text) TO referral_app;

-- Signing needs the caller's own private key (encrypted; the app holds the key to open it).
CREATE FUNCTION signing_key_of_current_user() RETURNS bytea
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT signing_private_key_enc FROM users WHERE id = app_user_id()
$$;
REVOKE ALL ON FUNCTION signing_key_of_current_user() FROM PUBLIC;
GRANT EXECUTE ON FUNCTION signing_key_of_current_user() TO referral_app;
