-- The consuming side of the events benchmark: the platform adds the inbox; each handled event writes a row here.
CREATE TABLE delivered (event_id VARCHAR(36) PRIMARY KEY, latency_us BIGINT NOT NULL);
