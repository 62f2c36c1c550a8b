/**
 * `npx tsx bench/social-turns.ts --file test/fixtures/social-turns.jsonl [--json]` — how the dialogue
 * handles social turns in context (thanks with praise, goodbyes, frustration and complaints, asking for
 * a person, greetings or thanks together with a question), through the real dialogue engine on an
 * in-memory PGlite. Prints the misses, then as the last line one JSON object:
 *   {lines, accuracy, bySplit: {fit, holdout}, byExpect: {…}, byLang: {ro, en, hu}}
 * What each expectation requires: src/dialogue/evaluation/social-turns.ts.
 */
import { loadConfig, loadDotEnv } from '../src/config.js';
import { runEvaluationCommand } from '../src/dialogue/evaluation/evaluation-command.js';
import {
  parseSocialTurns,
  runSocialTurns,
  slugsOfSocialTurn,
  socialMissLines,
  summariseSocialTurns,
} from '../src/dialogue/evaluation/social-turns.js';
import { loadIntents } from '../src/dialogue/intents/index.js';

loadDotEnv();
const intents = loadIntents();
process.exitCode = await runEvaluationCommand(
  {
    usage: 'npx tsx bench/social-turns.ts --file <social-turns.jsonl> [--json]',
    parse: parseSocialTurns,
    slugsOf: slugsOfSocialTurn,
    evaluate: async (service, turns) => {
      const outcomes = await runSocialTurns(service, intents, turns);
      return {
        missLines: socialMissLines(outcomes),
        summaryLine: JSON.stringify(summariseSocialTurns(outcomes)),
      };
    },
  },
  {
    args: process.argv.slice(2),
    config: () => loadConfig(),
    output: { out: (line) => console.log(line), error: (line) => console.error(line) },
  },
);
