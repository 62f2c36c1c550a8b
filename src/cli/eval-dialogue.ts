import { loadConfig, loadDotEnv } from '../config.js';
import { parseDialogueCases, slugsOfDialogueCase } from '../dialogue/evaluation/dialogue-cases.js';
import { runEvaluationCommand } from '../dialogue/evaluation/evaluation-command.js';
import { dialogueMissLines, dialogueSummaryLine } from '../dialogue/evaluation/report-dialogues.js';
import { runDialogues } from '../dialogue/evaluation/run-dialogues.js';
import { summariseDialogues } from '../dialogue/evaluation/score-dialogues.js';

/**
 * `npm run eval:dialogue -- --file <conversations.jsonl> [--json]` — multi-turn conversation quality.
 *
 * File: one conversation a line, `{"id","lang","turns":[{"text","expect": slug|null,"alt"?: [slugs],
 * "facet"?}]}`. Every conversation starts fresh on an in-memory PGlite with the knowledge base (KB_DIR)
 * ingested, and goes through the real dialogue engine in-process (no HTTP). A turn is right when the
 * bot's last message of the turn names `expect` (or one of `alt`) as its procedure; for `expect: null`
 * when it names none. Prints the failed turns (unless --json), then as the last line one JSON object:
 *   {conversations, turns, turnAccuracy, firstTurn, followUp, byLang: {ro, en, hu}, p95Ms,
 *    chars: {first: {median, max}, followUp: {median, max}}}
 * (accuracies 0..1 over all turns, turn 0, turns ≥ 1, and per conversation language; p95Ms of one turn's
 * handling; chars: visible length — text plus the sections it does not spell out — of answered turns).
 * Exits 0 whatever the score; 2 on a wrong setting, a usage or a data error (one line; a data error names
 * the file's line).
 */
loadDotEnv();
process.exitCode = await runEvaluationCommand(
  {
    usage: 'npm run eval:dialogue -- --file <conversations.jsonl> [--json]',
    parse: parseDialogueCases,
    slugsOf: slugsOfDialogueCase,
    evaluate: async (service, cases) => {
      const outcomes = await runDialogues(service, cases);
      return {
        missLines: dialogueMissLines(outcomes),
        summaryLine: dialogueSummaryLine(summariseDialogues(outcomes)),
      };
    },
  },
  {
    args: process.argv.slice(2),
    config: () => loadConfig(),
    output: { out: (line) => console.log(line), error: (line) => console.error(line) },
  },
);
