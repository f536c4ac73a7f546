-- A projection of the ordering tests: each parcel's state as the newest event applied told it.
CREATE TABLE parcel_states (
    parcel_id BIGINT      PRIMARY KEY,
    version   BIGINT      NOT NULL,
    event_id  VARCHAR(36) NOT NULL
);
