/**
 * Who has the conversation. `bot`: ANTONIA answers. `waiting`: queued for a clerk (the bot answers only
 * what the knowledge base answers). `with_clerk`: a clerk answers. `closed`: ended by a clerk (a new citizen message reopens it
 * with the bot). Only these moves are allowed; anything else is a bug or a race and is refused.
 */
export type ConversationStatus = 'bot' | 'waiting' | 'with_clerk' | 'closed';

const ALLOWED: Record<ConversationStatus, ConversationStatus[]> = {
  bot: ['waiting', 'with_clerk', 'closed'],
  waiting: ['with_clerk', 'bot', 'closed'],
  with_clerk: ['bot', 'closed', 'waiting'],
  closed: ['bot'],
};

export function canTransition(from: ConversationStatus, to: ConversationStatus): boolean {
  return ALLOWED[from].includes(to);
}
