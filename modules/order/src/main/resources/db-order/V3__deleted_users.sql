-- The users the user context reported deleted. Placing an order for one of them is refused even if the user
-- directory answered before the deletion; and an order whose placement overlapped the deletion, committed just after
-- the user's placed orders were cancelled, is found here by the periodic sweep and cancelled too.
CREATE TABLE deleted_users (
    user_id    BIGINT                   PRIMARY KEY,
    deleted_at TIMESTAMP WITH TIME ZONE NOT NULL
);
