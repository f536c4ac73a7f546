-- A consumer context of the transport's tests: its own tables are none; the platform adds the inbox.
CREATE TABLE nothing (id INT PRIMARY KEY);
