import * as z from 'zod/mini';
import type { KeyValueStorage } from './key-value-storage.js';
import { LangSchema, type Lang } from '../../protocol/lang.js';

/**
 * What the chat frame keeps between page loads and shares between tabs: the conversation it resumes
 * (token, id, the highest seq seen), the citizen's outbox (messages not yet acknowledged, so nothing
 * typed offline or during a reconnect is lost), and the chosen language. Values read back are checked:
 * storage is shared with older widget versions and with whatever the citizen's browser did to it.
 */
export const SESSION_KEY = 'antonia:session';
export const OUTBOX_KEY = 'antonia:outbox';
export const LANG_KEY = 'antonia:lang';

const SessionSchema = z.object({
  conversationId: z.string(),
  token: z.string(),
  lastSeq: z.number(),
});
export type ChatSession = z.infer<typeof SessionSchema>;

const OutboxEntrySchema = z.object({
  clientMsgId: z.string(),
  kind: z.enum(['message', 'action']),
  /** What the citizen sees in the pending bubble: the text, or the quick reply's label. */
  text: z.string(),
  /** For an action: the suggestion's value sent to the server. */
  value: z.optional(z.string()),
  lang: LangSchema,
});
export type OutboxEntry = z.infer<typeof OutboxEntrySchema>;

function readJson<T>(storage: KeyValueStorage, key: string, schema: z.ZodMiniType<T>): T | undefined {
  const raw = storage.get(key);
  if (raw === null) return undefined;
  try {
    const result = schema.safeParse(JSON.parse(raw));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

export class ChatSessionStore {
  constructor(private readonly storage: KeyValueStorage) {}

  get persistent(): boolean {
    return this.storage.persistent;
  }

  session(): ChatSession | undefined {
    return readJson(this.storage, SESSION_KEY, SessionSchema);
  }

  saveSession(session: ChatSession): void {
    this.storage.set(SESSION_KEY, JSON.stringify(session));
  }

  /** Raises the stored lastSeq (never lowers it: another tab may be further along). */
  advanceLastSeq(conversationId: string, seq: number): void {
    const session = this.session();
    if (session && session.conversationId === conversationId && seq > session.lastSeq) {
      this.saveSession({ ...session, lastSeq: seq });
    }
  }

  forgetSession(): void {
    this.storage.remove(SESSION_KEY);
  }

  outbox(): OutboxEntry[] {
    return readJson(this.storage, OUTBOX_KEY, z.array(OutboxEntrySchema)) ?? [];
  }

  enqueue(entry: OutboxEntry): void {
    const entries = this.outbox().filter((item) => item.clientMsgId !== entry.clientMsgId);
    this.writeOutbox([...entries, entry]);
  }

  /** Drops the entry once the server stored it (ack, or our own message echoed back). */
  settle(clientMsgId: string): boolean {
    const entries = this.outbox();
    const remaining = entries.filter((item) => item.clientMsgId !== clientMsgId);
    if (remaining.length === entries.length) return false;
    this.writeOutbox(remaining);
    return true;
  }

  clearOutbox(): void {
    this.storage.remove(OUTBOX_KEY);
  }

  lang(): Lang | undefined {
    const result = LangSchema.safeParse(this.storage.get(LANG_KEY));
    return result.success ? result.data : undefined;
  }

  saveLang(lang: Lang): void {
    this.storage.set(LANG_KEY, lang);
  }

  private writeOutbox(entries: OutboxEntry[]): void {
    if (entries.length === 0) this.storage.remove(OUTBOX_KEY);
    else this.storage.set(OUTBOX_KEY, JSON.stringify(entries));
  }
}
