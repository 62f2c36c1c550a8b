import { randomUUID } from 'node:crypto';
import type { Lang } from '../language.js';
import type { Database, Queryable } from '../storage/database.js';
import type { ConversationEvents } from './conversation-events.js';
import { canTransition, type ConversationStatus } from './conversation-status.js';
import { hashToken, newConversationToken, tokenMatches } from './conversation-token.js';
import type { Message, MessageDraft } from './message.js';

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
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Conversations and their messages. Every append takes the next seq numbers from the conversation row
 * (locked for the transaction), stores the messages, and only after the commit announces them.
 */
export class ConversationStore {
  constructor(
    private readonly database: Database,
    private readonly events: ConversationEvents,
  ) {}

  async create(options: { lang?: Lang; channel?: Channel; externalId?: string } = {}): Promise<{
    conversation: Conversation;
    token: string;
  }> {
    const token = newConversationToken();
    const { rows } = await this.database.query<ConversationRow>(
      `INSERT INTO conversations (id, token_hash, channel, lang, external_id)
       VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [
        randomUUID(),
        hashToken(token),
        options.channel ?? 'web',
        options.lang ?? 'ro',
        options.externalId ?? null,
      ],
    );
    return { conversation: toConversation(rows[0]), token };
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
      const locked = await tx.query<{ last_seq: number }>(
        'SELECT last_seq FROM conversations WHERE id = $1 FOR UPDATE',
        [conversationId],
      );
      if (!locked.rows[0]) throw new Error(`Unknown conversation ${conversationId}`);
      for (const draft of drafts) {
        if (!draft.clientMsgId) continue;
        const earlier = await findByClientMsgId(tx, conversationId, draft.clientMsgId);
        if (earlier) return { messages: [], duplicateOf: earlier };
      }
      let seq = locked.rows[0].last_seq;
      const stored: Message[] = [];
      for (const draft of drafts) {
        seq += 1;
        const { rows } = await tx.query<MessageRow>(
          `INSERT INTO messages (conversation_id, seq, author, text, lang, procedure_slug, confidence, sources,
             suggestions, sections, author_name, author_id, meta, client_msg_id, reply_to)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
           RETURNING ${MESSAGE_COLUMNS}`,
          [
            conversationId,
            seq,
            draft.from,
            draft.text,
            draft.lang,
            draft.procedure ?? null,
            draft.confidence ?? null,
            JSON.stringify(draft.sources ?? []),
            JSON.stringify(draft.suggestions ?? []),
            JSON.stringify(draft.sections ?? []),
            draft.authorName ?? null,
            draft.authorId ?? null,
            JSON.stringify(draft.meta ?? {}),
            draft.clientMsgId ?? null,
            draft.replyTo ?? null,
          ],
        );
        stored.push(toMessage(rows[0]));
      }
      await tx.query('UPDATE conversations SET last_seq = $2, updated_at = now() WHERE id = $1', [
        conversationId,
        seq,
      ]);
      return { messages: stored };
    });
    const last = outcome.messages.at(-1);
    if (last) await this.events.publish({ kind: 'message', conversationId, seq: last.seq });
    return outcome;
  }

  /** The earlier citizen message with this clientMsgId and the answers stored for it. */
  async findRequest(
    conversationId: string,
    clientMsgId: string,
  ): Promise<{ request: Message; replies: Message[] } | undefined> {
    const request = await findByClientMsgId(this.database, conversationId, clientMsgId);
    if (!request) return undefined;
    const { rows } = await this.database.query<MessageRow>(
      `SELECT ${MESSAGE_COLUMNS} FROM messages WHERE conversation_id = $1 AND reply_to = $2 ORDER BY seq`,
      [conversationId, request.seq],
    );
    return { request, replies: rows.map(toMessage) };
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
    await this.database.query(
      'UPDATE conversations SET state = $2, lang = COALESCE($3, lang), updated_at = now() WHERE id = $1',
      [conversationId, JSON.stringify(state), lang ?? null],
    );
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

  async recordFeedback(
    conversationId: string,
    seq: number,
    rating: 'up' | 'down',
    comment?: string,
  ): Promise<boolean> {
    const { rowCount } = await this.database.query(
      `INSERT INTO message_feedback (conversation_id, seq, rating, comment)
       SELECT conversation_id, seq, $3, $4 FROM messages WHERE conversation_id = $1 AND seq = $2 AND author = 'bot'
       ON CONFLICT (conversation_id, seq) DO UPDATE SET rating = EXCLUDED.rating, comment = EXCLUDED.comment, created_at = now()`,
      [conversationId, seq, rating, comment ?? null],
    );
    return rowCount > 0;
  }
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
