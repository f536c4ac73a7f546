-- A publishing context's own table, for the event tests.
CREATE TABLE things (id BIGINT PRIMARY KEY);
