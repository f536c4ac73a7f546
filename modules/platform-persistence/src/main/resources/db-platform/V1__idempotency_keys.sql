-- Replies to POST requests that carried an Idempotency-Key, so a retry gets the original reply and creates nothing.
-- Written in the same transaction as what the request created: both are there, or neither is.
CREATE TABLE idempotency_keys (
    scope           VARCHAR(100)             NOT NULL,
    idempotency_key VARCHAR(255)             NOT NULL,
    fingerprint     VARCHAR(64)              NOT NULL,
    status          INT                      NOT NULL,
    location        VARCHAR(255),
    etag            VARCHAR(64),
    body            VARCHAR(1000000)         NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (scope, idempotency_key)
);

CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
