/**
 * `npx tsx scripts/fit-conversation-model.ts --file <conversations.jsonl> [--file …] [--check <held-out.jsonl>]`
 *
 * Fits the conversation step's two logistic models (knowledge-base/conversation.yaml) on labelled
 * conversations — the fitting set, never the development conversations that are reported on. Each
 * follow-up turn is weighed against the conversation's true topics so far (teacher forcing: the labels,
 * not the bot's earlier answers, say what the conversation was about):
 *   stay   — one example per earlier topic: is the turn about that topic?
 *   switch — one example per turn whose message points to another procedure: is it that procedure?
 * Turns that are social (an intent alone) or corrections are left out: other steps decide them.
 * Prints the fitted weights as YAML, with log loss and the decision's accuracy on each file. The accuracy
 * follows understand.ts: a switch needs a candidate retrieval would answer, and when neither model
 * decides, the message is answered on its own (retrieval's best candidate if confident enough, else
 * declined) — which is itself a switch when that candidate is another procedure, so it is scored as one.
 * `--misses` lists the fitting turns the fitted model decides wrongly, with their features (never pass
 * held-out files as `--file` to read their misses).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.js';
import { configWith } from '../src/config.js';
import { createIntentMatcher, loadIntents } from '../src/dialogue/intents/index.js';
import { detectLanguage } from '../src/dialogue/language/detect-language.js';
import { DEFAULT_DIALOGUE_SETTINGS } from '../src/dialogue/dialogue-settings.js';
import { readFacets } from '../src/dialogue/facets.js';
import {
  CONVERSATION_FEATURES,
  loadConversationModel,
  probability,
  type LogisticModel,
} from '../src/dialogue/understanding/conversation-model.js';
import { ProcedureWordIndex } from '../src/dialogue/understanding/procedure-word-index.js';
import { readTurnCues } from '../src/dialogue/understanding/turn-cues.js';
import { weighTopic, type TopicEvidence } from '../src/dialogue/understanding/weigh-topic.js';
import { fitLogistic } from '../src/knowledge/retrieval/fit-logistic.js';
import type { Lang } from '../src/language.js';
import { PgliteDatabase } from '../src/storage/pglite-database.js';

interface Turn {
  text: string;
  expect: string | null;
  alt?: string[];
}
interface Conversation {
  id: string;
  lang: Lang;
  turns: Turn[];
}
interface Example {
  /** Where the turn comes from, for `--misses`. */
  where: string;
  evidence: TopicEvidence;
  stay: boolean;
  switchTo: boolean;
  age: number;
  /**
   * What the pipeline does when neither model decides (understand.ts `answerFresh`): retrieval's best
   * candidate is answered when its confidence reaches `minAnswerConfidence`, else the turn is declined.
   * Whether that outcome is right.
   */
  freshRight: boolean;
  /**
   * understand.ts `likelierThanSwitch` may keep this topic: a short leaning follow-up with no word of the
   * other procedure's title that this topic's title lacks (then the likelier of stay/switch wins).
   */
  likelierEligible: boolean;
}

const { values } = parseArgs({
  options: {
    file: { type: 'string', multiple: true },
    check: { type: 'string', multiple: true },
    // Print the fitting turns the fitted model decides wrongly (never use it on held-out files).
    misses: { type: 'boolean', default: false },
  },
});
if (!values.file?.length) {
  console.error(
    'usage: npx tsx scripts/fit-conversation-model.ts --file <fit.jsonl> [--check <held-out.jsonl>]',
  );
  process.exit(2);
}
const read = (path: string): Conversation[] =>
  readFileSync(path, 'utf8')
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as Conversation);

const current = loadConversationModel();
const database = await PgliteDatabase.open();
const app = await buildApp(configWith({ LOG_LEVEL: 'silent' }), { database, logger: false });
await app.ready();
const index = ProcedureWordIndex.of(app.knowledge);
const intentList = loadIntents();
const intents = createIntentMatcher(intentList);
const offersClerk = new Set(intentList.filter((intent) => intent.offersClerk).map((intent) => intent.name));

/**
 * A turn the intent step or the conversation step's social aside settles before the model is asked:
 * a standalone intent, or a complaint that asks nothing ("I waited two hours at the counter for nothing").
 */
function isSocial(text: string, lang: Lang): boolean {
  const match = intents.match(text, lang);
  if (!match) return false;
  return match.standalone || (offersClerk.has(match.intent) && !match.asksQuestion && !/\?\s*$/u.test(text));
}

async function examplesOf(conversations: Conversation[]): Promise<Example[][]> {
  const turns: Example[][] = [];
  for (const conversation of conversations) {
    const topics: string[] = [];
    for (const turn of conversation.turns) {
      const lang = detectLanguage(turn.text, conversation.lang);
      const right = (slug: string) => turn.expect === slug || (turn.alt ?? []).includes(slug);
      const cues = readTurnCues(turn.text);
      const social = isSocial(turn.text, lang);
      if (topics.length > 0 && !cues.correction && !social) {
        const reading = readFacets(turn.text);
        const searchText = reading.facets.length > 0 ? reading.topic.join(' ') : turn.text;
        const found =
          searchText === '' ? undefined : await app.retrieval.search(searchText, { lang, limit: 3 });
        const candidates = found && !found.declined ? found.procedures : [];
        const fresh = candidates[0];
        const freshRight =
          fresh && fresh.confidence >= DEFAULT_DIALOGUE_SETTINGS.minAnswerConfidence
            ? right(fresh.slug)
            : turn.expect === null;
        const shortLean =
          (cues.facets.length > 0 || cues.caseCue || cues.pointerCue) &&
          cues.content.length <= current.continuation.maxContentWords;
        // As understand.ts: the other procedure is the one weighed against the topic in focus.
        const focusOther = candidates.find((candidate) => candidate.slug !== topics[0]);
        const examples = topics.slice(0, current.history.size).map((topic, age) => {
          const evidence = weighTopic({
            cues,
            lang,
            topic,
            age,
            recencyDecay: current.history.recencyDecay,
            candidates,
            index,
          });
          return {
            where: `${conversation.id} "${turn.text}" → ${turn.expect ?? '(none)'}`,
            evidence,
            stay: right(topic),
            switchTo: !!evidence.other && right(evidence.other.slug),
            age,
            freshRight,
            likelierEligible:
              shortLean &&
              !cues.content.some((word) => {
                const titled = index.titledWith(word, lang);
                return !!focusOther && titled.includes(focusOther.slug) && !titled.includes(topic);
              }),
          };
        });
        turns.push(examples);
      }
      if (turn.expect)
        topics.splice(0, topics.length, turn.expect, ...topics.filter((t) => t !== turn.expect));
    }
  }
  return turns;
}

const vector = (example: Example) =>
  CONVERSATION_FEATURES.map((feature) => example.evidence.features[feature]);
const fitTurns = (await Promise.all(values.file.map((path) => examplesOf(read(path))))).flat();
const stayExamples = fitTurns.flat();
const switchExamples = fitTurns.map((turn) => turn[0]).filter((example) => example.evidence.other);
const stayFit = fitLogistic(
  stayExamples.map(vector),
  stayExamples.map((example) => example.stay),
);
const switchFit = fitLogistic(
  switchExamples.map(vector),
  switchExamples.map((example) => example.switchTo),
);
const asModel = (beta: number[], threshold: number): LogisticModel => ({
  intercept: round(beta[0]),
  weights: Object.fromEntries(
    CONVERSATION_FEATURES.map((feature, j) => [feature, round(beta[j + 1])]),
  ) as LogisticModel['weights'],
  threshold,
});
let fitted = {
  stay: asModel(stayFit.beta, current.stay.threshold),
  switch: asModel(switchFit.beta, current.switch.threshold),
};
// The thresholds: the pair (on a coarse grid, 0.3–0.8) that makes the most right decisions on the
// fitting turns; ties go to 0.5, the calibrated model's natural cut.
let bestAccuracy = -1;
const grid = [0.5, 0.3, 0.35, 0.4, 0.45, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8];
for (const stayAt of grid) {
  for (const switchAt of grid) {
    const candidate = {
      stay: { ...fitted.stay, threshold: stayAt },
      switch: { ...fitted.switch, threshold: switchAt },
    };
    const measured = accuracy(fitTurns, candidate);
    if (measured > bestAccuracy) {
      bestAccuracy = measured;
      fitted = candidate;
    }
  }
}

/** How often the decision (switch, else the likeliest topic if likely enough, else neither) is right. */
function accuracy(turns: Example[][], model: typeof fitted): number {
  const right = turns.filter((turn) => decidedRight(turn, model)).length;
  return turns.length === 0 ? 0 : round(right / turns.length);
}

/** As understand.ts decides: switch, else stay on the likeliest topic, else the message on its own. */
function decidedRight(turn: Example[], model: typeof fitted): boolean {
  const focus = turn[0];
  const other = focus.evidence.other;
  const confidentOther = !!other && other.confidence >= DEFAULT_DIALOGUE_SETTINGS.minAnswerConfidence;
  const pSwitch = probability(model.switch, focus.evidence.features);
  if (confidentOther && pSwitch >= model.switch.threshold) return focus.switchTo;
  const best = turn.reduce((a, b) =>
    probability(model.stay, b.evidence.features) > probability(model.stay, a.evidence.features) ? b : a,
  );
  const pStay = probability(model.stay, best.evidence.features);
  if (pStay >= model.stay.threshold) return best.stay;
  if (confidentOther && best.likelierEligible && pStay > pSwitch) return best.stay;
  return focus.freshRight;
}

console.log(`# fitted on ${values.file.join(', ')}: ${fitTurns.length} follow-up turns`);
console.log(
  `# stay: ${stayExamples.length} examples, log loss ${stayFit.logLoss.toFixed(3)}, ECE ${stayFit.expectedCalibrationError.toFixed(3)}`,
);
console.log(
  `# switch: ${switchExamples.length} examples, log loss ${switchFit.logLoss.toFixed(3)}, ECE ${switchFit.expectedCalibrationError.toFixed(3)}`,
);
console.log(
  `# teacher-forced decision accuracy: fitted ${accuracy(fitTurns, fitted)}, current ${accuracy(fitTurns, current)}`,
);
if (values.misses) {
  for (const turn of fitTurns.filter((examples) => !decidedRight(examples, fitted))) {
    const focus = turn[0];
    const shown = Object.entries(focus.evidence.features)
      .filter(([, value]) => value !== 0)
      .map(([name, value]) => `${name}=${round(value)}`)
      .join(' ');
    console.log(
      `# miss ${focus.where} (topic ${focus.evidence.topic}, other ${focus.evidence.other?.slug ?? '-'}` +
        ` pSwitch ${round(probability(fitted.switch, focus.evidence.features))}` +
        ` pStay ${round(probability(fitted.stay, focus.evidence.features))}) ${shown}`,
    );
  }
}
for (const path of values.check ?? []) {
  const turns = await examplesOf(read(path));
  console.log(
    `# ${path}: ${turns.length} turns, fitted ${accuracy(turns, fitted)}, current ${accuracy(turns, current)}`,
  );
}
console.log(JSON.stringify(fitted, null, 2));
await app.close();
await database.close();

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
