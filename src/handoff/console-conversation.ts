import { z } from 'zod';
import { CLOSE_OUTCOMES } from '../protocol/console-api.js';

/**
 * How a clerk closes a conversation (validated on the way in, with full zod). The outcomes themselves, and
 * the handed-off conversation, its summary and notes as the console receives them, are part of the wire
 * contract (src/protocol/console-api.ts).
 */
export const CloseOutcomeSchema = z.enum(CLOSE_OUTCOMES);
