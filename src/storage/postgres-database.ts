import pg from 'pg';
import type {
  Database,
  ListenOptions,
  NotificationListener,
  QueryOptions,
  QueryResult,
  Transaction,
} from './database.js';
import { assertChannelName } from './database.js';
import { databaseStats } from './database-stats.js';

// bigint (count(*), bigserial ids) as JS numbers: our ids and counts stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

export interface PostgresOptions {
  connectionString: string;
  poolMax?: number;
  /** Called when the LISTEN connection fails and is being re-established (for logs). */
  onListenerError?: (error: Error) => void;
  /** Called when the LISTEN connection is back and every channel is subscribed again (for logs). */
  onListenerRestored?: () => void;
}

interface Subscriber {
  listener: NotificationListener;
  onResubscribed?: () => void;
}

/**
 * PostgreSQL through a `pg` pool, plus one dedicated connection that holds the LISTEN subscriptions
 * (a pooled connection would be handed to other queries and lose them). When that connection drops it
 * is re-opened and every channel is subscribed again; messages are stored before they are announced,
 * so a notification lost in the gap is recovered by the subscribers' `onResubscribed` re-read from
 * storage.
 *
 * A connection can drop at any moment (failover, restart, `pg_terminate_backend`), and a `pg` client
 * that emits `'error'` with no listener takes the whole process down: the pool guards its idle clients,
 * `pool.query` guards its own checkout, and `transaction()` guards the client it holds.
 */
export class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;
  private listenerClient: pg.Client | undefined;
  private connectingListener: Promise<pg.Client> | undefined;
  private readonly listeners = new Map<string, Set<Subscriber>>();
  /** True once a LISTEN connection was lost, until a new one holds every channel again. */
  private listenerLost = false;
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly options: PostgresOptions,
  ) {}

  static async open(options: PostgresOptions): Promise<PostgresDatabase> {
    const pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolMax ?? 10,
      keepAlive: true,
    });
    // An idle client that errors (server restart) must not crash the process; the pool replaces it.
    pool.on('error', () => undefined);
    const database = new PostgresDatabase(pool, options);
    await database.query('SELECT 1');
    return database;
  }

  async query<Row>(
    sql: string,
    params: unknown[] = [],
    options: QueryOptions = {},
  ): Promise<QueryResult<Row>> {
    databaseStats.roundTrips += 1;
    databaseStats.transactions += 1;
    const done = databaseStats.time(sql);
    const run = () => this.pool.query({ text: sql, values: params, name: options.prepareAs });
    try {
      const result = await run().catch((error: unknown) => {
        // A migration changed a table under a prepared statement's `*` (a rolling deployment): the pool
        // has already discarded the connection that held it; prepared again on another, it works.
        if (options.prepareAs && isStalePreparedPlan(error)) return run();
        throw error;
      });
      return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
    } finally {
      done();
    }
  }

  async exec(sql: string): Promise<void> {
    databaseStats.roundTrips += 1;
    databaseStats.transactions += 1;
    await this.pool.query(sql);
  }

  async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    // Guards the client for its whole checkout: a dropped connection while `work` awaits something else
    // would otherwise be an unhandled 'error' event. The failed query rejects on its own.
    let connectionError: Error | undefined;
    const onError = (error: Error) => {
      connectionError ??= error;
    };
    client.on('error', onError);
    let releaseError: Error | undefined;
    databaseStats.transactions += 1;
    try {
      databaseStats.roundTrips += 1;
      await client.query('BEGIN');
      const result = await work({
        query: async <Row>(sql: string, params: unknown[] = []) => {
          databaseStats.roundTrips += 1;
          const done = databaseStats.time(sql);
          try {
            const r = await client.query(sql, params);
            return { rows: r.rows as Row[], rowCount: r.rowCount ?? r.rows.length };
          } finally {
            done();
          }
        },
        exec: async (sql: string) => {
          databaseStats.roundTrips += 1;
          await client.query(sql);
        },
      });
      databaseStats.roundTrips += 1;
      const committed = databaseStats.time('COMMIT');
      await client.query('COMMIT').finally(committed);
      return result;
    } catch (error) {
      databaseStats.roundTrips += 1;
      databaseStats.rollbacks += 1;
      // A client whose ROLLBACK fails is in an unknown state: it must not go back to the pool.
      await client.query('ROLLBACK').catch((rollbackError: Error) => (releaseError = rollbackError));
      throw error;
    } finally {
      client.removeListener('error', onError);
      // Released with the error, the pool destroys the client instead of handing it out again.
      client.release(connectionError ?? releaseError);
    }
  }

  async listen(
    channel: string,
    listener: NotificationListener,
    options: ListenOptions = {},
  ): Promise<() => Promise<void>> {
    assertChannelName(channel);
    const subscriber: Subscriber = { listener, onResubscribed: options.onResubscribed };
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      const client = await this.listenClient();
      await client.query(`LISTEN ${channel}`);
    }
    set.add(subscriber);
    return async () => {
      const current = this.listeners.get(channel);
      if (!current) return;
      current.delete(subscriber);
      if (current.size === 0) {
        this.listeners.delete(channel);
        if (this.listenerClient && !this.closed)
          await this.listenerClient.query(`UNLISTEN ${channel}`).catch(() => undefined);
      }
    };
  }

  isListening(): boolean {
    return !this.closed && (this.listeners.size === 0 || this.listenerClient !== undefined);
  }

  async notify(channel: string, payload: string): Promise<void> {
    assertChannelName(channel);
    await this.query('SELECT pg_notify($1, $2)', [channel, payload]);
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.listenerClient;
    this.listenerClient = undefined;
    if (client) await client.end().catch(() => undefined);
    await this.pool.end();
  }

  private listenClient(): Promise<pg.Client> {
    if (this.listenerClient) return Promise.resolve(this.listenerClient);
    this.connectingListener ??= this.connectListener().finally(() => {
      this.connectingListener = undefined;
    });
    return this.connectingListener;
  }

  private async connectListener(): Promise<pg.Client> {
    const client = new pg.Client({ connectionString: this.options.connectionString, keepAlive: true });
    client.on('notification', (message) => {
      for (const subscriber of this.listeners.get(message.channel) ?? [])
        subscriber.listener(message.payload ?? '');
    });
    let failed = false;
    client.on('error', (error) => {
      if (failed) return; // One drop, one reconnect: the end of a broken connection may error again.
      failed = true;
      this.options.onListenerError?.(error);
      client.end().catch(() => undefined);
      // A failure while connecting rejects connectListener(), whose caller retries; a live one is ours.
      if (this.listenerClient !== client) return;
      this.listenerClient = undefined;
      this.listenerLost = true;
      if (!this.closed) void this.resubscribe();
    });
    try {
      await client.connect();
      for (const channel of this.listeners.keys()) await client.query(`LISTEN ${channel}`);
    } catch (error) {
      failed = true;
      client.end().catch(() => undefined);
      throw error;
    }
    if (failed || this.closed) {
      client.end().catch(() => undefined);
      throw new Error('LISTEN connection closed while subscribing');
    }
    this.listenerClient = client;
    if (this.listenerLost) {
      this.listenerLost = false;
      this.options.onListenerRestored?.();
      // Only now, with every LISTEN in place: what is stored from here on is announced, and what was
      // stored in the gap is read by the subscribers.
      for (const set of this.listeners.values()) for (const subscriber of set) subscriber.onResubscribed?.();
    }
    return client;
  }

  private async resubscribe(attempt = 0): Promise<void> {
    if (this.closed || this.listeners.size === 0) return;
    try {
      await this.listenClient();
    } catch (error) {
      this.options.onListenerError?.(error as Error);
      const delay = Math.min(5_000, 100 * 2 ** attempt);
      setTimeout(() => void this.resubscribe(attempt + 1), delay).unref();
    }
  }
}

/** PostgreSQL's refusal to run a prepared statement whose result columns changed since it was planned. */
function isStalePreparedPlan(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error as { code?: string }).code === '0A000' &&
    /cached plan must not change result type/.test(error.message)
  );
}
