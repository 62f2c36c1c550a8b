/** What the dialogue pipeline needs from intent recognition. */
export { loadIntents, INTENTS_DIRECTORY, IntentFileError } from './load-intents.js';
export { createIntentMatcher, type IntentMatch, type IntentMatcher } from './intent-matcher.js';
export { IntentSchema, type Intent, type IntentMatching } from './intent-schema.js';
