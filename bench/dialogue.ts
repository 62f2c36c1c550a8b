/**
 * `npm run bench:dialogue` — scripted multi-turn conversations through the dialogue engine (no LLM), on
 * PostgreSQL and on PGlite. A turn is one `dialogue.handle()` call: language, intents, follow-up
 * resolution, retrieval, decision, composition, and storing the citizen message, the answer and the
 * state. Prints turns/s and p50/p95 turn latency per backend; the last stdout line is JSON for PostgreSQL
 * (the target: p95 ≤ 50 ms), with the PGlite figures nested:
 *   {turns, turnsPerSec, p50Ms, p95Ms, backend, pglite: {turns, turnsPerSec, p50Ms, p95Ms}}
 *
 * Settings (flags or environment):
 *   --rounds      / BENCH_DIALOGUE_ROUNDS    times each script is played, measured (default 20)
 *   --concurrency / BENCH_DIALOGUE_CONCURRENCY  conversations in flight at once (default 1: pure latency)
 *   --backends    / BENCH_DIALOGUE_BACKENDS  comma list of postgres, pglite (default both)
 *   BENCH_DATABASE_URL  PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres); a scratch
 *                       database is created on it and dropped afterwards
 */
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.js';
import { configWith } from '../src/config.js';
import type { Database } from '../src/storage/database.js';
import { PgliteDatabase } from '../src/storage/pglite-database.js';
import { PostgresDatabase } from '../src/storage/postgres-database.js';
import { SCRIPTS, scriptInput } from './support/dialogue-scripts.js';
import { createScratchDatabase } from './support/scratch-postgres.js';

const { values: flags } = parseArgs({
  options: { rounds: { type: 'string' }, concurrency: { type: 'string' }, backends: { type: 'string' } },
});
const rounds = Number(flags.rounds ?? process.env.BENCH_DIALOGUE_ROUNDS ?? 20);
const concurrency = Number(flags.concurrency ?? process.env.BENCH_DIALOGUE_CONCURRENCY ?? 1);
const backends = (flags.backends ?? process.env.BENCH_DIALOGUE_BACKENDS ?? 'postgres,pglite').split(',');
if (!(rounds > 0) || !(concurrency > 0)) throw new Error('--rounds and --concurrency must be positive');

interface Figures {
  turns: number;
  turnsPerSec: number;
  p50Ms: number;
  p95Ms: number;
}

async function openBackend(backend: string): Promise<{ database: Database; dispose(): Promise<void> }> {
  if (backend === 'pglite') {
    const database = await PgliteDatabase.open();
    return { database, dispose: () => database.close() };
  }
  if (backend !== 'postgres') throw new Error(`unknown backend ${backend}`);
  const scratch = await createScratchDatabase('dialogue');
  const database = await PostgresDatabase.open({ connectionString: scratch.url, poolMax: 10 });
  return {
    database,
    dispose: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}

async function bench(backend: string): Promise<Figures> {
  const started = performance.now();
  const { database, dispose } = await openBackend(backend);
  // Clerks "always" available, so a handoff in a script behaves the same at any hour.
  const app = await buildApp(configWith({ LOG_LEVEL: 'silent', HANDOFF_OFFICE_HOURS: 'always' }), {
    database,
    logger: false,
  });
  try {
    await app.ready();
    console.log(
      `${backend}: app ready (migrated, knowledge base ingested) in ${Math.round(performance.now() - started)} ms`,
    );

    const playScript = async (script: (typeof SCRIPTS)[number], latencies?: number[]) => {
      const { conversation } = await app.conversations.create({ lang: script.lang, channel: 'api' });
      let suggestions: Array<{ value: string }> = [];
      for (const turn of script.turns) {
        const input = scriptInput(turn, suggestions);
        const begin = performance.now();
        const result = await app.dialogue.handle(conversation.id, input);
        latencies?.push(performance.now() - begin);
        suggestions = result.messages.at(-1)?.suggestions ?? [];
      }
    };

    for (const script of SCRIPTS) await playScript(script); // warm-up: JIT, caches, connection pool
    const latencies: number[] = [];
    const queue = Array.from({ length: rounds }, () => SCRIPTS).flat();
    const measuredStart = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let script = queue.shift(); script; script = queue.shift()) await playScript(script, latencies);
      }),
    );
    const seconds = (performance.now() - measuredStart) / 1000;
    latencies.sort((a, b) => a - b);
    const at = (quantile: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(quantile * latencies.length))];
    const figures = {
      turns: latencies.length,
      turnsPerSec: round(latencies.length / seconds),
      p50Ms: round(at(0.5)),
      p95Ms: round(at(0.95)),
    };
    console.log(
      `${backend}: ${figures.turns} turns in ${seconds.toFixed(1)} s (concurrency ${concurrency}) → ` +
        `${figures.turnsPerSec} turns/s, p50 ${figures.p50Ms} ms, p95 ${figures.p95Ms} ms, max ${round(latencies.at(-1)!)} ms`,
    );
    return figures;
  } finally {
    await app.close();
    await dispose();
  }
}

const round = (value: number) => Math.round(value * 10) / 10;

const results: Record<string, Figures> = {};
for (const backend of backends) results[backend] = await bench(backend.trim());
const main = results.postgres ?? results.pglite;
const { postgres: _postgres, ...others } = results;
console.log(
  JSON.stringify({
    ...main,
    backend: results.postgres ? 'postgres' : 'pglite',
    ...(results.postgres ? others : {}),
  }),
);
