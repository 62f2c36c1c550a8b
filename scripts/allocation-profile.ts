/**
 * `npx tsx scripts/allocation-profile.ts [--file <conversations.jsonl>] [--rounds N] [--top N]`
 *
 * What a dialogue turn allocates, by file and by function: plays labelled conversations (default
 * test/fixtures/conversations-fit.jsonl, once to warm up, then `rounds` times measured) through
 * `app.dialogue.handle` on a scratch PostgreSQL database (BENCH_DATABASE_URL, as the benchmarks), with
 * V8's sampling heap profiler counting the objects garbage collection has already taken too — so the
 * figures are bytes allocated per turn, the garbage a turn leaves for the collector, not what stays live.
 * A CPU profile shows where time goes; this shows why the garbage collector runs (docs/performance.md,
 * seventh step). Sampled: figures under ~5 KB a turn are noise.
 */
import { readFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { createScratchDatabase } from '../bench/support/scratch-postgres.js';
import { buildApp } from '../src/app.js';
import { configWith } from '../src/config.js';
import { parseDialogueCases } from '../src/dialogue/evaluation/dialogue-cases.js';
import { fromProjectRoot } from '../src/project-root.js';
import { PostgresDatabase } from '../src/storage/postgres-database.js';

const { values: flags } = parseArgs({
  options: { file: { type: 'string' }, rounds: { type: 'string' }, top: { type: 'string' } },
});
const file = flags.file ?? fromProjectRoot('test', 'fixtures', 'conversations-fit.jsonl');
const rounds = Number(flags.rounds ?? 2);
const top = Number(flags.top ?? 30);
if (!(rounds > 0) || !(top > 0)) throw new Error('--rounds and --top must be positive');

interface SamplingNode {
  callFrame: { functionName: string; url: string };
  selfSize: number;
  children: SamplingNode[];
}

const conversations = parseDialogueCases(readFileSync(file, 'utf8'), file).map(({ value }) => value);
const scratch = await createScratchDatabase('allocation');
const database = await PostgresDatabase.open({ connectionString: scratch.url, poolMax: 10 });
const app = await buildApp(configWith({ LOG_LEVEL: 'silent', HANDOFF_OFFICE_HOURS: 'always' }), {
  database,
  logger: false,
});
try {
  await app.ready();
  await play(1);
  const session = new Session();
  session.connect();
  await session.post('HeapProfiler.startSampling', {
    samplingInterval: 4096,
    includeObjectsCollectedByMajorGC: true,
    includeObjectsCollectedByMinorGC: true,
  });
  const cpuBefore = process.cpuUsage();
  const turns = await play(rounds);
  const cpu = process.cpuUsage(cpuBefore);
  const { profile } = await session.post('HeapProfiler.stopSampling');
  session.disconnect();

  const byFunction = new Map<string, number>();
  const byFile = new Map<string, number>();
  let total = 0;
  const visit = (node: SamplingNode) => {
    const { functionName, url } = node.callFrame;
    const place = placeOf(url);
    total += node.selfSize;
    // No line numbers: under tsx they are the compiled module's, not the source's.
    add(byFunction, `${functionName || '(anonymous)'}  ${place}`, node.selfSize);
    add(byFile, place.startsWith('dep:') ? place.split('/')[0]! : place, node.selfSize);
    for (const child of node.children) visit(child);
  };
  visit(profile.head as SamplingNode);

  const perTurn = (bytes: number) => `${(bytes / turns / 1024).toFixed(1).padStart(8)} KB`;
  console.log(
    `${turns} turns: ${perTurn(total).trim()} allocated per turn, ` +
      `${((cpu.user + cpu.system) / 1000 / turns).toFixed(2)} ms CPU per turn (profiler included)`,
  );
  console.log('\nby file or package');
  for (const [name, bytes] of largest(byFile, top)) console.log(`${perTurn(bytes)}  ${name}`);
  console.log('\nby function');
  for (const [name, bytes] of largest(byFunction, top)) console.log(`${perTurn(bytes)}  ${name}`);
} finally {
  await app.close();
  await scratch.drop();
}

/** Plays every conversation `times` times, each as a new conversation; returns the number of turns. */
async function play(times: number): Promise<number> {
  let turns = 0;
  for (let round = 0; round < times; round++) {
    for (const conversation of conversations) {
      const started = await app.dialogue.startConversation({ lang: conversation.lang, channel: 'api' });
      for (const turn of conversation.turns) {
        await app.dialogue.handle(started.conversation.id, { text: turn.text });
        turns += 1;
      }
    }
  }
  return turns;
}

/** A project file by its path from the project root, a dependency as `dep:<package>/…`. */
function placeOf(url: string): string {
  if (!url) return '(native / V8)';
  const path = url.replace(/^file:\/\//, '');
  const dependency = path.lastIndexOf('node_modules/');
  if (dependency >= 0) return `dep:${path.slice(dependency + 'node_modules/'.length)}`;
  return path.startsWith(fromProjectRoot()) ? path.slice(fromProjectRoot().length + 1) : path;
}

function add(totals: Map<string, number>, key: string, bytes: number): void {
  totals.set(key, (totals.get(key) ?? 0) + bytes);
}

function largest(totals: Map<string, number>, count: number): Array<[string, number]> {
  return [...totals].sort((a, b) => b[1] - a[1]).slice(0, count);
}
