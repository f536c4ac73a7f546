-- The highest version of each aggregate a consumer applied, raised in the transaction that applies an event: an
-- event whose version is not higher (an older one arriving late, or a redelivery after its inbox record was purged)
-- is recorded in the inbox but has no effect. Keyed by publisher too, since each publisher numbers its aggregates on
-- its own (user 7 and order 7 are different aggregates). Kept for good, unlike inbox records: a row per aggregate,
-- and a deleted aggregate's row is what stops a late event from reviving it.
CREATE TABLE aggregate_versions (
    consumer     VARCHAR(100) NOT NULL,
    publisher    VARCHAR(100) NOT NULL,
    aggregate_id BIGINT       NOT NULL,
    version      BIGINT       NOT NULL,
    PRIMARY KEY (consumer, publisher, aggregate_id)
);
