-- Worklist search (`q`) at the speed of its indexes.
--
-- Under row-level security PostgreSQL evaluates a table's policy before any condition whose
-- operator is not leakproof, and ILIKE is not: so no index can serve `name ILIKE '%…%'` in a
-- query run as the caller, and the search read every referral of the box, checking the
-- patient's policy for each (about half a second at 100 000 referrals). This function runs the
-- search as the owner, where the trigram indexes below apply, in three branches with their own
-- indexes, each already in page order and cut at the page size with the keyset condition, so
-- each stops early: referral number by prefix, diagnosis (code and text) by trigram, patients by
-- name first (a two-character Chinese name has no trigram, and a few thousand patients are read
-- in a millisecond without the policy).
--
-- It returns ids only, and only ids the caller may read anyway: referrals of the caller's own box
-- (the referrals_read condition of migration 006, repeated because a definer bypasses RLS: keep
-- them in step), matched by name or diagnosis only where the caller sees the patient through
-- this referral or their own registration (a subset of patients_read of migration 015, so the
-- function never tells anything about a patient the caller no longer sees). The query that
-- shows the page reads the rows as the caller, under every policy.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE INDEX patients_name_trgm ON patients USING gin (name gin_trgm_ops);
CREATE INDEX referrals_diagnosis_trgm ON referrals
  USING gin ((diagnosis_code || ' ' || diagnosis_text) gin_trgm_ops);
-- "C" collation: LIKE 'prefix%' becomes an index range (the database's C.UTF-8 is not "C").
CREATE INDEX referrals_number_prefix ON referrals (referral_no COLLATE "C");

-- The planner estimates the trigram conditions from these statistics.
ANALYZE patients, referrals;

CREATE FUNCTION referral_search(p_box text, p_pattern text, p_prefix text, p_before_at timestamptz,
  p_before_id uuid, p_limit integer)
RETURNS TABLE (id uuid, created_at timestamptz)
LANGUAGE plpgsql STABLE SECURITY DEFINER SET search_path = public AS $fn$
DECLARE
  v_box text := CASE p_box WHEN 'incoming' THEN 'r.to_institution_id = $1 AND r.status <> ''draft'''
    WHEN 'outgoing' THEN 'r.from_institution_id = $1' END;
  v_seek text := CASE WHEN p_before_at IS NULL THEN 'true' ELSE '(r.created_at, r.id) < ($4, $5)' END;
  v_cared text := '(p.institution_id = $1 OR r.closed_at IS NULL
    OR (r.status IN (''completed'', ''no_show'') AND r.closed_at > $6))';
  -- Fewer than three characters between the wildcards give no trigram: the index would be read
  -- whole, so such a term is written in a form the index does not serve, and the box is walked.
  v_short boolean := char_length(p_pattern) < 5;
  v_diagnosis text := CASE WHEN v_short THEN '(r.diagnosis_code ILIKE $2 OR r.diagnosis_text ILIKE $2)'
    ELSE '(r.diagnosis_code || '' '' || r.diagnosis_text) ILIKE $2' END;
  v_name text := CASE WHEN v_short THEN '(p.name || '''') ILIKE $2' ELSE 'p.name ILIKE $2' END;
BEGIN
  IF app_institution_id() IS NULL OR v_box IS NULL THEN
    RETURN;
  END IF;
  -- EXECUTE plans with the values at hand: a rare term takes the trigram index, a common one walks
  -- the box's newest-first index and stops after a page.
  RETURN QUERY EXECUTE format($q$
    SELECT u.id, u.created_at FROM (
      (SELECT r.id, r.created_at FROM referrals r
       WHERE %1$s AND %2$s AND r.referral_no COLLATE "C" LIKE $3
       ORDER BY r.created_at DESC, r.id DESC LIMIT $7)
      UNION
      (SELECT r.id, r.created_at FROM referrals r JOIN patients p ON p.id = r.patient_id
       WHERE %1$s AND %2$s AND %3$s AND %4$s
       ORDER BY r.created_at DESC, r.id DESC LIMIT $7)
      UNION
      (SELECT r.id, r.created_at FROM patients p JOIN referrals r ON r.patient_id = p.id
       WHERE %5$s AND %1$s AND %2$s AND %3$s
       ORDER BY r.created_at DESC, r.id DESC LIMIT $7)
    ) u ORDER BY u.created_at DESC, u.id DESC LIMIT $7 $q$, v_box, v_seek, v_cared, v_diagnosis, v_name)
  USING app_institution_id(), p_pattern, p_prefix, p_before_at, p_before_id, app_care_cutoff(), p_limit;
END $fn$;

REVOKE ALL ON FUNCTION referral_search(text, text, text, timestamptz, uuid, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION referral_search(text, text, text, timestamptz, uuid, integer) TO referral_app;
