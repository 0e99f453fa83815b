-- Deleting old answers (see "Operations" in the README) cascades to answer_messages: without
-- this index every deleted answer scans the whole table.
CREATE INDEX answer_messages_answer_id ON answer_messages (answer_id);
