/**
 * What the service asks of its database, counted in the process: round trips (each statement, BEGIN and
 * COMMIT is one exchange with the server, or with PGlite's backend), transactions (each autocommit
 * statement is one, as PostgreSQL counts them), and — when switched on — the time and number of calls per
 * statement. `bench:ws` reads these through the IPC channel of the service it starts, to report round trips
 * and commits per turn and where the database time goes without needing pg_stat_statements (which needs
 * a server restart to load).
 */
export interface StatementFigures {
  /** The statement's first words, whitespace collapsed (parameters are never part of it). */
  statement: string;
  calls: number;
  totalMs: number;
}

export interface DatabaseStatsSnapshot {
  roundTrips: number;
  transactions: number;
  rollbacks: number;
  statements: StatementFigures[];
}

/** Past this many distinct statements (generated SQL), the rest is counted under one label. */
const MAX_STATEMENTS = 300;
const LABEL_LENGTH = 90;

export class DatabaseStats {
  roundTrips = 0;
  transactions = 0;
  rollbacks = 0;
  /** Per-statement timing costs two clock reads and a map lookup per query: off unless asked for. */
  private timing = false;
  private readonly byStatement = new Map<string, StatementFigures>();
  private readonly labels = new Map<string, string>();

  enableTiming(): void {
    this.timing = true;
  }

  /** Starts timing one statement; call the result when it completed (or failed). */
  time(sql: string): () => void {
    if (!this.timing) return noop;
    const started = performance.now();
    return () => {
      const figures = this.figuresFor(sql);
      figures.calls += 1;
      figures.totalMs += performance.now() - started;
    };
  }

  snapshot(): DatabaseStatsSnapshot {
    return {
      roundTrips: this.roundTrips,
      transactions: this.transactions,
      rollbacks: this.rollbacks,
      statements: [...this.byStatement.values()].map((figures) => ({ ...figures })),
    };
  }

  private figuresFor(sql: string): StatementFigures {
    let label = this.labels.get(sql);
    if (label === undefined) {
      label =
        this.labels.size < MAX_STATEMENTS
          ? sql.replace(/\s+/g, ' ').trim().slice(0, LABEL_LENGTH)
          : '(other statements)';
      if (this.labels.size < MAX_STATEMENTS) this.labels.set(sql, label);
    }
    let figures = this.byStatement.get(label);
    if (!figures) {
      figures = { statement: label, calls: 0, totalMs: 0 };
      this.byStatement.set(label, figures);
    }
    return figures;
  }
}

/**
 * The IPC side of a child process (a `ChildProcess`, or a cluster `Worker`, which has no `connected`),
 * as far as asking needs it.
 */
export interface StatsChannel {
  readonly connected?: boolean;
  send(message: unknown): unknown;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  off(event: 'message', listener: (message: unknown) => void): unknown;
}

/**
 * Asks a child process that reports (`reportDatabaseStatsToParent`) for its counters over IPC: undefined
 * when it is not connected or does not answer within `timeoutMs`.
 */
export function askForDatabaseStats(
  child: StatsChannel,
  timeoutMs: number,
): Promise<DatabaseStatsSnapshot | undefined> {
  return new Promise((resolve) => {
    if (child.connected === false) return resolve(undefined);
    const timer = setTimeout(() => {
      child.off('message', onMessage);
      resolve(undefined);
    }, timeoutMs);
    const onMessage = (message: unknown) => {
      const reply = message as { type?: unknown; stats?: DatabaseStatsSnapshot } | null;
      if (reply?.type !== DB_STATS_MESSAGE || !reply.stats) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      resolve(reply.stats);
    };
    child.on('message', onMessage);
    child.send({ type: DB_STATS_MESSAGE });
  });
}

/**
 * Several processes' counters as one (the service workers of src/cluster/service-primary.ts): counts
 * added, statements merged by label. A process that did not answer (undefined) adds nothing.
 */
export function sumDatabaseStats(snapshots: (DatabaseStatsSnapshot | undefined)[]): DatabaseStatsSnapshot {
  const total: DatabaseStatsSnapshot = { roundTrips: 0, transactions: 0, rollbacks: 0, statements: [] };
  const byStatement = new Map<string, StatementFigures>();
  for (const snapshot of snapshots) {
    if (!snapshot) continue;
    total.roundTrips += snapshot.roundTrips;
    total.transactions += snapshot.transactions;
    total.rollbacks += snapshot.rollbacks;
    for (const figures of snapshot.statements) {
      const merged = byStatement.get(figures.statement);
      if (merged) {
        merged.calls += figures.calls;
        merged.totalMs += figures.totalMs;
      } else {
        byStatement.set(figures.statement, { ...figures });
      }
    }
  }
  total.statements = [...byStatement.values()];
  return total;
}

const noop = () => undefined;
let reporting = false;

/** One per process: every database the process opens adds to it (there is one in the service). */
export const databaseStats = new DatabaseStats();

/** The IPC message that asks a process for its counters, and the type of its answer. */
export const DB_STATS_MESSAGE = 'db-stats';

/**
 * When the process was started by a benchmark with an IPC channel and ANTONIA_DB_STATS=1: per-statement
 * timing on, and a `{ type: 'db-stats' }` message from the parent answered with the snapshot.
 */
export function reportDatabaseStatsToParent(env: NodeJS.ProcessEnv = process.env): void {
  if (reporting || env.ANTONIA_DB_STATS !== '1' || typeof process.send !== 'function') return;
  reporting = true;
  databaseStats.enableTiming();
  process.on('message', (message: unknown) => {
    if ((message as { type?: unknown } | null)?.type !== DB_STATS_MESSAGE) return;
    process.send?.({ type: DB_STATS_MESSAGE, stats: databaseStats.snapshot() });
  });
  // The IPC channel must not keep a stopping service alive.
  process.channel?.unref();
}
