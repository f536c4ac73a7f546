-- Who owns and who registered each user. owner is the subject (a token's sub) of the customer who registered the
-- user: a customer owns at most one, so it is unique (NULLs, users an admin registered, do not clash). created_by is
-- NULL for users registered before subjects were recorded.
ALTER TABLE users ADD COLUMN owner VARCHAR(255);
ALTER TABLE users ADD COLUMN created_by VARCHAR(255);
ALTER TABLE users ADD CONSTRAINT users_owner_unique UNIQUE (owner);
