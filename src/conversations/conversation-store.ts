import { randomUUID } from 'node:crypto';
import type { Lang } from '../language.js';
import type { Database, Queryable } from '../storage/database.js';
import { CHANNEL, type ConversationEvents } from './conversation-events.js';
import { canTransition, type ConversationStatus } from './conversation-status.js';
import { hashToken, newConversationToken, tokenMatches } from './conversation-token.js';
import type { MessageDraft } from './message.js';
import type { Message } from '../protocol/message.js';

export type Channel = 'web' | 'api' | 'botframework';

export interface Conversation {
  id: string;
  channel: Channel;
  lang: Lang;
  status: ConversationStatus;
  /** Dialogue state, owned by the dialogue module (opaque here). */
  state: Record<string, unknown>;
  lastSeq: number;
  createdAt: string;
  updatedAt: string;
}

export type Authentication =
  { ok: true; conversation: Conversation } | { ok: false; reason: 'not_found' | 'bad_token' };

export interface NewConversation {
  lang?: Lang;
  channel?: Channel;
  externalId?: string;
}

export interface CreatedConversation {
  conversation: Conversation;
  /** The citizen's bearer token (only its hash is stored). */
  token: string;
  /** The new row's version (`CONVERSATION_VERSION`), for a conditional first turn. */
  version: string;
}

interface ConversationRow {
  id: string;
  channel: Channel;
  lang: Lang;
  status: ConversationStatus;
  state: Record<string, unknown>;
  last_seq: number;
  token_hash: string;
  created_at: Date;
  updated_at: Date;
}

interface MessageRow {
  seq: number;
  author: Message['from'];
  text: string;
  lang: Lang;
  procedure_slug: string | null;
  confidence: number | null;
  sources: Message['sources'];
  suggestions: Message['suggestions'];
  sections: Message['sections'];
  author_name: string | null;
  client_msg_id: string | null;
  reply_to: number | null;
  created_at: Date;
}

const MESSAGE_COLUMNS =
  'seq, author, text, lang, procedure_slug, confidence, sources, suggestions, sections, author_name, client_msg_id, reply_to, created_at';
const MESSAGE_COLUMN_NAMES = MESSAGE_COLUMNS.split(', ');
/** The message columns as NULLs, for the rows of a turn's result that are not messages. */
const NULL_MESSAGE_COLUMNS = MESSAGE_COLUMN_NAMES.map(() => 'NULL').join(', ');
/** The same, with the conversation's new version carried in the `text` column. */
const VERSION_IN_TEXT_COLUMN = MESSAGE_COLUMN_NAMES.map((c) => (c === 'text' ? 'version' : 'NULL')).join(
  ', ',
);
/**
 * A conversation row's version: its `xmin`, the id of the transaction that wrote this row version.
 * Every UPDATE of the row (a turn, a clerk's takeover, a closing) creates a new row version with a new
 * `xmin`, so a caller that remembers it can write "only if nothing changed since" without a version
 * column every writer would have to maintain (the optimistic-concurrency token PostgreSQL drivers use).
 */
const CONVERSATION_VERSION = 'xmin::text';
/** The message columns prefixed `request_`, beside a conversation's own (`openTurn`). */
const REQUEST_COLUMNS = MESSAGE_COLUMN_NAMES.map((column) => `m.${column} AS request_${column}`).join(', ');
/** The meta key of a citizen question whose answer is not stored yet (see `beginTurn`). */
const PENDING = 'pending';

/** A draft as one JSON record (see `draftRecord`), read back in SQL with `jsonb_to_record`. */
const DRAFT_RECORD =
  'author text, text text, lang text, procedure_slug text, confidence real, sources jsonb, suggestions jsonb, ' +
  'sections jsonb, author_name text, author_id text, meta jsonb, client_msg_id text';
const INSERT_COLUMNS =
  'conversation_id, seq, author, text, lang, procedure_slug, confidence, sources, suggestions, sections, ' +
  'author_name, author_id, meta, client_msg_id, reply_to';
const DRAFT_VALUES =
  'd.author, d.text, d.lang, d.procedure_slug, d.confidence, d.sources, d.suggestions, d.sections, ' +
  'd.author_name, d.author_id, d.meta, d.client_msg_id';

/**
 * The end of a turn's statement, after `locked` (the conversation row, locked) and `request` (the
 * question, stored now or completed): the replies numbered after `base`, the conversation's last_seq,
 * state and language, and the announcement. Data-modifying parts always run; the final SELECT returns
 * what was stored, plus a `conversation` row saying the conversation exists. Parameters: $1 conversation,
 * $3 replies (JSON array of draft records), $4 their number, $5 state, $6 language or null. Nothing is
 * written when `request` is empty (a duplicate): every later part reads from it. The conversation row's
 * new `xmin` is returned as its `version` (see `CONVERSATION_VERSION`); a `stale` row says the row exists
 * but was not locked because it no longer has the version the caller expected.
 */
const turnEnd = (base: string) => `
replies AS (
  INSERT INTO messages (${INSERT_COLUMNS})
  SELECT locked.id, ${base} + e.ord, ${DRAFT_VALUES}, request.seq
    FROM locked, request, jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(draft, ord),
         jsonb_to_record(e.draft) AS d(${DRAFT_RECORD})
  RETURNING ${MESSAGE_COLUMNS}
), saved AS (
  UPDATE conversations c
     SET last_seq = ${base} + $4::int, state = $5::jsonb, lang = COALESCE($6::text, c.lang), updated_at = now()
    FROM locked, request
   WHERE c.id = locked.id
  -- Delivered to listeners at commit, so a message is always stored before it is announced.
  RETURNING c.xmin::text AS version, pg_notify('${CHANNEL}', json_build_object('kind', 'message',
    'conversationId', c.id::text, 'seq', ${base} + $4::int)::text)
)
SELECT 'request' AS part, ${MESSAGE_COLUMNS} FROM request
UNION ALL SELECT 'reply', ${MESSAGE_COLUMNS} FROM replies
UNION ALL SELECT 'conversation', ${NULL_MESSAGE_COLUMNS} FROM locked
UNION ALL SELECT 'version', ${VERSION_IN_TEXT_COLUMN} FROM saved
UNION ALL SELECT 'stale', ${NULL_MESSAGE_COLUMNS} FROM conversations
 WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM locked)`;

/**
 * A turn with a new question ($2: its draft record). A question whose clientMsgId is already stored is
 * skipped by the unique index (which also sees one committed while this statement waited for the lock).
 */
const RECORD_NEW_TURN = `
WITH locked AS (
  SELECT id, last_seq FROM conversations
   WHERE id = $1 AND ($7::text IS NULL OR ${CONVERSATION_VERSION} = $7::text) FOR UPDATE
), request AS (
  INSERT INTO messages (${INSERT_COLUMNS})
  SELECT locked.id, locked.last_seq + 1, ${DRAFT_VALUES}, NULL
    FROM locked, jsonb_to_record($2::jsonb) AS d(${DRAFT_RECORD})
  ON CONFLICT (conversation_id, client_msg_id) WHERE client_msg_id IS NOT NULL DO NOTHING
  RETURNING ${MESSAGE_COLUMNS}
), ${turnEnd('request.seq')}`;

/** Drafts ($3, with their reply_to) numbered after $2, within a transaction that locked the row. */
const APPEND_MESSAGES = `
WITH inserted AS (
  INSERT INTO messages (${INSERT_COLUMNS})
  SELECT $1, $2::int + e.ord, ${DRAFT_VALUES}, d.reply_to
    FROM jsonb_array_elements($3::jsonb) WITH ORDINALITY AS e(draft, ord),
         jsonb_to_record(e.draft) AS d(${DRAFT_RECORD}, reply_to int)
  RETURNING ${MESSAGE_COLUMNS}
), saved AS (
  UPDATE conversations SET last_seq = $2::int + $4::int, updated_at = now() WHERE id = $1
  RETURNING pg_notify('${CHANNEL}', json_build_object('kind', 'message', 'conversationId', id::text,
    'seq', last_seq)::text)
)
SELECT ${MESSAGE_COLUMNS} FROM inserted`;

/** A turn whose question was stored pending by `beginTurn` ($2: its seq); only one completion wins. */
const RECORD_PENDING_TURN = `
WITH locked AS (
  SELECT id, last_seq FROM conversations
   WHERE id = $1 AND ($7::text IS NULL OR ${CONVERSATION_VERSION} = $7::text) FOR UPDATE
), request AS (
  UPDATE messages m SET meta = m.meta - '${PENDING}'
    FROM locked
   WHERE m.conversation_id = locked.id AND m.seq = $2::int AND m.meta ? '${PENDING}'
  RETURNING ${MESSAGE_COLUMNS.replace(/(^|, )/g, '$1m.')}
), ${turnEnd('locked.last_seq')}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What a begun turn records for its completion: the conversation's status the turn was decided on. */
/** A question already stored under a clientMsgId, with its replies; `pending` while its turn is unfinished. */
export interface EarlierRequest {
  request: Message;
  replies: Message[];
  pending?: PendingTurn;
}

export interface PendingTurn {
  status: ConversationStatus;
}

/** What a turn reads first: the conversation, its row version, and any question stored under its id. */
export interface OpenedTurn {
  conversation: Conversation;
  /** The row's version now; `recordTurn` can require it to be unchanged (`expectVersion`). */
  version: string;
  earlier?: EarlierRequest;
}

/**
 * What `recordTurn` did: stored the turn (with the row's new version), or nothing because the question
 * was stored by someone else meanwhile, or nothing because the row changed since the expected version.
 */
export type RecordedTurn =
  | { recorded: true; request: Message; replies: Message[]; version: string }
  | { recorded: false; stale?: true };

/**
 * Conversations and their messages. Every append takes the next seq numbers from the conversation row
 * (locked for the transaction), stores the messages, and announces them: PostgreSQL delivers a NOTIFY
 * only at commit, so a message is always stored before it is announced.
 */
export class ConversationStore {
  constructor(
    private readonly database: Database,
    private readonly events: ConversationEvents,
  ) {}

  async create(options: NewConversation = {}): Promise<CreatedConversation> {
    const token = newConversationToken();
    const { rows } = await this.database.query<ConversationRow & { version: string }>(
      `INSERT INTO conversations (id, token_hash, channel, lang, external_id)
       VALUES ($1, $2, $3, $4, $5) RETURNING *, ${CONVERSATION_VERSION} AS version`,
      [
        randomUUID(),
        hashToken(token),
        options.channel ?? 'web',
        options.lang ?? 'ro',
        options.externalId ?? null,
      ],
    );
    return { conversation: toConversation(rows[0]), token, version: rows[0].version };
  }

  async get(id: string): Promise<Conversation | undefined> {
    if (!UUID.test(id)) return undefined;
    const { rows } = await this.database.query<ConversationRow>('SELECT * FROM conversations WHERE id = $1', [
      id,
    ]);
    return rows[0] ? toConversation(rows[0]) : undefined;
  }

  /** A conversation of an outside channel (e.g. a Bot Framework conversation id). */
  async findByExternalId(channel: Channel, externalId: string): Promise<Conversation | undefined> {
    const { rows } = await this.database.query<ConversationRow>(
      'SELECT * FROM conversations WHERE channel = $1 AND external_id = $2',
      [channel, externalId],
    );
    return rows[0] ? toConversation(rows[0]) : undefined;
  }

  /** Distinguishes an unknown conversation (404) from a wrong token (401). */
  async authenticate(id: string, token: string): Promise<Authentication> {
    if (!UUID.test(id)) return { ok: false, reason: 'not_found' };
    const { rows } = await this.database.query<ConversationRow>('SELECT * FROM conversations WHERE id = $1', [
      id,
    ]);
    const row = rows[0];
    if (!row) return { ok: false, reason: 'not_found' };
    if (!tokenMatches(token, row.token_hash)) return { ok: false, reason: 'bad_token' };
    return { ok: true, conversation: toConversation(row) };
  }

  /** The conversation a token opens, if any (for channels where the token alone identifies it). */
  async findByToken(token: string): Promise<Conversation | undefined> {
    const { rows } = await this.database.query<ConversationRow>(
      'SELECT * FROM conversations WHERE token_hash = $1',
      [hashToken(token)],
    );
    return rows[0] ? toConversation(rows[0]) : undefined;
  }

  /**
   * Stores messages in order and announces them. A citizen message whose clientMsgId was already stored
   * is not stored again: the call returns `duplicateOf` with the earlier message instead.
   */
  async append(
    conversationId: string,
    drafts: MessageDraft[],
  ): Promise<{ messages: Message[]; duplicateOf?: Message }> {
    const outcome = await this.database.transaction(async (tx) => {
      const lastSeq = await lockConversation(tx, conversationId);
      const duplicateOf = await findDuplicate(tx, conversationId, drafts);
      if (duplicateOf) return { messages: [], duplicateOf };
      return { messages: await insertMessages(tx, conversationId, lastSeq, drafts) };
    });
    return outcome;
  }

  /**
   * Stores a citizen question whose answer comes in a later transaction (a side effect such as a handoff
   * runs in between), marked pending until `recordTurn` stores the answer. If the process stops in
   * between, the marker stays: a resend with the same clientMsgId finds it and completes the turn.
   */
  async beginTurn(
    conversationId: string,
    request: MessageDraft,
    pending: PendingTurn,
  ): Promise<{ messages: Message[]; duplicateOf?: Message }> {
    return this.append(conversationId, [{ ...request, meta: { ...request.meta, [PENDING]: pending } }]);
  }

  /**
   * One citizen turn in one transaction: the question (or the pending one stored by `beginTurn`), its
   * answers as replies to it, and the conversation's new dialogue state. All of it is stored or none:
   * an acknowledged question always has its answer, and a resend never answers it twice.
   * `recorded: false` when the question was stored by someone else meanwhile (a duplicate clientMsgId,
   * or a pending turn another request completed): the caller returns what that one stored.
   */
  async recordTurn(
    conversationId: string,
    turn: {
      request: MessageDraft | { pendingSeq: number };
      replies: MessageDraft[];
      state: Record<string, unknown>;
      lang?: Lang;
    },
    /** Write only if the conversation row still has this version (see `openTurn`); else `stale`. */
    options: { expectVersion?: string } = {},
  ): Promise<RecordedTurn> {
    // One statement, hence one round trip and one commit (its own transaction): the lock on the
    // conversation row, the question, the answers, the new state and the announcement, delivered by
    // PostgreSQL only once it is committed. See docs/performance.md for what this replaced.
    const pending = 'pendingSeq' in turn.request ? turn.request.pendingSeq : undefined;
    const { rows } = await this.database.query<
      MessageRow & { part: 'request' | 'reply' | 'conversation' | 'version' | 'stale' }
    >(
      pending === undefined ? RECORD_NEW_TURN : RECORD_PENDING_TURN,
      [
        conversationId,
        pending ?? JSON.stringify(draftRecord(turn.request as MessageDraft)),
        JSON.stringify(turn.replies.map(draftRecord)),
        turn.replies.length,
        JSON.stringify(turn.state),
        turn.lang ?? null,
        options.expectVersion ?? null,
      ],
      { prepareAs: pending === undefined ? 'record_new_turn' : 'record_pending_turn' },
    );
    if (rows.some((row) => row.part === 'stale')) return { recorded: false, stale: true };
    if (!rows.some((row) => row.part === 'conversation'))
      throw new Error(`Unknown conversation ${conversationId}`);
    const requestRow = rows.find((row) => row.part === 'request');
    // The question was stored by someone else meanwhile (a duplicate clientMsgId, or a pending turn
    // another request completed): nothing was written.
    if (!requestRow) return { recorded: false };
    const replies = rows
      .filter((row) => row.part === 'reply')
      .map(toMessage)
      .sort((a, b) => a.seq - b.seq);
    const version = rows.find((row) => row.part === 'version')!.text;
    return { recorded: true, request: toMessage(requestRow), replies, version };
  }

  /**
   * The earlier citizen message with this clientMsgId and the answers stored for it; with `pending` when
   * its turn was begun and never completed (see `beginTurn`).
   */
  async findRequest(conversationId: string, clientMsgId: string): Promise<EarlierRequest | undefined> {
    const found = await this.database.query<MessageRow & { pending: PendingTurn | null }>(
      `SELECT ${MESSAGE_COLUMNS}, meta -> '${PENDING}' AS pending
         FROM messages WHERE conversation_id = $1 AND client_msg_id = $2`,
      [conversationId, clientMsgId],
    );
    const row = found.rows[0];
    return row ? this.earlierRequest(conversationId, row, row.pending) : undefined;
  }

  /**
   * What a citizen turn reads before it runs, in one statement: the conversation and, when the turn
   * carries a clientMsgId, the question already stored under it (`findRequest`'s answer). Undefined
   * when the conversation does not exist. Only a resend of an answered question costs a second query
   * (its replies).
   */
  async openTurn(conversationId: string, clientMsgId?: string): Promise<OpenedTurn | undefined> {
    if (!UUID.test(conversationId)) return undefined;
    const { rows } = await this.database.query<ConversationRow & Record<string, unknown>>(
      `SELECT c.*, c.${CONVERSATION_VERSION} AS version, ${REQUEST_COLUMNS},
              m.meta -> '${PENDING}' AS request_pending
         FROM conversations c
         LEFT JOIN messages m ON m.conversation_id = c.id AND m.client_msg_id = $2
        WHERE c.id = $1`,
      [conversationId, clientMsgId ?? null],
      { prepareAs: 'open_turn' },
    );
    const row = rows[0];
    if (!row) return undefined;
    const conversation = toConversation(row);
    const version = row.version as string;
    if (row.request_seq === null || row.request_seq === undefined) return { conversation, version };
    const request = Object.fromEntries(
      MESSAGE_COLUMN_NAMES.map((column) => [column, row[`request_${column}`]]),
    ) as unknown as MessageRow;
    const pending = row.request_pending as PendingTurn | null;
    return {
      conversation,
      version,
      earlier: await this.earlierRequest(conversationId, request, pending),
    };
  }

  /** A stored question with its replies (none yet while its turn is pending). */
  private async earlierRequest(
    conversationId: string,
    row: MessageRow,
    pending: PendingTurn | null,
  ): Promise<EarlierRequest> {
    const { rows } = await this.database.query<MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = $1 AND reply_to = $2 ORDER BY seq`,
      [conversationId, row.seq],
    );
    return {
      request: toMessage(row),
      replies: rows.map(toMessage),
      ...(pending ? { pending: { status: pending.status } } : {}),
    };
  }

  /** Messages with seq > afterSeq, in order (at most `limit`). */
  async messagesAfter(conversationId: string, afterSeq: number, limit = 500): Promise<Message[]> {
    const { rows } = await this.database.query<MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [conversationId, afterSeq, limit],
    );
    return rows.map(toMessage);
  }

  async saveState(conversationId: string, state: Record<string, unknown>, lang?: Lang): Promise<void> {
    await saveState(this.database, conversationId, state, lang);
  }

  /**
   * Moves the conversation to `to` if it is in one of the states `from` and the move is allowed;
   * returns false (and changes nothing) otherwise — so two clerks cannot both claim one chat.
   */
  async transition(
    conversationId: string,
    from: ConversationStatus[],
    to: ConversationStatus,
    tx: Queryable = this.database,
  ): Promise<boolean> {
    const allowedFrom = from.filter((status) => canTransition(status, to));
    if (allowedFrom.length === 0) return false;
    const { rowCount } = await tx.query(
      'UPDATE conversations SET status = $3, updated_at = now() WHERE id = $1 AND status = ANY($2::text[])',
      [conversationId, allowedFrom, to],
    );
    if (rowCount === 0) return false;
    if (tx === this.database) await this.events.publish({ kind: 'status', conversationId });
    return true;
  }

  /**
   * Stores a thumbs up/down on a bot message (a second rating replaces the first). Returns null when
   * `seq` is not a bot message of the conversation, else the rating it had before, so that a comment
   * added to a thumbs-down (sent as a second `down`) is not taken for a new one.
   */
  async recordFeedback(
    conversationId: string,
    seq: number,
    rating: 'up' | 'down',
    comment?: string,
  ): Promise<{ previousRating: 'up' | 'down' | null } | null> {
    // The CTE reads the row as it was before this statement's insert or update.
    const { rows } = await this.database.query<{ previous_rating: 'up' | 'down' | null }>(
      `WITH previous AS (
         SELECT rating FROM message_feedback WHERE conversation_id = $1 AND seq = $2
       )
       INSERT INTO message_feedback (conversation_id, seq, rating, comment)
       SELECT conversation_id, seq, $3, $4 FROM messages WHERE conversation_id = $1 AND seq = $2 AND author = 'bot'
       ON CONFLICT (conversation_id, seq) DO UPDATE SET rating = EXCLUDED.rating, comment = EXCLUDED.comment, created_at = now()
       RETURNING (SELECT rating FROM previous) AS previous_rating`,
      [conversationId, seq, rating, comment ?? null],
    );
    return rows[0] ? { previousRating: rows[0].previous_rating ?? null } : null;
  }
}

/** Locks the conversation row for the transaction (seq numbers are taken one writer at a time). */
async function lockConversation(tx: Queryable, conversationId: string): Promise<number> {
  const locked = await tx.query<{ last_seq: number }>(
    'SELECT last_seq FROM conversations WHERE id = $1 FOR UPDATE',
    [conversationId],
  );
  if (!locked.rows[0]) throw new Error(`Unknown conversation ${conversationId}`);
  return locked.rows[0].last_seq;
}

/** The stored message with the clientMsgId of one of `drafts`, if any. */
async function findDuplicate(
  tx: Queryable,
  conversationId: string,
  drafts: MessageDraft[],
): Promise<Message | undefined> {
  for (const draft of drafts) {
    if (!draft.clientMsgId) continue;
    const earlier = await findByClientMsgId(tx, conversationId, draft.clientMsgId);
    if (earlier) return earlier;
  }
  return undefined;
}

/**
 * Inserts the drafts after `lastSeq`, moves the conversation's last_seq and announces the last one, in
 * one statement (the announcement is delivered at commit); the row must be locked.
 */
async function insertMessages(
  tx: Queryable,
  conversationId: string,
  lastSeq: number,
  drafts: MessageDraft[],
): Promise<Message[]> {
  if (drafts.length === 0) return [];
  const { rows } = await tx.query<MessageRow>(APPEND_MESSAGES, [
    conversationId,
    lastSeq,
    JSON.stringify(drafts.map(draftRecord)),
    drafts.length,
  ]);
  return rows.map(toMessage).sort((a, b) => a.seq - b.seq);
}

async function saveState(
  db: Queryable,
  conversationId: string,
  state: Record<string, unknown>,
  lang: Lang | undefined,
): Promise<void> {
  await db.query(
    'UPDATE conversations SET state = $2, lang = COALESCE($3, lang), updated_at = now() WHERE id = $1',
    [conversationId, JSON.stringify(state), lang ?? null],
  );
}

async function findByClientMsgId(
  db: Queryable,
  conversationId: string,
  clientMsgId: string,
): Promise<Message | undefined> {
  const { rows } = await db.query<MessageRow>(
    `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = $1 AND client_msg_id = $2`,
    [conversationId, clientMsgId],
  );
  return rows[0] ? toMessage(rows[0]) : undefined;
}

/** A draft in the shape of DRAFT_RECORD: serialised once, nested JSON values and all. */
function draftRecord(draft: MessageDraft): Record<string, unknown> {
  return {
    author: draft.from,
    text: draft.text,
    lang: draft.lang,
    procedure_slug: draft.procedure ?? null,
    confidence: draft.confidence ?? null,
    sources: draft.sources ?? [],
    suggestions: draft.suggestions ?? [],
    sections: draft.sections ?? [],
    author_name: draft.authorName ?? null,
    author_id: draft.authorId ?? null,
    meta: draft.meta ?? {},
    client_msg_id: draft.clientMsgId ?? null,
    reply_to: draft.replyTo ?? null,
  };
}

function toConversation(row: ConversationRow): Conversation {
  return {
    id: row.id,
    channel: row.channel,
    lang: row.lang,
    status: row.status,
    state: row.state ?? {},
    lastSeq: row.last_seq,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

function toMessage(row: MessageRow): Message {
  return {
    seq: row.seq,
    from: row.author,
    text: row.text,
    lang: row.lang,
    procedure: row.procedure_slug,
    confidence: row.confidence,
    sources: row.sources ?? [],
    suggestions: row.suggestions ?? [],
    sections: row.sections ?? [],
    authorName: row.author_name,
    clientMsgId: row.client_msg_id,
    createdAt: new Date(row.created_at).toISOString(),
  };
}
