import type { ConversationEvents } from '../conversations/conversation-events.js';
import type { ConversationStore } from '../conversations/conversation-store.js';
import type { Lang } from '../language.js';

/**
 * What a handoff change announces once its transaction has committed (never before: a reader told to
 * look must find the change in storage). Collected while the transaction runs, then `announce`d.
 */
export type HandoffEffect =
  | { kind: 'status'; conversationId: string }
  | { kind: 'queue'; department: string }
  | { kind: 'clerk'; clerkId: string }
  | { kind: 'system'; conversationId: string; lang: Lang; text: string }
  | { kind: 'ticket'; number: string; department: string }
  | { kind: 'note'; conversationId: string; noteId: number };

/** Notice topics on the event bus for the clerk consoles (`{ kind: 'notice', topic, data }`). */
export const NOTICE_TOPICS = { clerk: 'clerk', ticket: 'ticket', note: 'note' } as const;

export class HandoffEffects {
  constructor(
    private readonly conversations: ConversationStore,
    private readonly events: ConversationEvents,
  ) {}

  /**
   * Status first (the citizen's handoff frame changes), then the system messages (stored, then announced
   * by the store), then queues, clerks and notices. Duplicates are announced once.
   */
  async announce(effects: HandoffEffect[]): Promise<void> {
    const seen = new Set<string>();
    const once = (key: string) => (seen.has(key) ? false : (seen.add(key), true));
    for (const effect of effects) {
      if (effect.kind === 'status' && once(`status:${effect.conversationId}`)) {
        await this.events.publish({ kind: 'status', conversationId: effect.conversationId });
      }
    }
    for (const effect of effects) {
      if (effect.kind === 'system') {
        await this.conversations.append(effect.conversationId, [
          { from: 'system', text: effect.text, lang: effect.lang },
        ]);
      }
    }
    for (const effect of effects) {
      switch (effect.kind) {
        case 'queue':
          if (once(`queue:${effect.department}`)) {
            await this.events.publish({ kind: 'queue', department: effect.department });
          }
          break;
        case 'clerk':
          if (once(`clerk:${effect.clerkId}`)) {
            await this.events.publish({
              kind: 'notice',
              topic: NOTICE_TOPICS.clerk,
              data: { clerkId: effect.clerkId },
            });
          }
          break;
        case 'ticket':
          await this.events.publish({
            kind: 'notice',
            topic: NOTICE_TOPICS.ticket,
            data: { number: effect.number, department: effect.department },
          });
          break;
        case 'note':
          await this.events.publish({
            kind: 'notice',
            topic: NOTICE_TOPICS.note,
            data: { conversationId: effect.conversationId, noteId: effect.noteId },
          });
          break;
        default:
          break;
      }
    }
  }
}
