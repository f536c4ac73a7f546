-- The publishing side of the events benchmark: the platform adds the outbox.
CREATE TABLE nothing (id INT PRIMARY KEY);
