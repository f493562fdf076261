-- One archive, one owner. An institution's PACS and the region's upload archive (or two
-- institutions) registered on one server mixed their studies: a hospital's own-PACS search listed
-- what clinics had uploaded for the region. registerEndpoint refuses a base URL another endpoint
-- has; this index refuses it in the database too, compared as a URL: scheme and host in lower
-- case, no default port, no trailing slash. (Another spelling of the same server, an alias or
-- another address, is the operator's to avoid: the database can't resolve names.)
CREATE FUNCTION pacs_url_key(p_url text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
  SELECT lower(m[1]) || '://' || lower(m[2])
    || CASE
         WHEN coalesce(ltrim(m[3], '0'), '') IN ('', CASE lower(m[1]) WHEN 'http' THEN '80' WHEN 'https' THEN '443' END)
         THEN '' ELSE ':' || ltrim(m[3], '0') END
    || regexp_replace(m[4], '/+$', '')
  FROM regexp_match(p_url, '^([A-Za-z][A-Za-z0-9+.-]*)://(\[[^]]*\]|[^/:?#]*)(?::([0-9]*))?([^?#]*)') AS m
$$;

-- Rows from before this migration are checked first, so an upgrade that can't apply says which
-- endpoints share an archive instead of failing on the index.
DO $$
DECLARE
  clash text;
BEGIN
  SELECT string_agg(format('%s (%s)', k, owners), '; ') INTO clash FROM (
    SELECT pacs_url_key(e.base_url) AS k,
      string_agg(format('%s %s', coalesce(i.code, 'region'), e.name), ', ' ORDER BY i.code NULLS FIRST) AS owners
    FROM pacs_endpoints e LEFT JOIN institutions i ON i.id = e.institution_id
    GROUP BY 1 HAVING count(*) > 1) d;
  IF clash IS NOT NULL THEN
    RAISE EXCEPTION 'PACS endpoints share one archive: %. Give each institution and the region its own '
      'archive (UPDATE pacs_endpoints SET base_url = ... for all but one of them) before upgrading; '
      'a demo data folder (DATA_DIR) can simply be deleted.', clash;
  END IF;
END $$;

CREATE UNIQUE INDEX pacs_endpoints_one_owner ON pacs_endpoints (pacs_url_key(base_url));

-- 012's workaround (hide, from a hospital's own-PACS search, studies another institution uploaded
-- to the same archive) matched endpoints with equal base URLs. Under the index above that is the
-- caller's own endpoint row, and other institutions can't claim uploads there
-- (pacs_uploads_insert): it can never match again.
DROP FUNCTION pacs_foreign_studies(text[]);
