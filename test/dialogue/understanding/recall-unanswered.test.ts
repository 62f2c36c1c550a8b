import { describe, expect, it } from '@jest/globals';
import { DialogueStateSchema } from '../../../src/dialogue/dialogue-state.js';
import {
  nextUnanswered,
  pooledQuestion,
  recallable,
} from '../../../src/dialogue/pipeline/steps/recall-unanswered.js';
import { loadConversationModel } from '../../../src/dialogue/understanding/conversation-model.js';

/**
 * While a conversation has no topic, the citizen's unanswered messages are kept so that the next one is
 * read together with them ("fetița mea s-a născut…" then "unde merg?"); an answer forgets them.
 */
describe('unanswered messages', () => {
  it('keeps a declined or "which one?" message while there is no topic, the latest last', () => {
    expect(nextUnanswered([], 'am o magazie în curte', 'declined_out_of_scope', false, 2)).toEqual([
      'am o magazie în curte',
    ]);
    expect(nextUnanswered(['a', 'b'], 'c', 'clarification_asked', false, 2)).toEqual(['b', 'c']);
    expect(nextUnanswered(['a'], 'b', 'declined_low_confidence', false, 2)).toEqual(['a', 'b']);
  });

  it('forgets them once a procedure is answered or the conversation has a topic', () => {
    expect(nextUnanswered(['a', 'b'], 'c', 'answered', true, 2)).toEqual([]);
    expect(nextUnanswered(['a'], 'x', 'declined_out_of_scope', true, 2)).toEqual([]);
  });

  it('leaves them as they were after a greeting or thanks, and keeps none when recall is off', () => {
    expect(nextUnanswered(['a'], 'mersi', 'intent_reply', false, 2)).toEqual(['a']);
    expect(nextUnanswered(['a'], 'b', 'declined_out_of_scope', false, 0)).toEqual([]);
  });

  it('recalls them only while the conversation has no topic, at most the configured number', () => {
    const state = DialogueStateSchema.parse({ unanswered: ['a', 'b', 'c'] });
    expect(recallable(state, 2)).toEqual(['b', 'c']);
    expect(recallable(state, 0)).toEqual([]);
    const withTopic = { ...state, focus: { slug: 'pasaport', confidence: 0.9 } };
    expect(recallable(withTopic, 2)).toEqual([]);
  });

  it('reads an older state without the field as having none', () => {
    expect(DialogueStateSchema.parse({}).unanswered).toEqual([]);
    expect(DialogueStateSchema.parse({ unanswered: 'nope' }).unanswered).toEqual([]);
  });

  it('pools the earlier messages first and the new one last', () => {
    expect(pooledQuestion(['  fetița mea s-a născut '], 'unde merg?')).toBe(
      'fetița mea s-a născut \n unde merg?',
    );
  });

  it('is configured in the knowledge base: recall and the words of contesting a topic', () => {
    const model = loadConversationModel();
    expect(model.recall.messages).toBeGreaterThan(0);
    expect(model.complaint.contestWords.ro.length).toBeGreaterThan(0);
    expect(model.complaint.contestWords.en).toContain('contest');
  });
});
