-- What a consuming context did with the events it applied, for the event tests.
CREATE TABLE seen (event_id VARCHAR(36) NOT NULL, thing_id BIGINT NOT NULL);
