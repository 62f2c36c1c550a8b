/**
 * `npm run bench:ws` — N concurrent WebSocket citizens against one service instance started as a separate
 * process (so the clients and the server do not share an event loop). Each citizen holds a conversation
 * and asks realistic questions; the load is a target rate of questions per second over all citizens.
 *
 * Prints connections held, questions/s, answer latency (question sent → the bot's answer received)
 * p50/p95/p99, the server's RSS, and lost/duplicated messages, checked against a full replay of every
 * conversation from storage at the end. The last stdout line is JSON:
 *   {connections, msgsPerSec, p50Ms, p95Ms, p99Ms, rssMb, lost, duplicated}
 *
 * Settings (flags or environment):
 *   --connections / BENCH_WS_CONNECTIONS   citizens (default 2000)
 *   --rate        / BENCH_WS_RATE          questions per second over all citizens (default 200)
 *   --duration    / BENCH_WS_DURATION_S    measured seconds (default 30), after --warmup seconds (default 5)
 *   --backend     / BENCH_WS_BACKEND       postgres (default) | pglite
 *   BENCH_DATABASE_URL                     PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres);
 *                                          a scratch database is created on it and dropped afterwards
 *   BENCH_CPU_PROF=1                       profile the server (--cpu-prof) into .tmp/bench-ws-profile/
 *   BENCH_PG_SYNCHRONOUS_COMMIT=off        diagnosis only: the scratch database commits without waiting for
 *                                          the WAL flush, to see how much of the latency is disk fsync
 *   BENCH_LOG_LEVEL                        the server's LOG_LEVEL (default warn)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { percentile } from '../src/metrics/percentile.js';
import { fromProjectRoot } from '../src/project-root.js';
import { createScratchDatabase } from './support/scratch-postgres.js';

// ------------------------------------------------------------------------------------------- settings

const { values: flags } = parseArgs({
  options: {
    connections: { type: 'string' },
    rate: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    backend: { type: 'string' },
  },
});
const number = (flag: string | undefined, env: string | undefined, fallback: number) => {
  const value = Number(flag ?? env ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`not a positive number: ${flag ?? env}`);
  return value;
};
const settings = {
  connections: Math.round(number(flags.connections, process.env.BENCH_WS_CONNECTIONS, 2000)),
  rate: number(flags.rate, process.env.BENCH_WS_RATE, 200),
  durationS: number(flags.duration, process.env.BENCH_WS_DURATION_S, 30),
  warmupS: Number(flags.warmup ?? process.env.BENCH_WS_WARMUP_S ?? 5),
  backend: (flags.backend ?? process.env.BENCH_WS_BACKEND ?? 'postgres') as 'postgres' | 'pglite',
  databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  cpuProfile: process.env.BENCH_CPU_PROF === '1',
  logLevel: process.env.BENCH_LOG_LEVEL ?? 'warn',
  synchronousCommitOff: process.env.BENCH_PG_SYNCHRONOUS_COMMIT === 'off',
};
if (settings.backend !== 'postgres' && settings.backend !== 'pglite') {
  throw new Error('--backend must be postgres or pglite');
}

/** What citizens of Cluj-Napoca ask, in the three languages, with the typos and shorthand of real chats. */
const QUESTIONS = [
  'cum îmi fac buletinul?',
  'ce acte trebuie pentru cartea de identitate?',
  'mi-a expirat buletinul, ce fac?',
  'cât costă certificatul de urbanism?',
  'ce documente trebuie pentru autorizatia de construire',
  'cum plătesc impozitul pe casă online?',
  'până când se plătește impozitul pe clădiri?',
  'vreau să mă căsătoresc, unde depun actele?',
  'cum înregistrez nașterea copilului?',
  'cum declar un deces?',
  'unde se face pașaportul în Cluj?',
  'cât costă abonamentul de parcare rezidențială?',
  'am primit o amendă, cum o pot contesta?',
  'cum obțin ajutorul pentru încălzire?',
  'ce trebuie pentru alocația copilului?',
  'cum cer un loc de veci?',
  'vreau să tai un copac din curte, îmi trebuie aviz?',
  'cum obțin certificatul de atestare fiscală?',
  'cum scot mașina din evidența fiscală?',
  'care e programul la evidența persoanelor?',
  'how do I renew my identity card?',
  'what documents do I need for a building permit?',
  'how can I pay my property tax online?',
  'where do I register a birth?',
  'how much is a residential parking permit?',
  'hogyan igényelhetek személyi igazolványt?',
  'mennyibe kerül az építési engedély?',
  'hol fizethetem be az ingatlanadót?',
  'vreau să vorbesc despre o petiție',
  'ce program are primăria?',
];

// --------------------------------------------------------------------------------------------- server

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error()),
      );
    });
  });
}

async function scratchDatabase(): Promise<{ env: Record<string, string>; drop: () => Promise<void> }> {
  if (settings.backend === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'antonia-bench-ws-'));
    return {
      env: { DATA_DIR: dataDir },
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const scratch = await createScratchDatabase('ws', settings.databaseUrl);
  if (settings.synchronousCommitOff) {
    log('DIAGNOSIS: synchronous_commit = off on the scratch database (not how the service runs)');
    await scratch.admin(`ALTER DATABASE ${scratch.name} SET synchronous_commit = off`);
  }
  return { env: { DATABASE_URL: scratch.url }, drop: scratch.drop };
}

interface Service {
  child: ChildProcess;
  port: number;
  stop: () => Promise<void>;
}

async function startService(databaseEnv: Record<string, string>): Promise<Service> {
  const port = await freePort();
  const profileDir = fromProjectRoot('.tmp', 'bench-ws-profile');
  if (settings.cpuProfile) mkdirSync(profileDir, { recursive: true });
  const child = spawn(
    process.execPath,
    [
      ...(settings.cpuProfile ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
      '--import',
      'tsx',
      fromProjectRoot('src/server.ts'),
    ],
    {
      cwd: fromProjectRoot(),
      env: {
        PATH: process.env.PATH ?? '',
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: settings.logLevel,
        // Every bench citizen comes from 127.0.0.1: lift the per-IP limits (per-connection ones stay).
        WS_MAX_CONNECTIONS_PER_IP: String(settings.connections * 3),
        WS_IP_MESSAGES_PER_MINUTE: '1000000',
        WS_MESSAGES_PER_MINUTE: '600',
        // Each bench socket starts a conversation: lift the creation limits too (per IP, and per instance).
        API_RATE_LIMIT_PER_MINUTE: '1000000',
        CONVERSATIONS_PER_MINUTE: '1000000',
        ...databaseEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout?.on('data', (chunk) => (output = (output + String(chunk)).slice(-20_000)));
  child.stderr?.on('data', (chunk) => (output = (output + String(chunk)).slice(-20_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let exitCode: number | null | undefined;
  child.once('exit', (code) => (exitCode = code));
  const started = Date.now();
  for (;;) {
    if (exitCode !== undefined) throw new Error(`service exited with ${exitCode}:\n${output}`);
    if (Date.now() - started > 300_000) {
      child.kill('SIGKILL');
      throw new Error(`service not ready after 300 s:\n${output}`);
    }
    const ready = await fetch(`http://127.0.0.1:${port}/ready`).then(
      (response) => response.status === 200,
      () => false,
    );
    if (ready) break;
    await sleep(250);
  }
  log(
    `service ready in ${((Date.now() - started) / 1000).toFixed(1)} s (pid ${child.pid}, ${settings.backend})`,
  );
  return {
    child,
    port,
    stop: async () => {
      if (exitCode === undefined) child.kill('SIGTERM');
      await exited;
    },
  };
}

/** CPU seconds (user + system) a process has used, from /proc (Linux). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
  } catch {
    return 0;
  }
}

/** Resident set size of a process, from /proc (Linux). */
function rssMb(pid: number): number {
  try {
    const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) / 1024 : 0;
  } catch {
    return 0;
  }
}

// ------------------------------------------------------------------------------------------- citizens

let errorFrames = 0;

interface ReceivedMessage {
  seq: number;
  from: string;
  clientMsgId: string | null;
}

/** One citizen: a socket, its conversation, and what it received. Asks one question at a time. */
class Citizen {
  socket!: WebSocket;
  conversationId = '';
  token = '';
  open = false;
  /** Every seq received, in order, with repeats if any (there must be none). */
  readonly seqs: number[] = [];
  readonly asked = new Set<string>();
  readonly acked = new Map<string, number>();
  duplicateAcks = 0;
  private question: { clientMsgId: string; sentAt: number; seq?: number; measured: boolean } | undefined;

  constructor(
    private readonly url: string,
    private readonly onAnswer: (latencyMs: number, measured: boolean) => void,
  ) {}

  get busy(): boolean {
    return this.question !== undefined;
  }

  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.url, { perMessageDeflate: false });
      this.socket = socket;
      socket.once('open', () => socket.send(JSON.stringify({ type: 'hello', v: 1, lang: 'ro' })));
      socket.on('message', (data) => {
        const frame = JSON.parse(String(data));
        if (frame.type === 'welcome') {
          this.conversationId = frame.conversationId;
          this.token = frame.token;
          this.open = true;
          resolve();
        } else this.receive(frame);
      });
      socket.once('error', reject);
      socket.once('close', (code) => {
        if (!this.open) reject(new Error(`closed with ${code} before welcome`));
        this.open = false;
      });
    });
  }

  ask(text: string, measured: boolean): void {
    const clientMsgId = randomUUID();
    this.asked.add(clientMsgId);
    this.question = { clientMsgId, sentAt: performance.now(), measured };
    this.socket.send(JSON.stringify({ type: 'message', clientMsgId, text }));
  }

  private receive(frame: { type: string } & Record<string, unknown>): void {
    if (frame.type === 'message') {
      const message = frame as unknown as ReceivedMessage;
      this.seqs.push(message.seq);
      const question = this.question;
      if (!question) return;
      if (message.from === 'citizen' && message.clientMsgId === question.clientMsgId)
        question.seq = message.seq;
      else if (message.from !== 'citizen' && question.seq !== undefined && message.seq > question.seq) {
        this.answered(question);
      }
    } else if (frame.type === 'ack') {
      const clientMsgId = String(frame.clientMsgId);
      if (this.acked.has(clientMsgId)) this.duplicateAcks += 1;
      this.acked.set(clientMsgId, Number(frame.seq));
      // No answer (e.g. a clerk has the chat): the ack closes the turn.
      if (this.question?.clientMsgId === clientMsgId) this.answered(this.question);
    } else if (frame.type === 'error') {
      errorFrames += 1;
      if (errorFrames <= 5) log(`error frame: ${JSON.stringify(frame)}`);
      // The question failed (it counts as lost unless storage has it and it was acked): free the citizen.
      if (this.question?.clientMsgId === frame.ref) this.question = undefined;
    }
  }

  private answered(question: NonNullable<Citizen['question']>): void {
    if (this.question !== question) return;
    this.question = undefined;
    this.onAnswer(performance.now() - question.sentAt, question.measured);
  }
}

/** Replays a conversation from seq 1 on a fresh socket: what storage holds. */
async function replay(url: string, citizen: Citizen): Promise<ReceivedMessage[]> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { perMessageDeflate: false });
    const messages: ReceivedMessage[] = [];
    let last = -1;
    const timer = setTimeout(() => reject(new Error('replay timed out')), 60_000);
    socket.once('open', () =>
      socket.send(
        JSON.stringify({ type: 'hello', v: 1, token: citizen.token, conversationId: citizen.conversationId }),
      ),
    );
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data));
      if (frame.type === 'welcome') last = frame.seq;
      if (frame.type === 'message') messages.push(frame);
      if (last >= 0 && messages.length >= last) {
        clearTimeout(timer);
        socket.close();
        resolve(messages);
      }
    });
    socket.once('error', reject);
  });
}

// ------------------------------------------------------------------------------------------------ run

function log(line: string): void {
  process.stderr.write(`${line}\n`);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) {
    await Promise.all(items.slice(start, start + size).map(work));
  }
}

async function main(): Promise<void> {
  log(
    `bench:ws — ${settings.connections} citizens, ${settings.rate} questions/s, ` +
      `${settings.warmupS} s warm-up + ${settings.durationS} s measured, ${settings.backend}`,
  );
  const database = await scratchDatabase();
  let service: Service | undefined;
  try {
    service = await startService(database.env);
    const url = `ws://127.0.0.1:${service.port}/ws/chat`;
    const latencies: number[] = [];
    let answeredMeasured = 0;
    const citizens = Array.from(
      { length: settings.connections },
      () =>
        new Citizen(url, (latency, measured) => {
          if (!measured) return;
          latencies.push(latency);
          answeredMeasured += 1;
        }),
    );

    const connectStart = Date.now();
    await inBatches(citizens, 100, (citizen) => citizen.connect());
    log(`${citizens.length} citizens connected in ${((Date.now() - connectStart) / 1000).toFixed(1)} s`);

    // Load: a fixed rate of questions, each from a citizen who is not waiting for an answer.
    let skipped = 0;
    let sent = 0;
    let rssPeak = 0;
    const loadStart = performance.now();
    let serverCpuAtWarmupEnd = 0;
    let clientCpuAtWarmupEnd = process.cpuUsage();
    const warmupEnd = loadStart + settings.warmupS * 1000;
    const loadEnd = warmupEnd + settings.durationS * 1000;
    let due = 0;
    let previous = loadStart;
    let next = 0;
    while (performance.now() < loadEnd) {
      await sleep(10);
      const now = performance.now();
      due += ((now - previous) / 1000) * settings.rate;
      previous = now;
      const measured = now >= warmupEnd;
      if (measured && serverCpuAtWarmupEnd === 0) {
        serverCpuAtWarmupEnd = cpuSeconds(service.child.pid!);
        clientCpuAtWarmupEnd = process.cpuUsage();
      }
      while (due >= 1) {
        due -= 1;
        let citizen: Citizen | undefined;
        for (let tries = 0; tries < citizens.length && !citizen; tries += 1) {
          const candidate = citizens[next];
          next = (next + 1) % citizens.length;
          if (candidate.open && !candidate.busy) citizen = candidate;
        }
        if (!citizen) {
          skipped += 1;
          continue;
        }
        citizen.ask(QUESTIONS[Math.floor(Math.random() * QUESTIONS.length)], measured);
        if (measured) sent += 1;
      }
      rssPeak = Math.max(rssPeak, rssMb(service.child.pid!));
    }
    const measuredSeconds = settings.durationS;
    const serverCpu = (cpuSeconds(service.child.pid!) - serverCpuAtWarmupEnd) / measuredSeconds;
    const clientUsage = process.cpuUsage(clientCpuAtWarmupEnd);
    const clientCpu = (clientUsage.user + clientUsage.system) / 1e6 / measuredSeconds;
    // Let the last answers arrive.
    const drainStart = Date.now();
    while (citizens.some((citizen) => citizen.busy) && Date.now() - drainStart < 30_000) await sleep(50);
    const unanswered = citizens.filter((citizen) => citizen.busy).length;
    const rssEnd = rssMb(service.child.pid!);
    const held = citizens.filter((citizen) => citizen.open).length;

    // Check: every stored message reached its citizen's socket exactly once, in order.
    // Counted once each: a question never stored or never acked, and a stored message a socket missed.
    let lost = 0;
    let duplicated = 0;
    let outOfOrder = 0;
    let stored = 0;
    await inBatches(citizens, 50, async (citizen) => {
      const fromStorage = await replay(url, citizen);
      stored += fromStorage.length;
      const live = new Set(citizen.seqs);
      duplicated += citizen.seqs.length - live.size + citizen.duplicateAcks;
      lost += fromStorage.filter((message) => !live.has(message.seq)).length;
      outOfOrder += citizen.seqs.filter((seq, index) => index > 0 && seq <= citizen.seqs[index - 1]).length;
      const copies = new Map<string, number>();
      for (const message of fromStorage) {
        if (message.clientMsgId) copies.set(message.clientMsgId, (copies.get(message.clientMsgId) ?? 0) + 1);
      }
      for (const clientMsgId of citizen.asked) {
        const count = copies.get(clientMsgId) ?? 0;
        if (count === 0 || !citizen.acked.has(clientMsgId)) lost += 1;
        if (count > 1) duplicated += count - 1;
      }
    });

    const sorted = [...latencies].sort((a, b) => a - b);
    const result = {
      connections: held,
      msgsPerSec: Math.round((answeredMeasured / measuredSeconds) * 10) / 10,
      p50Ms: Math.round(percentile(sorted, 50) * 10) / 10,
      p95Ms: Math.round(percentile(sorted, 95) * 10) / 10,
      p99Ms: Math.round(percentile(sorted, 99) * 10) / 10,
      rssMb: Math.round(Math.max(rssPeak, rssEnd)),
      lost,
      duplicated,
    };
    console.log(`connections held      ${held} / ${settings.connections}`);
    console.log(
      `questions sent        ${sent} in ${measuredSeconds} s (target ${settings.rate}/s; ${skipped} skipped: every citizen busy)`,
    );
    console.log(`answered per second   ${result.msgsPerSec}`);
    console.log(
      `answer latency        p50 ${result.p50Ms} ms, p95 ${result.p95Ms} ms, p99 ${result.p99Ms} ms, max ${Math.round(sorted.at(-1) ?? 0)} ms`,
    );
    console.log(
      `CPU while measured    server ${Math.round(serverCpu * 100)} % of a core, ` +
        `bench clients ${Math.round(clientCpu * 100)} %, load average ${loadavg()[0].toFixed(1)} (2 cores)`,
    );
    console.log(`server RSS            ${result.rssMb} MB (peak), ${Math.round(rssEnd)} MB at the end`);
    console.log(`messages stored       ${stored}, checked against every socket`);
    console.log(
      `lost ${lost}, duplicated ${duplicated}, out of order ${outOfOrder}, ` +
        `unanswered at the end ${unanswered}, error frames ${errorFrames}`,
    );
    for (const citizen of citizens) citizen.socket.close();
    console.log(JSON.stringify(result));
    if (outOfOrder > 0) process.exitCode = 1;
  } finally {
    await service?.stop();
    await database.drop();
  }
}

await main();
