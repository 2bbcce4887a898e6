-- Events Kafka acknowledged as part of a publication batch that then failed as a whole (a later send of the batch
-- was refused): they count as published at once, and the batch is sent again from its start. When the batch finally
-- commits, its events listed here are removed and not counted a second time. Holds only the events of a failed
-- batch, so it stays small.
CREATE TABLE publication_acknowledged (
    event_id VARCHAR(64) NOT NULL PRIMARY KEY
);
