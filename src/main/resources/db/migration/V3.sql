-- The overview of the Lambda shape counts the last hour's transitions of a few states from the history:
-- a range of this index, however long the history has grown.
CREATE INDEX event_history_by_state ON event_history (status, happened_at);
