/**
 * `npm run bench:turn-cpu -- [--rounds N] [--backend postgres|pglite] [--dump FILE] [--files a,b]` — the
 * service's CPU per dialogue turn, deterministic enough to compare two builds on a shared machine (wall
 * time is not: other processes take the cores; CPU time is what this process itself spent).
 *
 * Plays the `bench:dialogue` scripts and the labelled fit conversations (test/fixtures/conversations-fit*.jsonl
 * without `-check`, or `--files`) through `app.dialogue.handle`, once to warm up (JIT, caches) and then
 * `rounds` times measured, each as a new conversation, one turn at a time. Prints `process.cpuUsage()` per
 * turn, split by pipeline step (each step's `run` is wrapped; `storage and rest` is everything outside the
 * pipeline: reading and recording the turn, the database client, logging). On PostgreSQL (default: a
 * scratch database on BENCH_DATABASE_URL, `--database NAME` to fix its name) the server's CPU is not in
 * the figure, as in `bench:ws`; on PGlite the database runs in this process and is counted in `storage`.
 *
 * `--dump FILE` writes every turn's returned messages (ids, times and timings left out) as JSON lines:
 * two builds that must behave the same give byte-identical dumps. Under `node --cpu-prof`
 * (`NODE_OPTIONS=--cpu-prof npx tsx bench/turn-cpu.ts …`) the profile covers warm-up and start-up too;
 * `scripts/cpu-profile-summary.ts <file> 30 <seconds>` skips the start.
 * The last stdout line is JSON: {turns, cpuMsPerTurn, steps: {name: ms per turn}, backend}.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { buildApp } from '../src/app.js';
import { configWith } from '../src/config.js';
import { parseDialogueCases } from '../src/dialogue/evaluation/dialogue-cases.js';
import { ANSWER_PIPELINE } from '../src/dialogue/pipeline/answer-pipeline.js';
import { fromProjectRoot } from '../src/project-root.js';
import type { Lang } from '../src/language.js';
import type { Database } from '../src/storage/database.js';
import { PgliteDatabase } from '../src/storage/pglite-database.js';
import { PostgresDatabase } from '../src/storage/postgres-database.js';
import { SCRIPTS, scriptInput, type ScriptTurn } from './support/dialogue-scripts.js';
import { createScratchDatabase } from './support/scratch-postgres.js';

const { values: flags } = parseArgs({
  options: {
    rounds: { type: 'string' },
    backend: { type: 'string' },
    dump: { type: 'string' },
    files: { type: 'string' },
    database: { type: 'string' },
  },
});
const rounds = Number(flags.rounds ?? 5);
const backend = flags.backend ?? 'postgres';
if (!(rounds > 0)) throw new Error('--rounds must be positive');
if (backend !== 'postgres' && backend !== 'pglite') throw new Error(`unknown backend ${backend}`);

const fixtures = fromProjectRoot('test', 'fixtures');
const files = flags.files
  ? flags.files.split(',')
  : readdirSync(fixtures)
      .filter((name) => /^conversations-.*fit.*\.jsonl$/.test(name) && !name.includes('-check'))
      .filter((name) => !/lead|holdout|eval-dev|eval-sample/.test(name))
      .sort()
      .map((name) => `${fixtures}/${name}`);
const conversations: Array<{ lang: Lang; turns: ScriptTurn[] }> = [
  ...SCRIPTS,
  ...files.flatMap((file) =>
    parseDialogueCases(readFileSync(file, 'utf8'), file).map(({ value }) => ({
      lang: value.lang,
      turns: value.turns.map((turn) => turn.text),
    })),
  ),
];

// CPU per pipeline step: each step's run wrapped (concurrency 1, so a step's await is its own work).
const stepMicros = new Map<string, number>();
let measuring = false;
for (const step of ANSWER_PIPELINE) {
  const run = step.run;
  step.run = async (context) => {
    const before = measuring ? process.cpuUsage() : undefined;
    await run(context);
    if (before) {
      const used = process.cpuUsage(before);
      stepMicros.set(step.name, (stepMicros.get(step.name) ?? 0) + used.user + used.system);
    }
  };
}

async function openBackend(): Promise<{ database: Database; dispose(): Promise<void> }> {
  if (backend === 'pglite') {
    const database = await PgliteDatabase.open();
    return { database, dispose: () => database.close() };
  }
  const scratch = await createScratchDatabase('turn_cpu', undefined, flags.database);
  const database = await PostgresDatabase.open({ connectionString: scratch.url, poolMax: 4 });
  return {
    database,
    dispose: async () => {
      await database.close();
      await scratch.drop();
    },
  };
}

const VOLATILE = new Set(['id', 'conversationId', 'createdAt', 'timings', 'tookMs', 'clientMsgId', 'ms']);
const stable = (value: unknown): unknown =>
  JSON.parse(JSON.stringify(value, (key, inner: unknown) => (VOLATILE.has(key) ? undefined : inner)));

const { database, dispose } = await openBackend();
const app = await buildApp(configWith({ LOG_LEVEL: 'silent', HANDOFF_OFFICE_HOURS: 'always' }), {
  database,
  logger: false,
});
const dumped: string[] = [];
try {
  await app.ready();
  const play = async (dump: boolean): Promise<{ turns: number; micros: number }> => {
    let turns = 0;
    let micros = 0;
    for (const [index, script] of conversations.entries()) {
      const { conversation } = await app.dialogue.startConversation({ lang: script.lang, channel: 'api' });
      let suggestions: Array<{ value: string }> = [];
      for (const turn of script.turns) {
        const input = scriptInput(turn, suggestions);
        const before = process.cpuUsage();
        const result = await app.dialogue.handle(conversation.id, input);
        const used = process.cpuUsage(before);
        micros += used.user + used.system;
        turns += 1;
        suggestions = result.messages.at(-1)?.suggestions ?? [];
        if (dump)
          dumped.push(JSON.stringify({ conversation: index, input: stable(input), result: stable(result) }));
      }
    }
    return { turns, micros };
  };

  await play(Boolean(flags.dump));
  if (flags.dump) writeFileSync(flags.dump, dumped.join('\n') + '\n');
  // Not kept while measuring: a larger heap would cost the measured turns more garbage collection.
  dumped.length = 0;
  measuring = true;
  let turns = 0;
  let micros = 0;
  for (let round = 0; round < rounds; round++) {
    const played = await play(false);
    turns += played.turns;
    micros += played.micros;
  }
  const perTurn = (value: number) => Math.round(value / turns) / 1000;
  const pipelineMicros = [...stepMicros.values()].reduce((sum, value) => sum + value, 0);
  const steps: Record<string, number> = {};
  for (const [name, value] of stepMicros) steps[name] = perTurn(value);
  steps['storage and rest'] = perTurn(micros - pipelineMicros);
  console.log(`${backend}: ${turns} turns (${conversations.length} conversations × ${rounds})`);
  console.log(`CPU per turn: ${perTurn(micros).toFixed(3)} ms`);
  for (const [name, value] of Object.entries(steps))
    console.log(`  ${name.padEnd(18)} ${value.toFixed(3)} ms`);
  console.log(JSON.stringify({ turns, cpuMsPerTurn: perTurn(micros), steps, backend }));
} finally {
  await app.close();
  await dispose();
}
