-- Why an order was cancelled: by its customer, or because its user was deleted. NULL while it is placed.
ALTER TABLE orders ADD COLUMN cancellation_reason VARCHAR(32);
ALTER TABLE orders ADD CONSTRAINT orders_cancellation_reason_known
    CHECK (cancellation_reason IS NULL OR cancellation_reason IN ('CUSTOMER_REQUEST', 'USER_DELETED'));
