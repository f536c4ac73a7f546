-- A key is claimed before the work runs: the row is inserted with the fingerprint alone, in the work's transaction,
-- and the reply is written into it when the work is done. A committed row always has its reply; only the claiming
-- transaction sees a row without one, so the reply columns may be empty.
ALTER TABLE idempotency_keys ALTER COLUMN status DROP NOT NULL;
ALTER TABLE idempotency_keys ALTER COLUMN body DROP NOT NULL;
