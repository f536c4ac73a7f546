-- Who owns and who placed each order. owner is the subject (a token's sub) of the customer who owned the order's
-- user when it was placed: a customer sees, lists and cancels only orders it owns, newest first. NULL for orders of
-- users only admins manage, and for orders from before subjects were recorded (placed_by NULL too).
ALTER TABLE orders ADD COLUMN owner VARCHAR(255);
ALTER TABLE orders ADD COLUMN placed_by VARCHAR(255);
CREATE INDEX orders_by_owner ON orders (owner, id);
