-- 002: conversations and their messages.
-- A citizen holds an opaque token (only its SHA-256 is stored). Every message has a per-conversation
-- sequence number without gaps, taken from conversations.last_seq in the same transaction as the insert,
-- so concurrent writers on several instances can never produce two messages with the same seq.

CREATE TABLE conversations (
  id uuid PRIMARY KEY,
  token_hash text NOT NULL UNIQUE,
  channel text NOT NULL DEFAULT 'web' CHECK (channel IN ('web', 'api', 'botframework')),
  lang text NOT NULL DEFAULT 'ro' CHECK (lang IN ('ro', 'en', 'hu')),
  -- bot → waiting → with_clerk → closed (or back to bot): see src/conversations/conversation-status.ts
  status text NOT NULL DEFAULT 'bot' CHECK (status IN ('bot', 'waiting', 'with_clerk', 'closed')),
  -- Dialogue state (procedure in focus, pending clarification, consecutive misses…), read and written
  -- by whichever instance handles the next message, so nothing lives only in one process's memory.
  state jsonb NOT NULL DEFAULT '{}'::jsonb,
  last_seq integer NOT NULL DEFAULT 0,
  external_id text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX conversations_external_id ON conversations (channel, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE messages (
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  seq integer NOT NULL,
  author text NOT NULL CHECK (author IN ('citizen', 'bot', 'clerk', 'system')),
  text text NOT NULL,
  lang text NOT NULL CHECK (lang IN ('ro', 'en', 'hu')),
  -- Bot answers: the procedure used (or null), confidence 0-1, sources, quick replies, sections.
  procedure_slug text,
  confidence real,
  sources jsonb NOT NULL DEFAULT '[]'::jsonb,
  suggestions jsonb NOT NULL DEFAULT '[]'::jsonb,
  sections jsonb NOT NULL DEFAULT '[]'::jsonb,
  -- Who wrote it, for clerk messages (display name shown to the citizen).
  author_name text,
  author_id text,
  -- How the answer was reached (pipeline status, timings): for clerks and evaluation, not citizens.
  meta jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- Client-chosen id of a citizen message: a resend after a reconnect returns the stored result.
  client_msg_id text,
  -- For an answer: the seq of the citizen message it answers (to replay an idempotent request).
  reply_to integer,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, seq)
);
CREATE UNIQUE INDEX messages_client_msg_id ON messages (conversation_id, client_msg_id) WHERE client_msg_id IS NOT NULL;
CREATE INDEX messages_reply_to ON messages (conversation_id, reply_to) WHERE reply_to IS NOT NULL;

-- Thumbs up/down on bot answers (one per message; the latest vote wins).
CREATE TABLE message_feedback (
  conversation_id uuid NOT NULL,
  seq integer NOT NULL,
  rating text NOT NULL CHECK (rating IN ('up', 'down')),
  comment text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (conversation_id, seq),
  FOREIGN KEY (conversation_id, seq) REFERENCES messages (conversation_id, seq) ON DELETE CASCADE
);
