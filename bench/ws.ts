/**
 * `npm run bench:ws` — N concurrent WebSocket citizens against one service instance started as a separate
 * process (so the clients and the server do not share an event loop). Each citizen holds a conversation
 * and asks realistic questions; the load is a target rate of questions per second over all citizens.
 *
 * Prints connections held, questions/s, answer latency (question sent → the bot's answer received)
 * p50/p95/p99, the server's RSS and CPU per answer (and this process's own: the simulated citizens share
 * the machine), the database round trips and transactions per answer
 * (counted by the service's storage layer), PostgreSQL's backend CPU and commits per answer, and
 * lost/duplicated messages, checked against a full replay of every conversation from storage at the end.
 *
 * `--sweep` steps the rate (default 100,200,300,400,500,600/s, 20 s each) over the same citizens and
 * service, and stops early once a step is clearly past the knee (p99 over 4 × 250 ms, or fewer than 85 % of
 * the questions answered). Per step, lost/duplicated are what the sockets saw live (a question with no
 * answer after the drain, an error frame, a seq received twice); the replay from storage checks the whole
 * run at the end. The last stdout line is JSON:
 *   single: {connections, msgsPerSec, p50Ms, p95Ms, p99Ms, rssMb, lost, duplicated, ...costs}
 *   sweep:  {kneeQps, backend, connections, rssMb, lost, duplicated, steps: [{rate, msgsPerSec, p50Ms, ...}]}
 *
 * The service is the compiled build (`npm run build`, run first by `prebench:ws`), as `npm start` runs it.
 *
 * Settings (flags or environment):
 *   --connections / BENCH_WS_CONNECTIONS   citizens (default 2000)
 *   --rate        / BENCH_WS_RATE          questions per second over all citizens (default 200)
 *   --duration    / BENCH_WS_DURATION_S    measured seconds (default 30; 20 per step in a sweep), after
 *   --warmup      / BENCH_WS_WARMUP_S      unmeasured seconds (default 5; 2 per step in a sweep)
 *   --sweep                                step the rate (see above)
 *   --rates       / BENCH_WS_RATES         the sweep's rates, comma-separated (default 100,200,300,400,500,600)
 *   --backend     / BENCH_WS_BACKEND       postgres (default) | pglite
 *   --workers     / BENCH_SERVICE_WORKERS  the service's SERVICE_WORKERS (default 1; more needs postgres):
 *                                          CPU, RSS and PSS are then summed over its processes
 *   BENCH_DATABASE_URL                     PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres);
 *                                          a scratch database is created on it and dropped afterwards
 *   BENCH_SCRATCH_DATABASE                 the scratch database's name (default antonia_bench_ws_<random>);
 *                                          on a shared server, the one name you may use (re-created)
 *   BENCH_CPU_PROF=1                       profile the server (--cpu-prof) into .tmp/bench-ws-profile/
 *   BENCH_NODE_OPTIONS                     NODE_OPTIONS for the server (e.g. --max-semi-space-size=32), to
 *                                          compare V8 settings on the same build
 *   BENCH_PG_SYNCHRONOUS_COMMIT=off        diagnosis only: the scratch database commits without waiting for
 *                                          the WAL flush, to see how much of the latency is disk fsync
 *   BENCH_LOG_LEVEL                        the server's LOG_LEVEL (default warn)
 *   BENCH_SERVICE_OUTPUT                   a file to append the server's stdout and stderr to (diagnosis)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { percentile } from '../src/metrics/percentile.js';
import { fromProjectRoot } from '../src/project-root.js';
import { createScratchDatabase } from './support/scratch-postgres.js';
import {
  cpuSeconds,
  PostgresWatch,
  processTree,
  pssMb,
  rssMb,
  serviceDatabaseStats,
  statementDelta,
} from './support/turn-costs.js';

// ------------------------------------------------------------------------------------------- settings

const { values: flags } = parseArgs({
  options: {
    connections: { type: 'string' },
    rate: { type: 'string' },
    duration: { type: 'string' },
    warmup: { type: 'string' },
    backend: { type: 'string' },
    sweep: { type: 'boolean' },
    workers: { type: 'string' },
    rates: { type: 'string' },
  },
});
const number = (flag: string | undefined, env: string | undefined, fallback: number) => {
  const value = Number(flag ?? env ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`not a positive number: ${flag ?? env}`);
  return value;
};
const sweep = flags.sweep === true;
const rates = (flags.rates ?? process.env.BENCH_WS_RATES ?? '100,200,300,400,500,600')
  .split(',')
  .map((rate) => number(rate.trim(), undefined, 0));
const settings = {
  connections: Math.round(number(flags.connections, process.env.BENCH_WS_CONNECTIONS, 2000)),
  rate: number(flags.rate, process.env.BENCH_WS_RATE, 200),
  durationS: number(flags.duration, process.env.BENCH_WS_DURATION_S, sweep ? 20 : 30),
  warmupS: Number(flags.warmup ?? process.env.BENCH_WS_WARMUP_S ?? (sweep ? 2 : 5)),
  scratchName: process.env.BENCH_SCRATCH_DATABASE,
  backend: (flags.backend ?? process.env.BENCH_WS_BACKEND ?? 'postgres') as 'postgres' | 'pglite',
  databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  cpuProfile: process.env.BENCH_CPU_PROF === '1',
  logLevel: process.env.BENCH_LOG_LEVEL ?? 'warn',
  synchronousCommitOff: process.env.BENCH_PG_SYNCHRONOUS_COMMIT === 'off',
  workers: Math.round(number(flags.workers, process.env.BENCH_SERVICE_WORKERS, 1)),
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

async function scratchDatabase(): Promise<{
  env: Record<string, string>;
  drop: () => Promise<void>;
  postgres?: { url: string; name: string };
}> {
  if (settings.backend === 'pglite') {
    const dataDir = mkdtempSync(join(tmpdir(), 'antonia-bench-ws-'));
    return {
      env: { DATA_DIR: dataDir },
      drop: async () => rmSync(dataDir, { recursive: true, force: true }),
    };
  }
  const scratch = await createScratchDatabase('ws', settings.databaseUrl, settings.scratchName);
  if (settings.synchronousCommitOff) {
    log('DIAGNOSIS: synchronous_commit = off on the scratch database (not how the service runs)');
    await scratch.admin(`ALTER DATABASE ${scratch.name} SET synchronous_commit = off`);
  }
  return { env: { DATABASE_URL: scratch.url }, drop: scratch.drop, postgres: scratch };
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
      // What `npm start` runs: the compiled build (`prebench:ws` builds it). Under tsx the process held
      // ~110 MB more at rest (the loader, source maps, esbuild): not the service a city runs.
      fromProjectRoot('dist', 'src', 'server.js'),
    ],
    {
      cwd: fromProjectRoot(),
      env: {
        PATH: process.env.PATH ?? '',
        ...(process.env.BENCH_NODE_OPTIONS ? { NODE_OPTIONS: process.env.BENCH_NODE_OPTIONS } : {}),
        SERVICE_WORKERS: String(settings.workers),
        HOST: '127.0.0.1',
        PORT: String(port),
        LOG_LEVEL: settings.logLevel,
        // Every bench citizen comes from 127.0.0.1: lift the per-IP limits (per-connection ones stay).
        WS_MAX_CONNECTIONS_PER_IP: String(settings.connections * 3),
        WS_IP_MESSAGES_PER_MINUTE: '1000000',
        WS_MESSAGES_PER_MINUTE: '600',
        // Each bench socket starts a conversation: lift the creation limits too (per IP, and per instance).
        API_RATE_LIMIT_PER_MINUTE: '100000',
        CONVERSATIONS_PER_MINUTE: '1000000',
        // The storage layer's counters and per-statement timing, read over the IPC channel.
        ANTONIA_DB_STATS: '1',
        ...databaseEnv,
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    },
  );
  let output = '';
  // Diagnosis (e.g. with BENCH_NODE_OPTIONS=--trace-gc): the service's whole output, kept in a file.
  const outputFile = process.env.BENCH_SERVICE_OUTPUT;
  const keep = (chunk: Buffer) => {
    output = (output + String(chunk)).slice(-20_000);
    if (outputFile) appendFileSync(outputFile, chunk);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let exitCode: number | null | undefined;
  child.once('exit', (code) => (exitCode = code));
  // With workers, /ready answers as soon as the first one listens; node:cluster hands connections only
  // to workers that listen, so the sockets would all land on it. The primary says when all do.
  const allListening =
    settings.workers > 1
      ? new Promise<void>((resolve) =>
          child.on('message', (message: unknown) => {
            if ((message as { type?: unknown } | null)?.type === 'service-listening') resolve();
          }),
        )
      : Promise.resolve();
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
  await Promise.race([
    allListening,
    new Promise<never>((_, reject) =>
      setTimeout(
        () => reject(new Error(`not every service worker listened within 120 s:\n${output}`)),
        120_000,
      ).unref(),
    ),
  ]);
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

// ------------------------------------------------------------------------------------------- citizens

let errorFrames = 0;
/** Seqs a socket received a second time, as they happen (the replay at the end checks storage too). */
let liveDuplicates = 0;
/** Questions acknowledged (stored), abandoned ones included: the turns the service completed. */
let turnsAcked = 0;

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
  private readonly seen = new Set<number>();
  readonly asked = new Set<string>();
  readonly acked = new Map<string, number>();
  duplicateAcks = 0;
  /** `step`: the sweep step whose figures the answer counts in (null during a warm-up). */
  private question: { clientMsgId: string; sentAt: number; seq?: number; step: number | null } | undefined;

  constructor(
    private readonly url: string,
    private readonly onAnswer: (latencyMs: number, step: number | null) => void,
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

  ask(text: string, step: number | null): void {
    const clientMsgId = randomUUID();
    this.asked.add(clientMsgId);
    this.question = { clientMsgId, sentAt: performance.now(), step };
    this.socket.send(JSON.stringify({ type: 'message', clientMsgId, text }));
  }

  private receive(frame: { type: string } & Record<string, unknown>): void {
    if (frame.type === 'message') {
      const message = frame as unknown as ReceivedMessage;
      this.seqs.push(message.seq);
      if (this.seen.has(message.seq)) liveDuplicates += 1;
      this.seen.add(message.seq);
      const question = this.question;
      if (!question) return;
      if (message.from === 'citizen' && message.clientMsgId === question.clientMsgId)
        question.seq = message.seq;
      else if (message.from !== 'citizen' && question.seq !== undefined && message.seq > question.seq) {
        this.answered(question);
      }
    } else if (frame.type === 'ack') {
      const clientMsgId = String(frame.clientMsgId);
      if (this.acked.has(clientMsgId)) {
        this.duplicateAcks += 1;
        liveDuplicates += 1;
      } else turnsAcked += 1;
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

  /**
   * Gives up waiting for an answer after a step's drain (counted as lost in that step), so the citizen
   * asks again; its ack, if it comes, still counts in the storage check at the end.
   */
  abandon(): void {
    this.question = undefined;
  }

  private answered(question: NonNullable<Citizen['question']>): void {
    if (this.question !== question) return;
    this.question = undefined;
    this.onAnswer(performance.now() - question.sentAt, question.step);
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

/** p99 above which a step counts as past the knee (the issue's target), and when a sweep stops. */
const KNEE_P99_MS = 250;
const CLEARLY_PAST_P99_MS = 4 * KNEE_P99_MS;
const CLEARLY_PAST_ANSWERED = 0.85;

const round = (value: number, digits = 1) => Math.round(value * 10 ** digits) / 10 ** digits;

interface StepFigures {
  rate: number;
  sent: number;
  skipped: number;
  msgsPerSec: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  maxMs: number;
  /** Questions with no answer after the drain, plus error frames: what the sockets saw as lost. */
  lost: number;
  duplicated: number;
  serviceCpuPct: number;
  serviceCpuMsPerAnswer: number;
  /** This process's CPU (the 2,000 simulated citizens) per answer: it shares the machine with the service. */
  clientCpuMsPerAnswer: number;
  dbRoundTripsPerAnswer: number | null;
  dbTransactionsPerAnswer: number | null;
  /** The service's own time waiting on the database per answer (sum of statement round trips). */
  dbWaitMsPerAnswer: number | null;
  pgBackendCpuMsPerAnswer: number | null;
  pgCommitsPerAnswer: number | null;
  pgBlocksPerAnswer: number | null;
  /** Peak resident memory of the service's processes (summed: see `pssMb`). */
  rssMb: number;
  /** Peak proportional set size of the service's processes: shared pages counted once in all. */
  pssMb: number;
  loadAverage: number;
  topStatements: Array<{ statement: string; callsPerAnswer: number; msPerCall: number }>;
}

interface Run {
  service: Service;
  citizens: Citizen[];
  latencies: Map<number, number[]>;
  postgres: PostgresWatch | undefined;
}

/**
 * One rate for `warmupS` unmeasured then `durationS` measured seconds, then a drain (up to 30 s) so the
 * next step starts from an idle service. CPU % is over the measured window; costs per answer from idle to
 * idle.
 */
async function runStep(run: Run, step: number, rate: number): Promise<StepFigures> {
  const { service, citizens } = run;
  const pids = processTree(service.child.pid!);
  const latencies: number[] = [];
  run.latencies.set(step, latencies);
  let skipped = 0;
  let sent = 0;
  let rssPeak = 0;
  let pssPeak = 0;
  let pssSampledAt = 0;
  let measuring = false;
  // Costs per answer are taken from idle to idle (the previous step drained, this one too), over every
  // question answered in between: each counted turn is whole, and a slow reply to the bench's request
  // for the service's counters cannot shift the window.
  const serviceCpuAtStart = cpuSeconds(pids);
  const clientCpuAtStart = process.cpuUsage();
  const [dbAtStart, pgAtStart] = await Promise.all([
    serviceDatabaseStats(service.child),
    run.postgres?.sample(),
  ]);
  const turnsAtStart = turnsAcked;
  let serviceCpuAtWindow = 0;
  const errorsAtStart = errorFrames;
  const duplicatesAtStart = liveDuplicates;
  const loadStart = performance.now();
  const warmupEnd = loadStart + settings.warmupS * 1000;
  const loadEnd = warmupEnd + settings.durationS * 1000;
  let due = 0;
  let previous = loadStart;
  let next = 0;
  while (performance.now() < loadEnd) {
    await sleep(10);
    const now = performance.now();
    due += ((now - previous) / 1000) * rate;
    previous = now;
    if (!measuring && now >= warmupEnd) {
      measuring = true;
      serviceCpuAtWindow = cpuSeconds(pids);
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
      citizen.ask(QUESTIONS[Math.floor(Math.random() * QUESTIONS.length)], measuring ? step : null);
      if (measuring) sent += 1;
    }
    rssPeak = Math.max(rssPeak, rssMb(pids));
    // The kernel walks every page table for PSS: once a second is enough for a peak.
    if (now - pssSampledAt >= 1000) {
      pssSampledAt = now;
      pssPeak = Math.max(pssPeak, pssMb(pids));
    }
  }
  const serviceCpuInWindowS = cpuSeconds(pids) - serviceCpuAtWindow;
  const loadAverage = loadavg()[0];
  // Let the last answers arrive (they count in the latencies).
  const drainStart = Date.now();
  while (citizens.some((citizen) => citizen.busy) && Date.now() - drainStart < 30_000) await sleep(50);
  const unanswered = citizens.filter((citizen) => citizen.busy).length;
  // An unanswered question keeps its citizen busy for good: free it, it is counted as lost.
  for (const citizen of citizens) citizen.abandon();
  const serviceCpuS = cpuSeconds(pids) - serviceCpuAtStart;
  const clientCpu = process.cpuUsage(clientCpuAtStart);
  const [dbAtEnd, pgAtEnd] = await Promise.all([serviceDatabaseStats(service.child), run.postgres?.sample()]);
  const answeredInSpan = turnsAcked - turnsAtStart;

  const sorted = [...latencies].sort((a, b) => a - b);
  const perAnswer = (value: number) => (answeredInSpan > 0 ? value / answeredInSpan : 0);
  const pg = pgAtStart && pgAtEnd ? PostgresWatch.delta(pgAtStart, pgAtEnd) : undefined;
  const db =
    dbAtStart && dbAtEnd
      ? {
          roundTrips: dbAtEnd.roundTrips - dbAtStart.roundTrips,
          transactions: dbAtEnd.transactions - dbAtStart.transactions,
          statements: statementDelta(dbAtStart, dbAtEnd),
        }
      : undefined;
  return {
    rate,
    sent,
    skipped,
    msgsPerSec: round(latencies.length / settings.durationS),
    p50Ms: round(percentile(sorted, 50)),
    p95Ms: round(percentile(sorted, 95)),
    p99Ms: round(percentile(sorted, 99)),
    maxMs: Math.round(sorted.at(-1) ?? 0),
    lost: unanswered + (errorFrames - errorsAtStart),
    duplicated: liveDuplicates - duplicatesAtStart,
    serviceCpuPct: Math.round((serviceCpuInWindowS / settings.durationS) * 100),
    serviceCpuMsPerAnswer: round(perAnswer(serviceCpuS * 1000), 2),
    clientCpuMsPerAnswer: round(perAnswer((clientCpu.user + clientCpu.system) / 1000), 2),
    dbRoundTripsPerAnswer: db ? round(perAnswer(db.roundTrips), 2) : null,
    dbTransactionsPerAnswer: db ? round(perAnswer(db.transactions), 2) : null,
    dbWaitMsPerAnswer: db
      ? round(perAnswer(db.statements.reduce((sum, figures) => sum + figures.totalMs, 0)), 2)
      : null,
    pgBackendCpuMsPerAnswer: pg ? round(perAnswer(pg.backendCpuS * 1000), 2) : null,
    pgCommitsPerAnswer: pg ? round(perAnswer(pg.commits), 2) : null,
    pgBlocksPerAnswer: pg ? round(perAnswer(pg.blksHit + pg.blksRead), 1) : null,
    rssMb: Math.round(rssPeak),
    pssMb: Math.round(pssPeak),
    loadAverage: round(loadAverage),
    topStatements: (db?.statements ?? []).slice(0, 8).map((figures) => ({
      statement: figures.statement,
      callsPerAnswer: round(perAnswer(figures.calls), 2),
      msPerCall: round(figures.totalMs / figures.calls, 2),
    })),
  };
}

function printStep(figures: StepFigures): void {
  const orDash = (value: number | null) => (value === null ? '–' : String(value));
  console.log(
    `${String(figures.rate).padStart(4)} q/s  answered ${String(figures.msgsPerSec).padStart(6)}/s  ` +
      `p50 ${figures.p50Ms} p95 ${figures.p95Ms} p99 ${figures.p99Ms} max ${figures.maxMs} ms  ` +
      `lost ${figures.lost} dup ${figures.duplicated}  load ${figures.loadAverage}`,
  );
  console.log(
    `          service ${figures.serviceCpuPct} % CPU, ${figures.serviceCpuMsPerAnswer} ms CPU/answer ` +
      `(the bench's citizens ${figures.clientCpuMsPerAnswer} ms), ` +
      `RSS ${figures.rssMb} MB (PSS ${figures.pssMb}); db ${orDash(figures.dbRoundTripsPerAnswer)} round trips, ` +
      `${orDash(figures.dbTransactionsPerAnswer)} transactions, ${orDash(figures.dbWaitMsPerAnswer)} ms waited /answer; ` +
      `PostgreSQL ${orDash(figures.pgBackendCpuMsPerAnswer)} ms CPU, ${orDash(figures.pgCommitsPerAnswer)} commits, ` +
      `${orDash(figures.pgBlocksPerAnswer)} blocks /answer`,
  );
  for (const statement of figures.topStatements.slice(0, 5)) {
    console.log(
      `            ${statement.callsPerAnswer}×/answer ${statement.msPerCall} ms  ${statement.statement}`,
    );
  }
}

/** Every stored message reached its citizen's socket exactly once, in order (replayed from storage). */
async function checkAgainstStorage(url: string, citizens: Citizen[]) {
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
  return { lost, duplicated, outOfOrder, stored };
}

async function main(): Promise<void> {
  const plan = sweep ? rates : [settings.rate];
  log(
    `bench:ws — ${settings.connections} citizens, ${plan.join(', ')} questions/s, ` +
      `${settings.warmupS} s warm-up + ${settings.durationS} s measured${sweep ? ' per step' : ''}, ` +
      `${settings.backend}; load average ${loadavg()[0].toFixed(1)} at the start`,
  );
  const database = await scratchDatabase();
  let service: Service | undefined;
  let postgres: PostgresWatch | undefined;
  // Interrupted (Ctrl-C, a timeout): stop the service and drop the scratch database all the same.
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping the service and dropping the scratch database`);
      void Promise.allSettled([postgres?.close(), service?.stop()])
        .then(() => database.drop())
        .finally(() => process.exit(130));
    });
  }
  try {
    service = await startService(database.env);
    if (database.postgres) postgres = await PostgresWatch.open(database.postgres.url, database.postgres.name);
    const url = `ws://127.0.0.1:${service.port}/ws/chat`;
    const latencies = new Map<number, number[]>();
    const citizens = Array.from(
      { length: settings.connections },
      () =>
        new Citizen(url, (latency, step) => {
          if (step !== null) latencies.get(step)?.push(latency);
        }),
    );
    const connectStart = Date.now();
    await inBatches(citizens, 100, (citizen) => citizen.connect());
    log(`${citizens.length} citizens connected in ${((Date.now() - connectStart) / 1000).toFixed(1)} s`);

    const run: Run = { service, citizens, latencies, postgres };
    const steps: StepFigures[] = [];
    for (const [index, rate] of plan.entries()) {
      const figures = await runStep(run, index, rate);
      steps.push(figures);
      if (sweep) printStep(figures);
      const clearlyPast =
        figures.p99Ms > CLEARLY_PAST_P99_MS || figures.msgsPerSec < CLEARLY_PAST_ANSWERED * rate;
      if (sweep && clearlyPast && index < plan.length - 1) {
        log(`stopping: ${rate} q/s is clearly past the knee`);
        break;
      }
    }
    // Questions given up on by a drain may still be in the service's queue: let them finish (acked) so
    // the check below counts as lost only what the service really lost.
    const settleStart = Date.now();
    const inFlight = () =>
      citizens.some((citizen) => [...citizen.asked].some((id) => !citizen.acked.has(id)));
    while (inFlight() && Date.now() - settleStart < 120_000) await sleep(200);
    const servicePids = processTree(service.child.pid!);
    const rssEnd = rssMb(servicePids);
    const pssPeak = Math.max(pssMb(servicePids), ...steps.map((figures) => figures.pssMb));
    const held = citizens.filter((citizen) => citizen.open).length;
    const check = await checkAgainstStorage(url, citizens);
    const rssPeak = Math.max(rssEnd, ...steps.map((figures) => figures.rssMb));
    for (const citizen of citizens) citizen.socket.close();
    if (check.outOfOrder > 0) process.exitCode = 1;
    const storageLine =
      `messages stored       ${check.stored}, checked against every socket: lost ${check.lost}, ` +
      `duplicated ${check.duplicated}, out of order ${check.outOfOrder}, error frames ${errorFrames}`;

    if (sweep) {
      const knee = steps.filter((figures) => figures.p99Ms <= KNEE_P99_MS && figures.lost === 0).at(-1);
      console.log(`connections held      ${held} / ${settings.connections}`);
      console.log(
        `server RSS            ${Math.round(rssPeak)} MB (peak), ${Math.round(rssEnd)} MB at the end; ` +
          `PSS ${Math.round(pssPeak)} MB (peak); ${servicePids.length} process(es)`,
      );
      console.log(storageLine);
      console.log(
        `knee                  ${knee ? `${knee.rate} q/s` : 'below the first step'} (p99 ≤ 250 ms)`,
      );
      console.log(
        JSON.stringify({
          kneeQps: knee?.rate ?? 0,
          backend: settings.backend,
          connections: held,
          rssMb: Math.round(rssPeak),
          pssMb: Math.round(pssPeak),
          serviceProcesses: servicePids.length,
          lost: check.lost,
          duplicated: check.duplicated,
          steps,
        }),
      );
      return;
    }
    const [figures] = steps;
    console.log(`connections held      ${held} / ${settings.connections}`);
    console.log(
      `questions sent        ${figures.sent} in ${settings.durationS} s (target ${settings.rate}/s; ${figures.skipped} skipped: every citizen busy)`,
    );
    console.log(`answered per second   ${figures.msgsPerSec}`);
    console.log(
      `answer latency        p50 ${figures.p50Ms} ms, p95 ${figures.p95Ms} ms, p99 ${figures.p99Ms} ms, max ${figures.maxMs} ms`,
    );
    console.log(
      `CPU while measured    server ${figures.serviceCpuPct} % of a core, load average ${figures.loadAverage} (2 cores)`,
    );
    printStep(figures);
    console.log(
      `server RSS            ${Math.round(rssPeak)} MB (peak), ${Math.round(rssEnd)} MB at the end`,
    );
    console.log(storageLine);
    console.log(
      JSON.stringify({
        connections: held,
        msgsPerSec: figures.msgsPerSec,
        p50Ms: figures.p50Ms,
        p95Ms: figures.p95Ms,
        p99Ms: figures.p99Ms,
        rssMb: Math.round(rssPeak),
        pssMb: Math.round(pssPeak),
        serviceProcesses: servicePids.length,
        lost: check.lost,
        duplicated: check.duplicated,
        serviceCpuMsPerAnswer: figures.serviceCpuMsPerAnswer,
        clientCpuMsPerAnswer: figures.clientCpuMsPerAnswer,
        dbRoundTripsPerAnswer: figures.dbRoundTripsPerAnswer,
        dbTransactionsPerAnswer: figures.dbTransactionsPerAnswer,
        pgBackendCpuMsPerAnswer: figures.pgBackendCpuMsPerAnswer,
        pgCommitsPerAnswer: figures.pgCommitsPerAnswer,
        loadAverage: figures.loadAverage,
      }),
    );
  } finally {
    await postgres?.close();
    await service?.stop();
    await database.drop();
  }
}

await main();
