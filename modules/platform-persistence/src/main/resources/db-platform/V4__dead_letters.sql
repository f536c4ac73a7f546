-- A row whose delivery failed is tried again after a growing pause, not at the relay's next pass, so an event that
-- fails a few times before it is set aside neither spins the relay nor holds back the rows behind it.
-- The outbox no longer sets dead_at: consumers keep what they give up on in dead_letters below (rows set aside by
-- earlier releases stay aside).
ALTER TABLE outbox ADD COLUMN next_attempt_at TIMESTAMP WITH TIME ZONE;

-- The events a consumer gave up on (one that cannot be read, or whose handler failed on every attempt), kept in the
-- consumer's own database whichever the transport, until an operator replays them through the inbox. last_error is
-- one line (class and message), never a stack trace.
CREATE TABLE dead_letters (
    consumer     VARCHAR(100)             NOT NULL,
    event_id     VARCHAR(36)              NOT NULL,
    publisher    VARCHAR(100)             NOT NULL,
    event_type   VARCHAR(100)             NOT NULL,
    aggregate_id BIGINT                   NOT NULL,
    payload      VARCHAR(100000)          NOT NULL,
    occurred_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    attempts     INT                      NOT NULL,
    last_error   VARCHAR(1000)            NOT NULL,
    dead_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (consumer, event_id)
);
