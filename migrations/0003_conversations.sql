-- What the chat bots keep between requests: answers (for feedback and sharing), feedback,
-- platform events already handled (so a retried delivery is answered once, also when two bot
-- processes receive it), and per-conversation knowledge scopes.

CREATE TABLE answers (
  id uuid PRIMARY KEY,
  platform text NOT NULL CHECK (platform IN ('slack', 'teams')),
  conversation_id text NOT NULL,
  user_id text NOT NULL,
  question text NOT NULL,
  status text NOT NULL,
  text text NOT NULL,
  citations jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX answers_created_at ON answers (created_at);

CREATE TABLE feedback (
  answer_id uuid NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
  user_id text NOT NULL,
  platform text NOT NULL CHECK (platform IN ('slack', 'teams')),
  verdict text NOT NULL CHECK (verdict IN ('up', 'down')),
  -- Copied from the answer so feedback reads on its own.
  question text NOT NULL,
  comment text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (answer_id, user_id)
);

CREATE TABLE handled_events (
  platform text NOT NULL,
  event_id text NOT NULL,
  received_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (platform, event_id)
);

CREATE INDEX handled_events_received_at ON handled_events (received_at);

CREATE TABLE conversation_scopes (
  platform text NOT NULL CHECK (platform IN ('slack', 'teams')),
  conversation_id text NOT NULL,
  collections text[] NOT NULL CHECK (cardinality(collections) > 0),
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (platform, conversation_id)
);
