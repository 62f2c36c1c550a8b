/**
 * How fast the understanding steps are: intent matching and language detection per message, over
 * the intent examples and the knowledge base's example questions (a realistic mix of short and long
 * messages). Target: well under a millisecond per message. Last line of stdout: JSON.
 */
import { performance } from 'node:perf_hooks';
import { expandAlternatives } from '../src/dialogue/intents/expand-alternatives.js';
import { createIntentMatcher, loadIntents } from '../src/dialogue/intents/index.js';
import { detectLanguage } from '../src/dialogue/language/detect-language.js';
import { loadKnowledgeBase } from '../src/knowledge/ingest/load-knowledge-base.js';
import { LANGS } from '../src/language.js';
import { fromProjectRoot } from '../src/project-root.js';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

const loadStarted = performance.now();
const intents = loadIntents();
const matcher = createIntentMatcher(intents);
const loadMs = performance.now() - loadStarted;
const createdCold = createIntentMatcher(intents);

const { procedures } = loadKnowledgeBase(fromProjectRoot('knowledge-base'));
const messages = [
  ...intents.flatMap((intent) => LANGS.flatMap((lang) => intent.examples[lang].flatMap(expandAlternatives))),
  ...procedures.flatMap((procedure) => LANGS.flatMap((lang) => procedure.examples[lang])),
];

function measure(
  step: (text: string) => unknown,
  rounds = ROUNDS,
  warmUp = true,
): { p50Ms: number; p95Ms: number; maxMs: number } {
  if (warmUp) for (const text of messages) step(text);
  const times: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    for (const text of messages) {
      const started = performance.now();
      step(text);
      times.push(performance.now() - started);
    }
  }
  times.sort((a, b) => a - b);
  const at = (share: number): number => Number(times[Math.floor(share * (times.length - 1))].toFixed(4));
  return { p50Ms: at(0.5), p95Ms: at(0.95), maxMs: at(1) };
}

// A fresh matcher on messages it has never seen: its word-lookup cache starts empty.
const cold = measure((text) => createdCold.match(text), 1, false);
const intent = measure((text) => matcher.match(text));
const language = measure((text) => detectLanguage(text, 'ro'));
console.log(
  `messages: ${messages.length} × ${ROUNDS} rounds; intents loaded and compiled in ${loadMs.toFixed(1)} ms`,
);
console.log(`intent match, cold:  p50 ${cold.p50Ms} ms, p95 ${cold.p95Ms} ms, max ${cold.maxMs} ms`);
console.log(`intent match:       p50 ${intent.p50Ms} ms, p95 ${intent.p95Ms} ms, max ${intent.maxMs} ms`);
console.log(
  `language detection: p50 ${language.p50Ms} ms, p95 ${language.p95Ms} ms, max ${language.maxMs} ms`,
);
console.log(
  JSON.stringify({
    messages: messages.length * ROUNDS,
    loadMs: Number(loadMs.toFixed(1)),
    intentColdP95Ms: cold.p95Ms,
    intentP50Ms: intent.p50Ms,
    intentP95Ms: intent.p95Ms,
    intentMaxMs: intent.maxMs,
    languageP50Ms: language.p50Ms,
    languageP95Ms: language.p95Ms,
  }),
);
