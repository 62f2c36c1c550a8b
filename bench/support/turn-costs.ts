import type { ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';
import {
  askForDatabaseStats,
  type DatabaseStatsSnapshot,
  type StatementFigures,
} from '../../src/storage/database-stats.js';

/**
 * Where a benchmark turn's cost goes, measured from outside the service: its CPU and RSS (/proc), what
 * it asked of its database (its own counters, read over the IPC channel, see src/storage/database-stats.ts),
 * and what PostgreSQL spent (the CPU of the backends serving the scratch database, and pg_stat_database).
 * pg_stat_statements would give PostgreSQL's own per-statement time, but it must be preloaded at server
 * start; the service's per-statement timing (round trip included) stands in for it.
 */

/**
 * The service's processes: the one the bench started and its descendants (the workers of
 * SERVICE_WORKERS > 1), from /proc (Linux). Read once per step: workers do not come and go under load.
 */
export function processTree(pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const parent = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1].split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // gone meanwhile
    }
  }
  const tree: number[] = [];
  const pending = [pid];
  while (pending.length > 0) {
    const next = pending.pop()!;
    tree.push(next);
    pending.push(...(children.get(next) ?? []));
  }
  return tree;
}

/** CPU seconds (user + system) the processes have used, from /proc (Linux); a process gone counts 0. */
export function cpuSeconds(pids: number | number[]): number {
  let seconds = 0;
  for (const pid of [pids].flat()) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
      seconds += (Number(fields[11]) + Number(fields[12])) / 100; // utime, stime in clock ticks (USER_HZ = 100)
    } catch {
      // gone
    }
  }
  return seconds;
}

/**
 * Resident set size of the processes, summed (Linux). With several processes the sum counts the pages
 * they share (the node binary, forked code) once per process, so it overstates what they hold together;
 * `pssMb` divides shared pages among their users and is the machine's real cost.
 */
export function rssMb(pids: number | number[]): number {
  return sumStatusField(pids, '/status', /VmRSS:\s+(\d+) kB/);
}

/** Proportional set size of the processes, summed: shared pages split between the processes using them. */
export function pssMb(pids: number | number[]): number {
  return sumStatusField(pids, '/smaps_rollup', /\nPss:\s+(\d+) kB/);
}

function sumStatusField(pids: number | number[], file: string, pattern: RegExp): number {
  let kb = 0;
  for (const pid of [pids].flat()) {
    try {
      const match = pattern.exec(readFileSync(`/proc/${pid}${file}`, 'utf8'));
      kb += match ? Number(match[1]) : 0;
    } catch {
      // gone
    }
  }
  return kb / 1024;
}

/** The service's database counters, asked over the IPC channel (undefined if it does not answer). */
export function serviceDatabaseStats(child: ChildProcess): Promise<DatabaseStatsSnapshot | undefined> {
  return askForDatabaseStats(child, 5_000);
}

/** Per-statement figures between two snapshots, most time first. */
export function statementDelta(
  before: DatabaseStatsSnapshot,
  after: DatabaseStatsSnapshot,
): StatementFigures[] {
  const earlier = new Map(before.statements.map((figures) => [figures.statement, figures]));
  return after.statements
    .map((figures) => ({
      statement: figures.statement,
      calls: figures.calls - (earlier.get(figures.statement)?.calls ?? 0),
      totalMs: figures.totalMs - (earlier.get(figures.statement)?.totalMs ?? 0),
    }))
    .filter((figures) => figures.calls > 0)
    .sort((a, b) => b.totalMs - a.totalMs);
}

export interface PostgresSample {
  /** CPU seconds of each backend serving the scratch database, by pid. */
  backendCpu: Map<number, number>;
  xactCommit: number;
  xactRollback: number;
  blksHit: number;
  blksRead: number;
  tupReturned: number;
  tupInserted: number;
  tupUpdated: number;
}

export interface PostgresCosts {
  /** CPU seconds of the scratch database's backends (server processes shared with others not included). */
  backendCpuS: number;
  commits: number;
  rollbacks: number;
  blksHit: number;
  blksRead: number;
  tupReturned: number;
  tupInserted: number;
  tupUpdated: number;
}

/** Watches the PostgreSQL server from its own connection to the scratch database. */
export class PostgresWatch {
  private constructor(
    private readonly client: pg.Client,
    private readonly database: string,
  ) {}

  static async open(url: string, database: string): Promise<PostgresWatch> {
    const client = new pg.Client({ connectionString: url });
    client.on('error', () => undefined);
    await client.connect();
    return new PostgresWatch(client, database);
  }

  async sample(): Promise<PostgresSample> {
    // Statistics are read fresh (not from the transaction's cached snapshot).
    await this.client.query('SELECT pg_stat_clear_snapshot()');
    const backends = await this.client.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE datname = $1 AND backend_type = 'client backend'
          AND pid <> pg_backend_pid()`,
      [this.database],
    );
    const { rows } = await this.client.query<Record<string, string>>(
      `SELECT xact_commit, xact_rollback, blks_hit, blks_read, tup_returned, tup_inserted, tup_updated
         FROM pg_stat_database WHERE datname = $1`,
      [this.database],
    );
    const row = rows[0] ?? {};
    return {
      backendCpu: new Map(backends.rows.map(({ pid }) => [pid, cpuSeconds(pid)])),
      xactCommit: Number(row.xact_commit ?? 0),
      xactRollback: Number(row.xact_rollback ?? 0),
      blksHit: Number(row.blks_hit ?? 0),
      blksRead: Number(row.blks_read ?? 0),
      tupReturned: Number(row.tup_returned ?? 0),
      tupInserted: Number(row.tup_inserted ?? 0),
      tupUpdated: Number(row.tup_updated ?? 0),
    };
  }

  /**
   * Between two samples. A backend that exited in between is missed (the pool keeps its connections
   * while busy); one that started in between counts from zero. The bench's own connection (this one) and
   * its commits are part of the figures: a few per step, negligible next to thousands of turns.
   */
  static delta(before: PostgresSample, after: PostgresSample): PostgresCosts {
    let backendCpuS = 0;
    for (const [pid, cpu] of after.backendCpu) backendCpuS += cpu - (before.backendCpu.get(pid) ?? 0);
    return {
      backendCpuS,
      commits: after.xactCommit - before.xactCommit,
      rollbacks: after.xactRollback - before.xactRollback,
      blksHit: after.blksHit - before.blksHit,
      blksRead: after.blksRead - before.blksRead,
      tupReturned: after.tupReturned - before.tupReturned,
      tupInserted: after.tupInserted - before.tupInserted,
      tupUpdated: after.tupUpdated - before.tupUpdated,
    };
  }

  async close(): Promise<void> {
    await this.client.end().catch(() => undefined);
  }
}
