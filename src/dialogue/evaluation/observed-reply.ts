import type { Message } from '../../protocol/message.js';
import type { TurnResult } from '../dialogue-contract.js';

/** What an evaluation looks at in a turn's result. */
export interface ObservedReply {
  /** The procedure the bot's last message of the turn names (null: none, or no bot message at all). */
  procedure: string | null;
  /** How the turn ended (TurnResult.status), e.g. `answered`, `clarification_asked`. */
  status: string | null;
  /** The bot's last message of the turn, as stored (null when the bot stayed silent). */
  message: (Pick<Message, 'text' | 'sections'> & Partial<Pick<Message, 'sources'>>) | null;
}

/**
 * The turn as the citizen is left with it: the bot's last message decides (an effect such as a handoff
 * may post other messages first). System messages are the handoff module's, not the bot's answer.
 */
export function observeReply(result: TurnResult): ObservedReply {
  const last = result.messages.filter((message) => message.from === 'bot').at(-1);
  return {
    procedure: last?.procedure ?? null,
    status: result.status ?? null,
    message: last ? { text: last.text, sections: last.sections, sources: last.sources } : null,
  };
}
