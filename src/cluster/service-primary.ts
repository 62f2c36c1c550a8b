import cluster, { type Worker } from 'node:cluster';
import { pino } from 'pino';
import { loggerOptions } from '../logging/logger-options.js';
import { askForDatabaseStats, DB_STATS_MESSAGE, sumDatabaseStats } from '../storage/database-stats.js';

export interface ServicePrimaryOptions {
  workers: number;
  shutdownTimeoutMs: number;
  logLevel: string;
}

/** A worker that dies this often within this window is not restarted again: something is wrong. */
const RESTART_BUDGET = { deaths: 5, windowMs: 60_000 };
/** How long the primary waits for a worker's database counters (benchmarks only). */
const STATS_TIMEOUT_MS = 3_000;

/**
 * The parent of SERVICE_WORKERS service processes on one machine. One Node.js event loop uses one core,
 * and a turn's work (retrieval, understanding, composing) is CPU-bound, so one process leaves the other
 * cores idle however fast PostgreSQL answers. Each worker is a whole instance in the sense of
 * docs/deployment.md — everything shared lives in PostgreSQL and reaches the others by LISTEN/NOTIFY — so
 * the workers need nothing from each other or from this process, which only starts them, shares the
 * port (node:cluster hands each new connection to the next worker), restarts one that dies, and stops
 * them all on SIGTERM/SIGINT.
 */
export function runServicePrimary(options: ServicePrimaryOptions): void {
  const log = pino(loggerOptions(options.logLevel));
  const everListened = new Set<number>();
  const deaths: number[] = [];
  let started = false;
  let stopping = false;
  let exitCode = 0;

  const fork = () => {
    const worker = cluster.fork();
    worker.once('listening', () => {
      everListened.add(worker.id);
      if (!started && everListened.size === options.workers) {
        started = true;
        log.info({ workers: options.workers }, 'all service workers are listening');
        // A parent that balances on readiness (bench:ws) must not connect its sockets to the first
        // worker alone: it learns here that every worker takes connections.
        if (process.send && process.connected)
          process.send({ type: 'service-listening', workers: options.workers });
      }
    });
  };

  const living = (): Worker[] => Object.values(cluster.workers ?? {}).filter((w): w is Worker => !!w);

  const stop = (code: number) => {
    if (stopping) return;
    stopping = true;
    exitCode = code;
    for (const worker of living()) worker.process.kill('SIGTERM');
    // Each worker finishes its in-flight requests within SHUTDOWN_TIMEOUT_MS; past that (and a margin)
    // they are killed, so the primary never outlives a stuck child.
    setTimeout(() => {
      for (const worker of living()) worker.process.kill('SIGKILL');
      process.exit(1);
    }, options.shutdownTimeoutMs + 2_000).unref();
    if (living().length === 0) process.exit(exitCode);
  };

  cluster.on('exit', (worker, code, signal) => {
    if (stopping) {
      if (living().length === 0) process.exit(exitCode);
      return;
    }
    // At start-up, a worker that never listened failed to start (configuration, database, knowledge
    // base): it has said why, and its siblings would fail the same way, so the service stops as one
    // process would. Later, a replacement that fails to start counts as one more death: its siblings
    // are still serving.
    if (!started && !everListened.has(worker.id)) {
      log.error({ pid: worker.process.pid, code, signal }, 'a service worker failed to start; stopping');
      return stop(1);
    }
    const now = Date.now();
    deaths.push(now);
    while (deaths.length > 0 && now - deaths[0] > RESTART_BUDGET.windowMs) deaths.shift();
    if (deaths.length >= RESTART_BUDGET.deaths) {
      log.error({ deaths: deaths.length }, 'service workers keep dying; stopping');
      return stop(1);
    }
    // Its sockets reconnect to the other workers and resume from storage (hello.lastSeq).
    log.error({ pid: worker.process.pid, code, signal }, 'a service worker died; starting another');
    fork();
  });

  process.on('SIGTERM', () => stop(0));
  process.on('SIGINT', () => stop(0));
  relayDatabaseStats(living);
  log.info({ workers: options.workers }, 'starting service workers');
  for (let index = 0; index < options.workers; index += 1) fork();
}

/**
 * `bench:ws` asks the process it started for its database counters (see database-stats.ts); with
 * workers, that process is this one: it asks each worker and answers with their sum.
 */
function relayDatabaseStats(living: () => Worker[]): void {
  if (process.env.ANTONIA_DB_STATS !== '1' || typeof process.send !== 'function') return;
  process.on('message', (message: unknown) => {
    if ((message as { type?: unknown } | null)?.type !== DB_STATS_MESSAGE) return;
    void Promise.all(living().map((worker) => askForDatabaseStats(worker, STATS_TIMEOUT_MS))).then(
      (snapshots) => process.send?.({ type: DB_STATS_MESSAGE, stats: sumDatabaseStats(snapshots) }),
    );
  });
  process.channel?.unref();
}
