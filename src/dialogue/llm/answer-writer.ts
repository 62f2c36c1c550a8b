import type { Message } from '../../protocol/message.js';
import type { Lang } from '../../language.js';

/**
 * Writes an answer in natural language from retrieved knowledge-base content (an LLM). Optional: without
 * one, ANTONIA answers with the composed answer. Whatever it writes is checked by the grounding guard.
 */
export interface AnswerRequest {
  /** The citizen's message, verbatim: the writer must delimit it as data, never as instructions. */
  question: string;
  lang: Lang;
  procedureTitle: string;
  /** The knowledge-base content the answer may use, and nothing else. */
  knowledge: string;
  /** Numbered [1], [2]… in this order; the answer cites them by number. */
  sources: Message['sources'];
}

export interface WrittenAnswer {
  /** The text written, when the writer finished in time. */
  text?: string;
  /** Why there is no text. */
  failure?: 'timeout' | 'error';
  ms: number;
}

export interface AnswerWriter {
  write(request: AnswerRequest): Promise<WrittenAnswer>;
}
