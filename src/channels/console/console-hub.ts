import type { FastifyInstance } from 'fastify';
import type { ConversationEvent } from '../../conversations/conversation-events.js';
import { NOTICE_TOPICS } from '../../handoff/handoff-effects.js';
import type { HandoffRecord } from '../../handoff/handoff-records.js';
import type { ConsoleConnection } from './console-connection.js';
import { CLOSE_SESSION_ENDED } from './console-frames.js';
import { SESSION_NOTICE } from './console-notices.js';

/** Queue changes of one department within this window are sent as one snapshot. */
const QUEUE_DEBOUNCE_MS = 25;

/**
 * This instance's clerk sockets and the one subscription to the event bus that feeds them: works out who
 * may receive each event (Chatwoot's listener pattern) and reads what to send from storage. Events from
 * other instances arrive the same way (LISTEN/NOTIFY), so a clerk here sees a citizen there.
 */
export class ConsoleHub {
  private readonly connections = new Set<ConsoleConnection>();
  /** Current handoffs by conversation, so a message event needs no query to know who may see it. */
  private readonly active = new Map<string, HandoffRecord>();
  private readonly pendingQueues = new Map<string, NodeJS.Timeout>();
  private unsubscribe: (() => void) | undefined;
  private stopResync: (() => void) | undefined;
  private loaded: Promise<void> | undefined;

  constructor(private readonly app: FastifyInstance) {}

  start(): void {
    this.unsubscribe ??= this.app.conversationEvents.subscribeAll((event) => {
      void this.dispatch(event).catch((error: unknown) =>
        this.app.log.warn({ err: error, event }, 'console event delivery failed'),
      );
    });
    this.stopResync ??= this.app.conversationEvents.onResync(() => this.resync());
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = undefined;
    this.stopResync?.();
    this.stopResync = undefined;
    for (const timer of this.pendingQueues.values()) clearTimeout(timer);
    this.pendingQueues.clear();
  }

  add(connection: ConsoleConnection): void {
    this.connections.add(connection);
  }

  remove(connection: ConsoleConnection): void {
    this.connections.delete(connection);
  }

  get size(): number {
    return this.connections.size;
  }

  /** Current handoffs, loaded once, then kept up to date by status events. */
  private ensureLoaded(): Promise<void> {
    this.loaded ??= this.app.clerkConsole.access.allOpen().then((records) => {
      for (const record of records)
        if (!this.active.has(record.conversationId)) this.active.set(record.conversationId, record);
    });
    return this.loaded;
  }

  /**
   * After a gap in the announcements: every followed conversation catches up from storage and every
   * console gets fresh queue snapshots (queue and status events of the gap are lost too).
   */
  private resync(): void {
    for (const connection of this.connections) {
      for (const conversationId of connection.subscriptions.keys()) void connection.catchUp(conversationId);
      void this.greet(connection).catch((error: unknown) =>
        this.app.log.warn({ err: error }, 'console resync failed'),
      );
    }
  }

  /** A snapshot of every queue the clerk sees (sent right after `hello`). */
  async greet(connection: ConsoleConnection): Promise<void> {
    const { overview } = this.app.clerkConsole;
    const items = await overview.queue(connection.clerk);
    for (const department of await overview.departments(connection.clerk)) {
      connection.send({
        type: 'queue',
        department: department.id,
        items: items.filter((item) => item.department === department.id),
        availableClerks: department.availableClerks,
        openNow: department.openNow,
      });
    }
    await this.ensureLoaded();
  }

  private async dispatch(event: ConversationEvent): Promise<void> {
    if (this.connections.size === 0 && event.kind !== 'status') return;
    switch (event.kind) {
      case 'message':
        return this.onMessage(event.conversationId, event.seq);
      case 'typing':
        return this.onTyping(event);
      case 'status':
        return this.onStatus(event.conversationId);
      case 'queue':
        return this.onQueue(event.department);
      case 'notice':
        return this.onNotice(event.topic, event.data);
    }
  }

  private async onMessage(conversationId: string, seq: number): Promise<void> {
    const { access } = this.app.clerkConsole;
    const record = this.active.get(conversationId);
    if (record && seq > record.lastSeq) {
      record.lastSeq = seq;
      record.updatedAt = new Date();
    }
    // A new message updates `lastSeq` for whom it concerns: the assigned clerk, or, while it waits, the
    // clerks of its queue (not every clerk of the department for every message of every chat).
    let frame: string | undefined;
    for (const connection of this.connections) {
      if (connection.subscriptions.has(conversationId)) {
        void connection.catchUp(conversationId);
      } else if (
        record &&
        (record.clerkId === connection.clerk.id ||
          (record.state === 'waiting' && access.canSee(connection.clerk, record)))
      ) {
        connection.known.add(conversationId);
        frame ??= JSON.stringify({ type: 'conversation', conversation: access.present(record) });
        connection.sendRaw(frame);
      }
    }
  }

  private onTyping(event: Extract<ConversationEvent, { kind: 'typing' }>): void {
    const record = this.active.get(event.conversationId);
    for (const connection of this.connections) {
      if (!connection.subscriptions.has(event.conversationId)) continue;
      // Do not echo a clerk's own typing back to them.
      if (event.from === 'clerk' && record?.clerkId === connection.clerk.id) continue;
      connection.send({
        type: 'typing',
        conversationId: event.conversationId,
        from: event.from,
        name: event.name ?? null,
      });
    }
  }

  private async onStatus(conversationId: string): Promise<void> {
    const { access } = this.app.clerkConsole;
    const record = await this.app.clerkConsole.access.latest(conversationId);
    if (!record) return;
    if (record.state === 'waiting' || record.state === 'with_clerk') this.active.set(conversationId, record);
    else this.active.delete(conversationId);
    const frame = JSON.stringify({ type: 'conversation', conversation: access.present(record) });
    for (const connection of this.connections) {
      if (access.canSee(connection.clerk, record)) {
        connection.known.add(conversationId);
        connection.sendRaw(frame);
      } else if (connection.known.has(conversationId)) {
        connection.known.delete(conversationId);
        connection.unsubscribe(conversationId);
        connection.send({ type: 'gone', conversationId });
      }
    }
  }

  private onQueue(department: string): void {
    if (this.pendingQueues.has(department)) return;
    this.pendingQueues.set(
      department,
      setTimeout(() => {
        this.pendingQueues.delete(department);
        void this.sendQueue(department).catch((error: unknown) =>
          this.app.log.warn({ err: error, department }, 'console queue delivery failed'),
        );
      }, QUEUE_DEBOUNCE_MS),
    );
  }

  private async sendQueue(department: string): Promise<void> {
    const { access } = this.app.clerkConsole;
    const receivers = [...this.connections].filter((connection) =>
      access.canSeeDepartment(connection.clerk, department),
    );
    if (receivers.length === 0) return;
    const items = (await this.app.clerkConsole.access.waiting([department])).map((record) =>
      access.present(record),
    );
    const frame = JSON.stringify({
      type: 'queue',
      department,
      items,
      availableClerks: await this.app.clerkConsole.overview.availableClerks(department),
      openNow: this.app.handoff.isOpen(department),
    });
    for (const connection of receivers) connection.sendRaw(frame);
  }

  private async onNotice(topic: string, data: Record<string, unknown>): Promise<void> {
    const { access, notes, accounts, sessions, tickets } = this.app.clerkConsole;
    if (topic === NOTICE_TOPICS.clerk || topic === SESSION_NOTICE) {
      const clerkId = String(data.clerkId ?? '');
      const mine = [...this.connections].filter((connection) => connection.clerk.id === clerkId);
      if (mine.length === 0) return;
      const clerk = await accounts.get(clerkId);
      for (const connection of mine) {
        if (
          !clerk?.active ||
          (topic === SESSION_NOTICE && !(await sessions.stillValid(connection.sessionId)))
        ) {
          connection.socket.close(CLOSE_SESSION_ENDED, 'session ended');
          continue;
        }
        connection.clerk = clerk;
        connection.send({ type: 'me', clerk });
      }
      return;
    }
    if (topic === NOTICE_TOPICS.ticket) {
      const department = String(data.department ?? '');
      const receivers = [...this.connections].filter((connection) =>
        access.canSeeDepartment(connection.clerk, department),
      );
      if (receivers.length === 0) return;
      const ticket = await tickets.get(String(data.number ?? ''));
      if (ticket) for (const connection of receivers) connection.send({ type: 'ticket', ticket });
      return;
    }
    if (topic === NOTICE_TOPICS.note) {
      const conversationId = String(data.conversationId ?? '');
      const receivers = [...this.connections].filter((connection) =>
        connection.subscriptions.has(conversationId),
      );
      if (receivers.length === 0) return;
      const note = await notes.get(null, conversationId, Number(data.noteId));
      if (!note) return;
      for (const connection of receivers) connection.send({ type: 'note', note });
    }
  }
}
