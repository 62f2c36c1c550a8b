/**
 * `tsx scripts/cpu-profile-summary.ts <file.cpuprofile> [top] [skipSeconds]` — where a V8 CPU profile
 * (node --cpu-prof, e.g. from `BENCH_CPU_PROF=1 npm run bench:ws`) spends its time: self time by function
 * and by file (project files by path, dependencies by package), as a share of the sampled time, idle
 * excluded. `skipSeconds` leaves out the start (module loading, ingestion) to see only the load.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const ProfileSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
    }),
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

const [file, topArgument, skipArgument] = process.argv.slice(2);
if (!file) throw new Error('usage: tsx scripts/cpu-profile-summary.ts <file.cpuprofile> [top] [skipSeconds]');
const top = Number(topArgument ?? 25);
const skipUs = Number(skipArgument ?? 0) * 1e6;
const profile = ProfileSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
const nodes = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));

/** A dependency by its package name, a project file by its path from the project root. */
function place(url: string): string {
  if (!url) return '(native / V8)';
  const dependency = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (dependency) return `dep:${dependency[1]}`;
  const project = /\/(src|bench|test)\/(.*)$/.exec(url);
  if (project) return `${project[1]}/${project[2]}`;
  return url.replace(/^file:\/\//, '').replace(/^node:/, 'node:');
}

const byFunction = new Map<string, number>();
const byPlace = new Map<string, number>();
let busyUs = 0;
let idleUs = 0;
let elapsedUs = 0;
profile.samples.forEach((id, index) => {
  const frame = nodes.get(id);
  const us = profile.timeDeltas[index] ?? 0;
  elapsedUs += us;
  if (!frame || elapsedUs < skipUs) return;
  if (frame.functionName === '(idle)' || frame.functionName === '(program)') {
    idleUs += us;
    return;
  }
  busyUs += us;
  const where = place(frame.url);
  const name = `${frame.functionName || '(anonymous)'}  ${where}:${frame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + us);
  byPlace.set(where, (byPlace.get(where) ?? 0) + us);
});

const print = (title: string, figures: Map<string, number>) => {
  console.log(`\n${title}`);
  for (const [name, us] of [...figures].sort((a, b) => b[1] - a[1]).slice(0, top)) {
    console.log(
      `${((us / busyUs) * 100).toFixed(1).padStart(5)} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}`,
    );
  }
};
console.log(
  `busy ${(busyUs / 1e6).toFixed(1)} s, idle or unattributed ${(idleUs / 1e6).toFixed(1)} s (shares below are of busy time)`,
);
print('self time by file or package', byPlace);
print('self time by function', byFunction);
