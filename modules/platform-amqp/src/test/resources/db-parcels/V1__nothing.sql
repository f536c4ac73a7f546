-- The publishing context of the ordering tests: its own tables are none; the platform adds the outbox.
CREATE TABLE nothing (id INT PRIMARY KEY);
