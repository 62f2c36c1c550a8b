import type { Clerk, ConsoleConversation, Department, Ticket } from '../../protocol/console-api.js';
import { Transcript } from './transcript.js';

export type Topic =
  | 'me'
  | 'departments'
  | 'queues'
  | 'conversations'
  | 'transcript'
  | 'typing'
  | 'connection'
  | 'tickets'
  | 'gone';

export type ConnectionState = 'connecting' | 'online' | 'reconnecting';

export interface TypingState {
  from: 'citizen' | 'clerk';
  name: string | null;
  until: number;
}

/**
 * Everything the console shows, in one place, and who to tell when a part changes. Views read from it
 * and re-render their own region on their topic; only the live connection and user actions write to it.
 */
export class ConsoleStore {
  me: Clerk | null = null;
  departments: Department[] = [];
  /** Waiting conversations per department, as the last `queue` snapshot gave them (oldest first). */
  readonly queues = new Map<string, ConsoleConversation[]>();
  /** The latest snapshot of every conversation the console knows (queued, mine, colleagues'). */
  readonly conversations = new Map<string, ConsoleConversation>();
  readonly transcripts = new Map<string, Transcript>();
  /** The highest seq the clerk has had on screen, per conversation (for "new messages" marks). */
  readonly seenSeq = new Map<string, number>();
  readonly typing = new Map<string, TypingState>();
  /** Conversations that stopped being visible to this clerk while open (transferred away). */
  readonly gone = new Set<string>();
  openConversationId: string | null = null;
  /** Set by a claim: the conversation whose reply box should get the focus once it is shown. */
  focusComposerFor: string | null = null;
  connection: ConnectionState = 'connecting';
  /** Server time minus local time, from the socket's hello (waiting times must not depend on the PC clock). */
  clockSkewMs = 0;
  /** Open tickets seen since the tickets list was last shown (a badge in the navigation). */
  newTickets: Ticket[] = [];

  private readonly listeners = new Map<Topic, Set<() => void>>();

  on(topic: Topic, listener: () => void): () => void {
    let set = this.listeners.get(topic);
    if (!set) {
      set = new Set();
      this.listeners.set(topic, set);
    }
    set.add(listener);
    return () => set.delete(listener);
  }

  emit(topic: Topic): void {
    for (const listener of [...(this.listeners.get(topic) ?? [])]) listener();
  }

  /** Drops every subscription (when the workspace is torn down: logout, language switch). */
  clearListeners(): void {
    this.listeners.clear();
  }

  transcript(conversationId: string): Transcript {
    let transcript = this.transcripts.get(conversationId);
    if (!transcript) {
      transcript = new Transcript();
      this.transcripts.set(conversationId, transcript);
    }
    return transcript;
  }

  /**
   * Stores a conversation's latest state. `seen`: the service has just shown it to this clerk (a socket
   * frame, an opened or claimed conversation), which lifts a `gone`; the answer to an action (transfer,
   * close) may arrive after the socket said the conversation left the clerk's sight, and must not undo that.
   */
  upsertConversation(conversation: ConsoleConversation, seen: boolean): void {
    if (!seen && this.gone.has(conversation.conversationId)) return;
    this.conversations.set(conversation.conversationId, conversation);
    if (seen) this.gone.delete(conversation.conversationId);
  }

  /** Conversations assigned to me, most recently assigned last. */
  mine(): ConsoleConversation[] {
    const me = this.me;
    if (!me) return [];
    return [...this.conversations.values()]
      .filter((c) => c.status === 'with_clerk' && c.clerk?.id === me.id)
      .sort((a, b) => (a.assignedAt ?? '').localeCompare(b.assignedAt ?? ''));
  }

  /** Conversations colleagues are handling (supervisors watch these). */
  withColleagues(): ConsoleConversation[] {
    const me = this.me;
    return [...this.conversations.values()]
      .filter((c) => c.status === 'with_clerk' && c.clerk !== null && c.clerk.id !== me?.id)
      .sort((a, b) => (a.assignedAt ?? '').localeCompare(b.assignedAt ?? ''));
  }

  isMine(conversation: ConsoleConversation): boolean {
    return conversation.status === 'with_clerk' && conversation.clerk?.id === this.me?.id;
  }

  hasUnread(conversation: ConsoleConversation): boolean {
    return conversation.lastSeq > (this.seenSeq.get(conversation.conversationId) ?? 0);
  }

  isSupervisor(): boolean {
    return this.me?.role === 'supervisor' || this.me?.role === 'admin';
  }

  isAdmin(): boolean {
    return this.me?.role === 'admin';
  }

  serverNow(): number {
    return Date.now() + this.clockSkewMs;
  }
}
