-- What the order context knows of the users it took orders for: whether the user context reported them deleted.
-- Placing an order and applying UserDeleted both lock the user's row here, so they never overlap: an order placed
-- while its user is being deleted is either committed first, and then cancelled with the user's other orders, or
-- refused, and no placed order of a deleted user is left behind.
CREATE TABLE order_users (
    user_id BIGINT  PRIMARY KEY,
    deleted BOOLEAN NOT NULL
);
