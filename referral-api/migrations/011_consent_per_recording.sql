-- Recording consent is asked for every recording, not once per consultation: when a recording
-- stops (goes from 'recording' to anything else), every participant's consent is cleared, so
-- the next recording waits for each of them again. A definer, because the participants'
-- own policy lets each change only their own row.
CREATE FUNCTION recording_clears_consent() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = public AS $$
BEGIN
  IF OLD.status = 'recording' AND NEW.status <> 'recording' THEN
    UPDATE consultation_participants SET recording_consent_at = NULL
    WHERE consultation_id = NEW.consultation_id AND recording_consent_at IS NOT NULL;
  END IF;
  RETURN NEW;
END $$;
REVOKE ALL ON FUNCTION recording_clears_consent() FROM PUBLIC;
CREATE TRIGGER recordings_clear_consent AFTER UPDATE OF status ON recordings
  FOR EACH ROW EXECUTE FUNCTION recording_clears_consent();
