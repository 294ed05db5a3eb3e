-- What the operator console looks events up by, and each event's history of states (its timeline).
ALTER TABLE event_status ADD COLUMN delivery_id VARCHAR(255);
UPDATE event_status SET delivery_id = (SELECT p.delivery_id FROM processed_events p WHERE p.event_id = event_status.event_id);

CREATE INDEX event_status_by_delivery ON event_status (delivery_id);
-- in the order the console lists events: newest received first
CREATE INDEX event_status_by_received ON event_status (received_at DESC NULLS LAST, event_id DESC);
CREATE INDEX event_status_by_group ON event_status (group_id, received_at);

CREATE TABLE event_history (
    seq           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id      VARCHAR(64)  NOT NULL,
    status        VARCHAR(32)  NOT NULL,
    error_code    VARCHAR(64),
    error_message VARCHAR(2000),
    failed_stage  VARCHAR(32),
    receive_count INTEGER      NOT NULL,
    replay_count  INTEGER      NOT NULL,
    happened_at   TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX event_history_by_event ON event_history (event_id, seq);
