-- A consuming context's projection, for the ordering tests: each thing's state as its newest applied event told it.
CREATE TABLE thing_states (
    thing_id BIGINT      PRIMARY KEY,
    version  BIGINT      NOT NULL,
    event_id VARCHAR(36) NOT NULL
);
