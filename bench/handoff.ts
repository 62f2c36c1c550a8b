/**
 * `npm run bench:handoff` — live delivery between citizens and clerks on two service instances.
 *
 * Two service processes (A and B, `src/server.ts`) share one scratch PostgreSQL database, as behind a load
 * balancer. N citizens connect to A over the real citizen socket (/ws/chat), ask for a person
 * (`handoff.request`) and are claimed by clerks logged in on B (REST + /ws/console). Then every
 * conversation exchanges messages both ways for the measured duration, each side writing every 1.5–2.5 s:
 *   citizen → clerk: the citizen's `message` frame on A (or, when no dialogue engine is registered, a
 *                    store-then-NOTIFY append from this process, as the dialogue would do) until the
 *                    `message` frame arrives on the clerk's console socket on B;
 *   clerk → citizen: the clerk's REST reply on B until the `message` frame arrives on the citizen's socket on A.
 * Everything crosses instances through PostgreSQL LISTEN/NOTIFY. At the end every socket's received seqs are
 * checked against storage: `lost` = messages sent but never received (after a grace period), plus gaps;
 * `duplicated` = the same seq received twice on one socket.
 *
 * Last stdout line: JSON {conversations, p50Ms, p95Ms, p99Ms, lost, duplicated} (latencies of both
 * directions together; per-direction figures are printed above it). Target: p95 ≤ 100 ms, 0 lost, 0 duplicated.
 *
 * Settings (flags or environment):
 *   --conversations / BENCH_HANDOFF_CONVERSATIONS   concurrent handed-off conversations (default 200)
 *   --clerks        / BENCH_HANDOFF_CLERKS          clerks sharing them (default 20)
 *   --duration      / BENCH_HANDOFF_DURATION_S      measured seconds (default 20)
 *   BENCH_DATABASE_URL   PostgreSQL server (default postgres://postgres@127.0.0.1:5432/postgres); a scratch
 *                        database is created on it and dropped afterwards
 *   BENCH_LOG_LEVEL      the services' LOG_LEVEL (default warn)
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import WebSocket from 'ws';
import { ConversationEvents } from '../src/conversations/conversation-events.js';
import { ConversationStore } from '../src/conversations/conversation-store.js';
import { AuditLog } from '../src/handoff/audit-log.js';
import { ClerkAccounts } from '../src/handoff/clerks/clerk-accounts.js';
import { catalogFromDirectory } from '../src/handoff/handoff-catalog.js';
import { percentile } from '../src/metrics/percentile.js';
import { fromProjectRoot } from '../src/project-root.js';
import { migrate } from '../src/storage/migrate.js';
import { PostgresDatabase } from '../src/storage/postgres-database.js';
import { startService, type ServiceProcess } from '../test/support/service-process.js';
import { createScratchDatabase } from './support/scratch-postgres.js';

// ------------------------------------------------------------------------------------------- settings

const { values: flags } = parseArgs({
  options: { conversations: { type: 'string' }, clerks: { type: 'string' }, duration: { type: 'string' } },
});
const positive = (flag: string | undefined, env: string | undefined, fallback: number) => {
  const value = Number(flag ?? env ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`not a positive number: ${flag ?? env}`);
  return value;
};
const settings = {
  conversations: Math.round(positive(flags.conversations, process.env.BENCH_HANDOFF_CONVERSATIONS, 200)),
  clerks: Math.round(positive(flags.clerks, process.env.BENCH_HANDOFF_CLERKS, 20)),
  durationS: positive(flags.duration, process.env.BENCH_HANDOFF_DURATION_S, 20),
  databaseUrl: process.env.BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  logLevel: process.env.BENCH_LOG_LEVEL ?? 'warn',
};
const PASSWORD = 'parola-de-banc-de-proba';
const GRACE_MS = 5_000;
const DEPARTMENT = 'relatii-publice';

// ------------------------------------------------------------------------------------------- helpers

type Frame = Record<string, unknown> & { type: string };

class Socket {
  readonly frames: Frame[] = [];
  private readonly waiters = new Set<{ test: (frame: Frame) => boolean; resolve: (frame: Frame) => void }>();
  onFrame: (frame: Frame, at: number) => void = () => undefined;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const at = performance.now();
      const frame = JSON.parse(String(data)) as Frame;
      this.onFrame(frame, at);
      if (frame.type !== 'message') this.frames.push(frame);
      for (const waiter of this.waiters) {
        if (waiter.test(frame)) {
          this.waiters.delete(waiter);
          waiter.resolve(frame);
        }
      }
    });
  }

  static open(url: string, headers: Record<string, string>): Promise<Socket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url, { headers });
      const socket = new Socket(ws);
      ws.once('open', () => resolve(socket));
      ws.once('unexpected-response', (_request, response) =>
        reject(new Error(`upgrade refused: ${response.statusCode}`)),
      );
      ws.once('error', reject);
    });
  }

  send(frame: Record<string, unknown>): void {
    this.ws.send(JSON.stringify(frame));
  }

  next(test: (frame: Frame) => boolean, what: string, timeoutMs = 30_000): Promise<Frame> {
    const earlier = this.frames.find(test);
    if (earlier) return Promise.resolve(earlier);
    return new Promise((resolve, reject) => {
      const waiter = { test, resolve };
      this.waiters.add(waiter);
      setTimeout(() => {
        if (this.waiters.delete(waiter)) reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs).unref();
    });
  }

  close(): void {
    this.ws.terminate();
  }
}

const round = (value: number) => Math.round(value * 10) / 10;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function inBatches<T>(
  items: T[],
  size: number,
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  for (let start = 0; start < items.length; start += size) {
    await Promise.all(items.slice(start, start + size).map((item, offset) => work(item, start + offset)));
  }
}

// ------------------------------------------------------------------------------------------- the run

interface Conversation {
  id: string;
  citizen: Socket;
  clerk: ClerkSide;
  /** Seqs received on the citizen's socket and on the clerk's socket (for lost/duplicated). */
  citizenSeqs: number[];
  clerkSeqs: number[];
  /** The seq the clerk's socket subscribed from (messages before it are not expected there). */
  clerkFrom: number;
}

interface ClerkSide {
  email: string;
  cookie: string;
  csrfToken: string;
  socket: Socket;
}

async function main(): Promise<void> {
  const scratch = await createScratchDatabase('handoff', settings.databaseUrl);
  const databaseUrl = scratch.url;
  const services: ServiceProcess[] = [];
  const sockets: Socket[] = [];
  let database: PostgresDatabase | undefined;
  try {
    database = await PostgresDatabase.open({ connectionString: databaseUrl, poolMax: 10 });
    await migrate(database);
    const catalog = catalogFromDirectory(fromProjectRoot('knowledge-base'));
    const accounts = new ClerkAccounts(
      database,
      new AuditLog(database),
      (id) => catalog.department(id) !== undefined,
    );
    const clerkEmails = Array.from({ length: settings.clerks }, (_, index) => `clerk${index}@bench.example`);
    await inBatches(clerkEmails, 4, async (email, index) => {
      await accounts.create(
        { email, name: `Clerk ${index}`, role: 'clerk', departments: [DEPARTMENT], password: PASSWORD },
        null,
      );
    });

    const env = {
      DATABASE_URL: databaseUrl,
      DATABASE_POOL_MAX: '20',
      LOG_LEVEL: settings.logLevel,
      HANDOFF_OFFICE_HOURS: 'always',
      HANDOFF_NO_CLERK_TIMEOUT_S: '86400',
      WS_MAX_CONNECTIONS_PER_IP: String(settings.conversations + settings.clerks + 100),
      WS_MESSAGES_PER_MINUTE: '10000',
      WS_IP_MESSAGES_PER_MINUTE: '1000000',
      API_RATE_LIMIT_PER_MINUTE: '100000',
      CONVERSATIONS_PER_MINUTE: '1000000',
      KB_INGEST_ON_START: 'true',
    };
    const [a, b] = await Promise.all([startService(env, 180_000), startService(env, 180_000)]);
    services.push(a, b);
    console.log(`instances: A ${a.baseUrl} (citizens), B ${b.baseUrl} (clerks); database ${scratch.name}`);

    // Clerks log in on B and open their console sockets there.
    const clerks: ClerkSide[] = [];
    for (const email of clerkEmails) {
      const response = await fetch(`${b.baseUrl}/api/v1/console/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email, password: PASSWORD }),
      });
      if (response.status !== 200)
        throw new Error(`login failed: ${response.status} ${await response.text()}`);
      const body = (await response.json()) as { csrfToken: string };
      const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
      const socket = await Socket.open(`${b.baseUrl.replace('http', 'ws')}/ws/console`, {
        cookie,
        origin: b.baseUrl,
      });
      sockets.push(socket);
      clerks.push({ email, cookie, csrfToken: body.csrfToken, socket });
    }
    const clerkPost = (clerk: ClerkSide, path: string, payload: unknown) =>
      fetch(`${b.baseUrl}${path}`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          cookie: clerk.cookie,
          'x-csrf-token': clerk.csrfToken,
        },
        body: JSON.stringify(payload),
      });

    // The citizen side writes through the dialogue when one is registered; otherwise as the dialogue would.
    const events = new ConversationEvents(database);
    const store = new ConversationStore(database, events);
    let citizenWritesVia: 'ws' | 'store' = 'ws';

    // Measurement: latency by unique text (sent → received), and every seq each socket received.
    const sentAt = new Map<string, number>();
    const latencies = { toClerk: [] as number[], toCitizen: [] as number[] };

    // Citizens connect to A and ask for a person.
    const conversations: Conversation[] = [];
    const setupStarted = performance.now();
    await inBatches(
      Array.from({ length: settings.conversations }, (_, i) => i),
      25,
      async (_, index) => {
        const citizen = await Socket.open(`${a.baseUrl.replace('http', 'ws')}/ws/chat`, {
          origin: a.baseUrl,
        });
        sockets.push(citizen);
        const citizenSeqs: number[] = [];
        citizen.onFrame = (frame, at) => {
          if (frame.type !== 'message') return;
          citizenSeqs.push(Number(frame.seq));
          const started = sentAt.get(String(frame.text));
          if (started !== undefined && frame.from === 'clerk') latencies.toCitizen.push(at - started);
        };
        citizen.send({ type: 'hello', v: 1, lang: 'ro' });
        const welcome = await citizen.next((frame) => frame.type === 'welcome', 'welcome');
        const id = String(welcome.conversationId);
        if (index === 0) {
          citizen.send({
            type: 'message',
            clientMsgId: randomUUID(),
            text: 'Aș vrea să vorbesc cu un funcționar.',
          });
          const answer = await citizen.next((frame) => frame.type === 'ack' || frame.type === 'error', 'ack');
          if (answer.type === 'error') citizenWritesVia = 'store';
        }
        if (index !== 0 || citizenWritesVia === 'store') {
          if (citizenWritesVia === 'ws')
            citizen.send({
              type: 'message',
              clientMsgId: randomUUID(),
              text: 'Aș vrea să vorbesc cu un funcționar.',
            });
          else
            await store.append(id, [
              {
                from: 'citizen',
                text: 'Aș vrea să vorbesc cu un funcționar.',
                lang: 'ro',
                clientMsgId: randomUUID(),
              },
            ]);
        }
        citizen.send({ type: 'handoff.request' });
        await citizen.next((frame) => frame.type === 'handoff' && frame.status === 'waiting', 'waiting');
        const clerk = clerks[index % clerks.length];
        const claimed = await clerkPost(clerk, `/api/v1/console/conversations/${id}/claim`, {});
        if (claimed.status !== 200)
          throw new Error(`claim failed: ${claimed.status} ${await claimed.text()}`);
        conversations.push({ id, citizen, clerk, citizenSeqs, clerkSeqs: [], clerkFrom: 0 });
      },
    );
    console.log(
      `setup: ${conversations.length} conversations handed off and claimed in ${Math.round(performance.now() - setupStarted)} ms ` +
        `(citizen messages via ${citizenWritesVia === 'ws' ? '/ws/chat' : 'store append: no dialogue engine registered'})`,
    );

    const byId = new Map(conversations.map((conversation) => [conversation.id, conversation]));
    for (const clerk of clerks) {
      clerk.socket.onFrame = (frame, at) => {
        if (frame.type !== 'message') return;
        const conversation = byId.get(String(frame.conversationId));
        const message = frame.message as { seq: number; text: string; from: string };
        if (!conversation) return;
        conversation.clerkSeqs.push(message.seq);
        const started = sentAt.get(message.text);
        if (started !== undefined && message.from === 'citizen') latencies.toClerk.push(at - started);
      };
    }
    // Subscribe each clerk socket to its conversations from the current seq.
    await inBatches(conversations, 50, async (conversation) => {
      const lastSeq = (await store.get(conversation.id))!.lastSeq;
      conversation.clerkFrom = lastSeq;
      conversation.clerk.socket.send({ type: 'subscribe', conversationId: conversation.id, lastSeq });
      await conversation.clerk.socket.next(
        (frame) => frame.type === 'subscribed' && frame.conversationId === conversation.id,
        'subscribed',
      );
    });

    // The exchange: each conversation alternates citizen and clerk turns every 1.5–2.5 s.
    let sentToClerk = 0;
    let sentToCitizen = 0;
    const deadline = performance.now() + settings.durationS * 1000;
    await Promise.all(
      conversations.map(async (conversation, index) => {
        await sleep(Math.random() * 2000);
        for (let turn = 0; performance.now() < deadline; turn += 1) {
          const text = `${turn % 2 === 0 ? 'c' : 'k'}:${index}:${turn}:${randomBytes(3).toString('hex')}`;
          sentAt.set(text, performance.now());
          if (turn % 2 === 0) {
            sentToClerk += 1;
            if (citizenWritesVia === 'ws')
              conversation.citizen.send({ type: 'message', clientMsgId: randomUUID(), text });
            else
              await store.append(conversation.id, [
                { from: 'citizen', text, lang: 'ro', clientMsgId: randomUUID() },
              ]);
          } else {
            sentToCitizen += 1;
            const response = await clerkPost(
              conversation.clerk,
              `/api/v1/console/conversations/${conversation.id}/messages`,
              { text },
            );
            if (response.status !== 201)
              throw new Error(`reply failed: ${response.status} ${await response.text()}`);
          }
          await sleep(1500 + Math.random() * 1000);
        }
      }),
    );
    await sleep(GRACE_MS);

    // Lost and duplicated, per socket, against storage.
    let lost = 0;
    let duplicated = 0;
    for (const conversation of conversations) {
      const lastSeq = (await store.get(conversation.id))!.lastSeq;
      for (const [seqs, from] of [
        [conversation.citizenSeqs, 1],
        [conversation.clerkSeqs, conversation.clerkFrom + 1],
      ] as const) {
        const seen = new Set<number>();
        for (const seq of seqs) {
          if (seen.has(seq)) duplicated += 1;
          seen.add(seq);
        }
        for (let seq = from; seq <= lastSeq; seq += 1) if (!seen.has(seq)) lost += 1;
      }
    }
    // The citizen's socket replays from seq 1 at welcome, so its expected range is 1..lastSeq; the clerk's
    // starts after its subscription point. Sent-but-never-measured messages are counted as lost above too.
    const measuredLost =
      sentToClerk - latencies.toClerk.length + (sentToCitizen - latencies.toCitizen.length);

    const all = [...latencies.toClerk, ...latencies.toCitizen].sort((x, y) => x - y);
    const toClerk = [...latencies.toClerk].sort((x, y) => x - y);
    const toCitizen = [...latencies.toCitizen].sort((x, y) => x - y);
    console.log(
      `citizen → clerk: ${toClerk.length}/${sentToClerk} delivered, p50 ${round(percentile(toClerk, 50))} ms, ` +
        `p95 ${round(percentile(toClerk, 95))} ms, p99 ${round(percentile(toClerk, 99))} ms`,
    );
    console.log(
      `clerk → citizen: ${toCitizen.length}/${sentToCitizen} delivered, p50 ${round(percentile(toCitizen, 50))} ms, ` +
        `p95 ${round(percentile(toCitizen, 95))} ms, p99 ${round(percentile(toCitizen, 99))} ms`,
    );
    console.log(
      `storage check: ${lost} seqs missing on some socket, ${duplicated} received twice; ${measuredLost} sent messages never received`,
    );
    console.log(
      JSON.stringify({
        conversations: conversations.length,
        p50Ms: round(percentile(all, 50)),
        p95Ms: round(percentile(all, 95)),
        p99Ms: round(percentile(all, 99)),
        lost: Math.max(lost, measuredLost),
        duplicated,
      }),
    );
  } finally {
    for (const socket of sockets) socket.close();
    await Promise.all(services.map((service) => service.stop()));
    await database?.close();
    await scratch.drop().catch(() => undefined);
  }
}

main().catch((error: unknown) => {
  console.error(`bench:handoff failed: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
