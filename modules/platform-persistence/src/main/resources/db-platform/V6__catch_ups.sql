-- The publishers' event types whose kept history this consumer has read through its inbox (RabbitMQ keeps every
-- published event in a stream for seven days). A row is written only once the whole history was read, so a catch-up
-- cut short by a crash is done again; a type the consumer no longer subscribes to loses its row, so subscribing again
-- reads its history again.
CREATE TABLE catch_ups (
    consumer      VARCHAR(100)             NOT NULL,
    publisher     VARCHAR(100)             NOT NULL,
    event_type    VARCHAR(100)             NOT NULL,
    caught_up_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (consumer, publisher, event_type)
);
