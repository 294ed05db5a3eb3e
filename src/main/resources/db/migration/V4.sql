-- A row that restates the event's state rather than enter a new one (a direct replay that failed: the dead
-- letter stays where it was, with its new reason) is on the event's timeline, but no transition to count.
ALTER TABLE event_history ADD COLUMN restates BOOLEAN DEFAULT FALSE NOT NULL;
-- the overview's count still reads the index alone
DROP INDEX event_history_by_state;
CREATE INDEX event_history_by_state ON event_history (status, happened_at, restates);
