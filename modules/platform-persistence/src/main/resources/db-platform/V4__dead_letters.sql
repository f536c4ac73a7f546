-- A row whose delivery failed is tried again after a growing pause, not at the relay's next pass, so an event that
-- fails a few times before it is set aside neither spins the relay nor holds back the rows behind it.
ALTER TABLE outbox ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;
