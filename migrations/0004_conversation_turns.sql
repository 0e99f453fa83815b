-- For platforms that cannot read a conversation back (Teams): the recent turns of each
-- conversation, kept by the bot for follow-ups, and which posted message carries which answer
-- (feedback arrives for a message id).

CREATE TABLE conversation_turns (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  platform text NOT NULL CHECK (platform IN ('slack', 'teams')),
  conversation_id text NOT NULL,
  role text NOT NULL CHECK (role IN ('user', 'assistant')),
  text text NOT NULL,
  -- For a question: the standalone query it was searched as.
  query text,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX conversation_turns_recent ON conversation_turns (platform, conversation_id, id DESC);
CREATE INDEX conversation_turns_created_at ON conversation_turns (created_at);

CREATE TABLE answer_messages (
  platform text NOT NULL CHECK (platform IN ('slack', 'teams')),
  conversation_id text NOT NULL,
  message_id text NOT NULL,
  answer_id uuid NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
  PRIMARY KEY (platform, conversation_id, message_id)
);
