import { LeaveMessageError } from '../../handoff/handoff-port.js';
import type { Lang } from '../../language.js';
import type { ChatServices } from './chat-services.js';
import type { TicketFrame } from './client-frames.js';
import type { SerialQueue } from './serial-queue.js';
import type { ServerFrame, WsErrorCode } from '../../protocol/chat-frames.js';
import { declaredFields } from '../../protocol/declared-fields.js';
import { HandoffViewSchema, NO_HANDOFF, type HandoffView } from '../../protocol/handoff-view.js';

/** What the handoff part of a chat socket needs from the socket it belongs to. */
export interface ChatHandoffSocket {
  readonly conversationId: string;
  /** The widget's language now (a message frame may change it). */
  uiLang(): Lang | undefined;
  /** The socket's storage-backed sends, so a handoff view is never overtaken by an older one. */
  readonly outbox: SerialQueue;
  isClosed(): boolean;
  send(frame: ServerFrame): void;
  sendError(code: WsErrorCode, message: string, ref?: string): void;
}

/**
 * The handoff side of one citizen socket: the citizen's `handoff.request`, `handoff.cancel` and `ticket`
 * frames, and the `handoff` frames that keep the widget's view of the queue current (status events,
 * moves of the department's queue, resyncs after a gap in the announcements).
 */
export class ChatHandoff {
  private lastFrame = '';
  private watched: { department: string; unwatch: () => void } | undefined;
  private current: HandoffView['status'] = 'none';

  constructor(
    private readonly socket: ChatHandoffSocket,
    private readonly services: Pick<ChatServices, 'dialogue' | 'handoff' | 'queueWatch' | 'log'>,
  ) {}

  /** Waiting for or talking with a clerk: the bot is quiet then (no bot typing). */
  get withPeople(): boolean {
    return this.current === 'waiting' || this.current === 'with_clerk';
  }

  async request(): Promise<void> {
    const { conversationId } = this.socket;
    try {
      // Through the dialogue: it hands the clerk the question and procedure it keeps in focus.
      await this.services.dialogue.requestClerk(conversationId, { uiLang: this.socket.uiLang() });
    } catch (error) {
      this.services.log.error({ err: error, conversationId }, 'handoff request failed');
      this.socket.sendError('internal_error', 'Could not reach a clerk; try again.', 'handoff.request');
    }
    await this.push(true);
  }

  async cancel(): Promise<void> {
    try {
      await this.services.handoff.cancel(this.socket.conversationId);
    } catch (error) {
      this.services.log.error({ err: error }, 'handoff cancel failed');
      this.socket.sendError('internal_error', 'Could not cancel; try again.', 'handoff.cancel');
    }
    await this.push(true);
  }

  async leaveTicket(frame: TicketFrame): Promise<void> {
    const { conversationId } = this.socket;
    try {
      const { name, contact, question } = frame;
      await this.services.handoff.leaveMessage(conversationId, { name, contact, question });
      this.services.log.info({ conversationId }, 'chat ticket left');
    } catch (error) {
      if (error instanceof LeaveMessageError) {
        // The handoff module's own checks (e.g. the contact's shape): the citizen corrects the form.
        this.socket.sendError('invalid_frame', `${error.field} ${error.message}`, 'ticket');
        return;
      }
      this.services.log.error({ err: error, conversationId }, 'ticket failed');
      this.socket.sendError('internal_error', 'The message could not be left; try again.', 'ticket');
    }
    await this.push(true);
  }

  /** The current view, for the welcome; an error reads as "no handoff" rather than failing the hello. */
  async view(): Promise<HandoffView> {
    try {
      return await this.services.handoff.view(this.socket.conversationId);
    } catch (error) {
      this.services.log.error({ err: error }, 'handoff view failed');
      return NO_HANDOFF;
    }
  }

  /**
   * Reads the current handoff view in the outbox (so it is not overtaken by an older one) and sends it.
   * Announcements repeat unchanged views (`force` false): those are skipped; answers to the citizen's own
   * handoff frames are always sent.
   */
  push(force: boolean): Promise<void> {
    return this.socket.outbox.run(async () => {
      const view = await this.view();
      const fields = handoffFields(view);
      const serialized = JSON.stringify(fields);
      if (!force && serialized === this.lastFrame) return;
      this.rememberSerialized(view, serialized);
      this.socket.send({ type: 'handoff', ...fields });
    });
  }

  /** A view the socket sent itself (in the welcome). */
  remember(view: HandoffView): void {
    this.rememberSerialized(view, JSON.stringify(handoffFields(view)));
  }

  private rememberSerialized(view: HandoffView, serialized: string): void {
    this.current = view.status;
    this.lastFrame = serialized;
    this.watchQueue(view.status === 'waiting' ? view.department : null);
  }

  stop(): void {
    this.watched?.unwatch();
    this.watched = undefined;
  }

  /** While waiting, a move of the department's queue changes this citizen's position: show it. */
  private watchQueue(department: string | null): void {
    if (this.watched?.department === department) return;
    this.stop();
    if (department === null || this.socket.isClosed()) return;
    const unwatch = this.services.queueWatch.watch(department, () => void this.push(false));
    this.watched = { department, unwatch };
  }
}

/** Only the documented fields: the handoff module may keep more in its view. */
export const handoffFields = declaredFields(HandoffViewSchema);
