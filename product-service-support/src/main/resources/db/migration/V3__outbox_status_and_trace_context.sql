-- Outbox housekeeping (issue 14) and trace context (issue 11).
-- status: PENDING until Kafka acknowledges, then PUBLISHED (purged after the retention period);
-- PARKED when the message cannot be published (too large, not serialisable, or failing max-attempts
-- times). A parked message holds back the later messages of the same user (message_key) until an
-- operator sets it back to PENDING or deletes it, so no event overtakes an earlier one of its user.
ALTER TABLE outbox ADD COLUMN status VARCHAR(16) NOT NULL DEFAULT 'PENDING';
UPDATE outbox SET status = 'PUBLISHED' WHERE published_at IS NOT NULL;
ALTER TABLE outbox ADD CONSTRAINT outbox_status_check CHECK (status IN ('PENDING', 'PUBLISHED', 'PARKED'));
ALTER TABLE outbox ADD COLUMN parked_at TIMESTAMPTZ NULL;
-- W3C traceparent of the transaction that wrote the row, so the Kafka record continues its trace.
ALTER TABLE outbox ADD COLUMN trace_parent VARCHAR(128) NULL;

DROP INDEX outbox_pending_idx;
CREATE INDEX outbox_pending_idx ON outbox (id) WHERE status = 'PENDING';
CREATE INDEX outbox_parked_key_idx ON outbox (message_key) WHERE status = 'PARKED';
CREATE INDEX outbox_published_at_idx ON outbox (published_at) WHERE status = 'PUBLISHED';
