import { readAction } from '../../citizen-action.js';
import { step } from '../run-pipeline.js';

/**
 * The citizen's language for this turn. The UI language, else the conversation's, is the hint for
 * messages too short to tell ("ok", "1"); a click carries no language and keeps the hint.
 */
export const detectLanguage = step('detectLanguage', (context) => {
  const hint = context.input.uiLang ?? context.previous.lang ?? context.conversation.lang;
  context.lang = context.input.text ? context.services.detectLanguage(context.input.text, hint) : hint;
  context.state.lang = context.lang;
});

/**
 * While a clerk has the conversation, ANTONIA stores the message and says nothing. While it only waits in
 * the queue, the turn runs and `quietWhileQueued` keeps just the answers from the knowledge base.
 */
export const staySilentWithClerk = step('staySilentWithClerk', (context) => {
  if (context.conversation.status !== 'with_clerk') return;
  // Leaving the queue is the one thing the citizen may still ask of the bot.
  const action = context.input.action ? readAction(context.input.action) : undefined;
  if (action?.kind === 'handoff_cancel') return;
  context.state = { ...context.previous, lang: context.lang };
  context.finish({ status: 'silent_with_clerk' });
});
