import { PGlite, types } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite/vector';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { unaccent } from '@electric-sql/pglite/contrib/unaccent';
import type { Database, NotificationListener, QueryResult, Transaction } from './database.js';
import { assertChannelName } from './database.js';
import { databaseStats } from './database-stats.js';
import { DataDirError, prepareDataDir } from './data-dir.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';

export interface PgliteOptions {
  /** A directory to persist to; `undefined` keeps the database in memory (tests, evaluation). */
  dataDir?: string;
  /** A tarball made by `dumpDataDir()`: starts from a migrated snapshot instead of a fresh initdb. */
  snapshot?: Blob;
}

// Match the `pg` driver's behaviour (see postgres-database.ts): bigint/count(*) arrive as JS numbers.
const parsers = { [types.INT8]: (value: string) => Number(value) };

/**
 * PostgreSQL's buffer pool inside PGlite's WebAssembly memory. PGlite's default (160 MB) is touched at
 * start-up and stays resident for the life of the process (WebAssembly memory never shrinks), although the
 * whole embedded database, catalogs included, is about 25 MB with the knowledge base indexed (~1,500
 * chunks). 32 MB holds it all with room for the conversations; pages beyond that are read through the
 * operating system's file cache. Measured: about 100 MB less resident memory (docs/performance.md).
 * Larger knowledge bases belong on PostgreSQL (DATABASE_URL), where shared_buffers is the server's.
 */
export const PGLITE_SHARED_BUFFERS = '32MB';

export class PgliteDatabase implements Database {
  readonly kind = 'pglite' as const;

  private constructor(
    private readonly pglite: PGlite,
    private readonly lock: DataDirLock | undefined,
  ) {}

  /**
   * Opens the database; with a `dataDir`, first checks the folder and takes its exclusive lock, so a
   * second process on the same folder is refused (DataDirError) instead of silently losing data.
   */
  static async open(options: PgliteOptions = {}): Promise<PgliteDatabase> {
    const dataDir = options.dataDir === undefined ? undefined : prepareDataDir(options.dataDir);
    const lock = dataDir === undefined ? undefined : lockDataDir(dataDir);
    try {
      const pglite = await PGlite.create({
        dataDir,
        loadDataDir: options.snapshot,
        extensions: { vector, pg_trgm, unaccent },
        parsers,
        startParams: [...PGlite.defaultStartParams, '-c', `shared_buffers=${PGLITE_SHARED_BUFFERS}`],
      });
      return new PgliteDatabase(pglite, lock);
    } catch (error) {
      lock?.release();
      if (dataDir === undefined) throw error;
      // PGlite's own errors here say "undefined" or "failed to initialize properly": name the folder.
      const cause = error instanceof Error && error.message ? error.message : String(error);
      throw new DataDirError(
        `the embedded database in DATA_DIR ${dataDir} could not be opened (${cause}): check that this user ` +
          'can read and write every file in it, or point DATA_DIR at another folder',
      );
    }
  }

  async query<Row>(sql: string, params: unknown[] = []): Promise<QueryResult<Row>> {
    databaseStats.roundTrips += 1;
    databaseStats.transactions += 1;
    const done = databaseStats.time(sql);
    try {
      return toResult<Row>(await this.pglite.query<Row>(sql, params));
    } finally {
      done();
    }
  }

  async exec(sql: string): Promise<void> {
    databaseStats.roundTrips += 1;
    databaseStats.transactions += 1;
    await this.pglite.exec(sql);
  }

  async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    // PGlite sends BEGIN and COMMIT (or ROLLBACK) itself: two exchanges with its backend.
    databaseStats.transactions += 1;
    databaseStats.roundTrips += 2;
    return this.pglite.transaction(async (tx) =>
      work({
        query: async <Row>(sql: string, params: unknown[] = []) => {
          databaseStats.roundTrips += 1;
          const done = databaseStats.time(sql);
          try {
            return toResult<Row>(await tx.query<Row>(sql, params));
          } finally {
            done();
          }
        },
        exec: async (sql: string) => {
          databaseStats.roundTrips += 1;
          await tx.exec(sql);
        },
      }),
    );
  }

  async listen(channel: string, listener: NotificationListener): Promise<() => Promise<void>> {
    assertChannelName(channel);
    return this.pglite.listen(channel, listener);
  }

  /** In-process notifications have no connection to lose. */
  isListening(): boolean {
    return !this.pglite.closed;
  }

  async notify(channel: string, payload: string): Promise<void> {
    assertChannelName(channel);
    await this.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  /** A tarball of the whole database, for test snapshots. */
  async dump(): Promise<Blob> {
    return (await this.pglite.dumpDataDir('none')) as Blob;
  }

  async close(): Promise<void> {
    try {
      if (!this.pglite.closed) await this.pglite.close();
    } finally {
      this.lock?.release();
    }
  }
}

function toResult<Row>(result: { rows: Row[]; affectedRows?: number }): QueryResult<Row> {
  // PGlite reports affectedRows 0 for a SELECT: count returned rows first, as `pg` does.
  return { rows: result.rows, rowCount: result.rows.length || result.affectedRows || 0 };
}
