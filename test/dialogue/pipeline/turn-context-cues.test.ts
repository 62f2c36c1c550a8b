import { describe, expect, it } from '@jest/globals';
import {
  createTurnContext,
  cuesOf,
  type PipelineServices,
} from '../../../src/dialogue/pipeline/turn-context.js';
import { readDialogueState } from '../../../src/dialogue/dialogue-state.js';
import { loadConversationModel } from '../../../src/dialogue/understanding/conversation-model.js';
import { readTurnCues } from '../../../src/dialogue/understanding/turn-cues.js';

/** The cues of a text are read once per turn, in the turn's language, and equal a fresh reading. */
describe('cuesOf', () => {
  const conversation = loadConversationModel();
  const services = { conversation } as unknown as PipelineServices;
  const turn = (text: string) =>
    createTurnContext({
      services,
      conversation: { id: 'c', lang: 'ro', status: 'bot', nextSeq: 1 },
      input: { text, action: null },
      state: readDialogueState({}),
    });
  const text = 'nu, mă refeream la certificatul de naștere pentru mama';

  it('reads a text once per turn and gives what readTurnCues gives', () => {
    const context = turn(text);
    const first = cuesOf(context, text);
    expect(cuesOf(context, text)).toBe(first);
    expect(first).toEqual(readTurnCues(text, 'ro', conversation.correction.phrases));
    expect(first.correction).toBe(true);
  });

  it('keeps apart other texts, other languages and other turns', () => {
    const context = turn(text);
    const first = cuesOf(context, text);
    expect(cuesOf(context, 'certificat de naștere')).not.toBe(first);
    context.lang = 'en';
    expect(cuesOf(context, text)).not.toBe(first);
    expect(cuesOf(context, text)).toEqual(readTurnCues(text, 'en', conversation.correction.phrases));
    expect(cuesOf(turn(text), text)).not.toBe(first);
  });
});
