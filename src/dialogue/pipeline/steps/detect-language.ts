import { isHandledByPeople } from '../../../conversations/conversation-status.js';
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

/** While the conversation is queued for or held by a clerk, ANTONIA stores the message and says nothing. */
export const staySilentWithClerk = step('staySilentWithClerk', (context) => {
  if (!isHandledByPeople(context.conversation.status)) return;
  // Leaving the queue is the one thing the citizen may still ask of the bot.
  const action = context.input.action ? readAction(context.input.action) : undefined;
  if (action?.kind === 'handoff_cancel') return;
  context.state = { ...context.previous, lang: context.lang };
  context.finish({ status: 'silent_with_clerk' });
});
