import type { PipelineStep } from './run-pipeline.js';
import { compose } from './steps/compose.js';
import { detectLanguage, staySilentWithClerk } from './steps/detect-language.js';
import { guard } from './steps/guard.js';
import { matchIntent } from './steps/match-intent.js';
import { recallUnanswered } from './steps/recall-unanswered.js';
import { resolveFollowUp } from './steps/resolve-follow-up.js';
import { retrieve } from './steps/retrieve.js';
import { understand } from './steps/understand.js';

/** The steps of one citizen turn, in order (see docs/adr/0003-dialogue.md). */
export const ANSWER_PIPELINE: PipelineStep[] = [
  detectLanguage,
  staySilentWithClerk,
  matchIntent,
  resolveFollowUp,
  retrieve,
  recallUnanswered,
  understand,
  compose,
  guard,
];
