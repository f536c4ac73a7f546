-- Where the request that wrote an event stood in its trace (W3C traceparent and tracestate), so the relay and the
-- consumer continue that trace. Empty for rows written before, or outside a traced request.
ALTER TABLE outbox ADD COLUMN traceparent VARCHAR(55);
ALTER TABLE outbox ADD COLUMN tracestate VARCHAR(512);
