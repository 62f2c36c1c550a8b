-- 004: human handoff — clerk accounts and sessions, login throttling, handoffs (queues and assignment),
-- internal notes, tickets and the audit log. See docs/adr/0004-handoff.md.
-- Department ids are not foreign keys: departments are data in knowledge-base/departments.yaml, checked
-- by the application when they are assigned.

CREATE TABLE clerks (
  id uuid PRIMARY KEY,
  -- Stored lower-cased; one account per address.
  email text NOT NULL UNIQUE,
  name text NOT NULL,
  -- Cumulative: admin can do everything a supervisor can, a supervisor everything a clerk can.
  role text NOT NULL CHECK (role IN ('clerk', 'supervisor', 'admin')),
  -- scrypt$N$r$p$salt$hash: the parameters travel with each hash, so they can be raised later.
  password_hash text NOT NULL,
  availability text NOT NULL DEFAULT 'away' CHECK (availability IN ('available', 'away')),
  active boolean NOT NULL DEFAULT true,
  -- Presence: refreshed by the console socket and API calls; automatic assignment needs a recent one.
  last_seen_at timestamptz,
  last_assigned_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE clerk_departments (
  clerk_id uuid NOT NULL REFERENCES clerks (id) ON DELETE CASCADE,
  department text NOT NULL,
  PRIMARY KEY (clerk_id, department)
);
CREATE INDEX clerk_departments_department ON clerk_departments (department);

-- The cookie holds a random token; only its SHA-256 is stored (a leaked table opens no session).
CREATE TABLE clerk_sessions (
  token_hash text PRIMARY KEY,
  clerk_id uuid NOT NULL REFERENCES clerks (id) ON DELETE CASCADE,
  -- Sent back by the console in X-CSRF-Token; useless without the cookie, so stored as is.
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text
);
CREATE INDEX clerk_sessions_clerk ON clerk_sessions (clerk_id);
CREATE INDEX clerk_sessions_expires ON clerk_sessions (expires_at);

-- Failed logins per key ('email:…' or 'ip:…'), in the database so the limit holds across instances.
CREATE TABLE login_throttle (
  key text PRIMARY KEY,
  failures integer NOT NULL,
  window_started_at timestamptz NOT NULL,
  locked_until timestamptz
);

-- One row per time a conversation was handed to people; at most one is current (ended_at IS NULL).
-- conversations.status stays the source of truth for bot/waiting/with_clerk/closed; this row says where
-- (department) and with whom (clerk), and is changed in the same transaction as the status.
CREATE TABLE handoffs (
  id bigserial PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  -- waiting: in a department's queue; with_clerk: assigned; offline: nobody could answer, a ticket is
  -- offered; ended: back to the bot, closed, or a ticket was left.
  state text NOT NULL CHECK (state IN ('waiting', 'with_clerk', 'offline', 'ended')),
  department text NOT NULL,
  reason text NOT NULL,
  question text NOT NULL,
  procedure_slug text,
  confidence real,
  lang text NOT NULL CHECK (lang IN ('ro', 'en', 'hu')),
  clerk_id uuid REFERENCES clerks (id) ON DELETE SET NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  -- When it entered its current queue (reset by a transfer to another department).
  queued_at timestamptz NOT NULL DEFAULT now(),
  assigned_at timestamptz,
  ticket_offered_at timestamptz,
  ticket_number text,
  outcome text,
  end_reason text,
  ended_at timestamptz
);
CREATE UNIQUE INDEX handoffs_current ON handoffs (conversation_id) WHERE ended_at IS NULL;
CREATE INDEX handoffs_queue ON handoffs (department, queued_at) WHERE state = 'waiting';
CREATE INDEX handoffs_clerk_open ON handoffs (clerk_id) WHERE state = 'with_clerk';
CREATE INDEX handoffs_conversation ON handoffs (conversation_id, id);
CREATE INDEX handoffs_assigned ON handoffs (department, assigned_at) WHERE assigned_at IS NOT NULL;

-- Internal notes: clerks only. Deliberately not in `messages`, so no citizen-facing path can ever read them.
CREATE TABLE handoff_notes (
  id bigserial PRIMARY KEY,
  conversation_id uuid NOT NULL REFERENCES conversations (id) ON DELETE CASCADE,
  clerk_id uuid REFERENCES clerks (id) ON DELETE SET NULL,
  text text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX handoff_notes_conversation ON handoff_notes (conversation_id, id);

-- Registration numbers ANT-<year>-<n>: a counter per year, taken in the ticket's transaction.
CREATE TABLE ticket_counters (
  year integer PRIMARY KEY,
  last_number integer NOT NULL
);

CREATE TABLE tickets (
  id bigserial PRIMARY KEY,
  number text NOT NULL UNIQUE,
  conversation_id uuid REFERENCES conversations (id) ON DELETE SET NULL,
  department text NOT NULL,
  name text NOT NULL,
  contact text NOT NULL,
  question text NOT NULL,
  lang text NOT NULL CHECK (lang IN ('ro', 'en', 'hu')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  closed_at timestamptz,
  closed_by uuid REFERENCES clerks (id) ON DELETE SET NULL
);
CREATE INDEX tickets_department ON tickets (department, status, id);

-- Who did what to which conversation or account. Append-only; actor NULL = the system or the CLI.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor_id uuid REFERENCES clerks (id) ON DELETE SET NULL,
  action text NOT NULL,
  conversation_id uuid,
  target_clerk_id uuid,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb,
  ip text
);
CREATE INDEX audit_log_conversation ON audit_log (conversation_id, id) WHERE conversation_id IS NOT NULL;
CREATE INDEX audit_log_actor ON audit_log (actor_id, id);
