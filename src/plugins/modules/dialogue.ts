import fp from 'fastify-plugin';
import { DEFAULT_DIALOGUE_SETTINGS } from '../../dialogue/dialogue-settings.js';
import { DialogueService } from '../../dialogue/dialogue-service.js';
import { createIntentMatcher, loadIntents } from '../../dialogue/intents/index.js';
import { detectLanguage } from '../../dialogue/language/detect-language.js';
import { loadConversationModel } from '../../dialogue/understanding/conversation-model.js';
import { loadRemitModel } from '../../dialogue/understanding/outside-remit.js';
import { ProcedureWordIndex } from '../../dialogue/understanding/procedure-word-index.js';
import type { AnswerWriter } from '../../dialogue/llm/answer-writer.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The dialogue engine every citizen channel talks to (src/dialogue/dialogue-contract.ts). */
    dialogue: DialogueService;
  }
}

/**
 * Builds the dialogue engine from the knowledge module (retrieval + catalog), the intents, the handoff
 * module beside it (a turn can queue the conversation for a clerk) and, when configured, an LLM writer.
 */
export default fp(
  async (app) => {
    const intents = loadIntents();
    let answerWriter: AnswerWriter | undefined;
    if (app.config.LLM_PROVIDER === 'openai') {
      // Loaded only when configured: the OpenAI client is a large import every test would pay for.
      const { createOpenAiAnswerWriter } = await import('../../dialogue/llm/openai-answer-writer.js');
      answerWriter = createOpenAiAnswerWriter(app.config);
    }
    // Built now rather than on the first citizen's turn (a few milliseconds over the whole base).
    ProcedureWordIndex.of(app.knowledge);
    const dialogue = new DialogueService({
      store: app.conversations,
      services: {
        detectLanguage,
        intents: {
          matcher: createIntentMatcher(intents),
          byName: new Map(intents.map((intent) => [intent.name, intent])),
        },
        retrieval: app.retrieval,
        knowledge: app.knowledge,
        answerWriter,
        settings: DEFAULT_DIALOGUE_SETTINGS,
        conversation: loadConversationModel(app.config.KB_DIR),
        remit: loadRemitModel(app.config.KB_DIR),
      },
      handoff: app.handoff,
      log: app.log,
    });
    app.decorate('dialogue', dialogue);
  },
  { name: 'dialogue', dependencies: ['conversations', 'knowledge', 'handoff'] },
);
