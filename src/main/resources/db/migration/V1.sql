-- Processed events and every event's status. Portable SQL: the same migration runs on H2 and PostgreSQL.
CREATE TABLE processed_events (
    seq           BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event_id      VARCHAR(64)  NOT NULL UNIQUE,
    provider      VARCHAR(64)  NOT NULL,
    topic         VARCHAR(255),
    delivery_id   VARCHAR(255) NOT NULL,
    group_id      VARCHAR(255) NOT NULL,
    received_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    processed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    payload       TEXT         NOT NULL
);

CREATE TABLE event_status (
    event_id      VARCHAR(64)  PRIMARY KEY,
    provider      VARCHAR(64)  NOT NULL,
    topic         VARCHAR(255),
    group_id      VARCHAR(255),
    received_at   TIMESTAMP WITH TIME ZONE,
    status        VARCHAR(32)  NOT NULL,
    error_code    VARCHAR(64),
    error_message VARCHAR(2000),
    failed_stage  VARCHAR(32),
    receive_count INTEGER      NOT NULL,
    replay_count  INTEGER      NOT NULL,
    updated_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX event_status_by_status ON event_status (status, updated_at);
