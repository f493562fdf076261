-- Worklists over 100 000 referrals. Two problems measured by the benchmark:
-- 1. Policies calling app_institution_id() directly evaluate current_setting() once per row;
--    written as (SELECT app_institution_id()) it becomes an InitPlan computed once per query.
-- 2. Each worklist order needs an index that yields rows in that order, so LIMIT stops after a
--    page instead of sorting every referral of the institution (and joining patients first).
-- The bench (referral-api/bench) measured a page of the incoming worklist at 1-8 s before this.

-- PostgreSQL refuses a policy with a subquery on a table whose policies are already being
-- expanded; the insert policy read referrals itself, so that check moves into a function.
CREATE FUNCTION referral_received_here(p_referral uuid) RETURNS boolean
LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
  SELECT EXISTS (SELECT 1 FROM referrals WHERE id = p_referral AND to_institution_id = app_institution_id())
$$;
REVOKE ALL ON FUNCTION referral_received_here(uuid) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION referral_received_here(uuid) TO referral_app;

DROP POLICY referrals_insert ON referrals;
CREATE POLICY referrals_insert ON referrals FOR INSERT
  WITH CHECK (from_institution_id = (SELECT app_institution_id())
    -- A redirect creates the follow-up referral on behalf of the original sender.
    OR (referrals.parent_referral_id IS NOT NULL AND referral_received_here(referrals.parent_referral_id)));

DROP POLICY referrals_read ON referrals;
CREATE POLICY referrals_read ON referrals FOR SELECT
  USING (from_institution_id = (SELECT app_institution_id())
    OR (to_institution_id = (SELECT app_institution_id()) AND status <> 'draft'));

DROP POLICY referrals_update ON referrals;
CREATE POLICY referrals_update ON referrals FOR UPDATE
  USING (from_institution_id = (SELECT app_institution_id())
    OR (to_institution_id = (SELECT app_institution_id()) AND status <> 'draft'))
  WITH CHECK (from_institution_id = (SELECT app_institution_id())
    OR to_institution_id = (SELECT app_institution_id()));

DROP POLICY patients_read ON patients;
CREATE POLICY patients_read ON patients FOR SELECT
  USING (institution_id = (SELECT app_institution_id())
    OR EXISTS (SELECT 1 FROM referrals r WHERE r.patient_id = patients.id)
    OR EXISTS (SELECT 1 FROM consultations c WHERE c.patient_id = patients.id));

DROP POLICY events_read ON referral_events;
CREATE POLICY events_read ON referral_events FOR SELECT
  USING (EXISTS (SELECT 1 FROM referrals r WHERE r.id = referral_id));

DROP POLICY institutions_read ON institutions;
CREATE POLICY institutions_read ON institutions FOR SELECT USING (consortium_id = (SELECT app_consortium_id()));

-- "Most urgent first, then longest waiting": emergency, urgent, routine as 1, 2, 3 ascending,
-- so the order is one ascending row (urgency_order, created_at, id) and a cursor is an index
-- bound (row comparison) rather than a filter that rescans every earlier page.
ALTER TABLE referrals ADD COLUMN urgency_order smallint NOT NULL GENERATED ALWAYS AS (
  CASE priority WHEN 'emergency' THEN 1 WHEN 'urgent' THEN 2 ELSE 3 END) STORED;
DROP INDEX referrals_incoming;
CREATE INDEX referrals_incoming_urgency ON referrals (to_institution_id, status, urgency_order, created_at, id);
CREATE INDEX referrals_incoming_urgency_all ON referrals (to_institution_id, urgency_order, created_at, id);
CREATE INDEX referrals_outgoing_urgency ON referrals (from_institution_id, status, urgency_order, created_at, id);
-- Newest first within one status.
CREATE INDEX referrals_incoming_status_newest ON referrals (to_institution_id, status, created_at DESC, id);
-- Tab counts per status, answered from the index alone: the RLS check needs the other side's id.
CREATE INDEX referrals_incoming_counts ON referrals (to_institution_id, status) INCLUDE (from_institution_id);
CREATE INDEX referrals_outgoing_counts ON referrals (from_institution_id, status) INCLUDE (to_institution_id);
