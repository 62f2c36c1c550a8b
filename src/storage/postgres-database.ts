import pg from 'pg';
import type { Database, NotificationListener, QueryResult, Transaction } from './database.js';
import { assertChannelName } from './database.js';

// bigint (count(*), bigserial ids) as JS numbers: our ids and counts stay far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

export interface PostgresOptions {
  connectionString: string;
  poolMax?: number;
  /** Called when the LISTEN connection fails and is being re-established (for logs). */
  onListenerError?: (error: Error) => void;
}

/**
 * PostgreSQL through a `pg` pool, plus one dedicated connection that holds the LISTEN subscriptions
 * (a pooled connection would be handed to other queries and lose them). When that connection drops it
 * is re-opened and every channel is subscribed again; messages are stored before they are announced,
 * so a notification lost in the gap is recovered by the readers' replay from storage.
 */
export class PostgresDatabase implements Database {
  readonly kind = 'postgres' as const;
  private listenerClient: pg.Client | undefined;
  private connectingListener: Promise<pg.Client> | undefined;
  private readonly listeners = new Map<string, Set<NotificationListener>>();
  private closed = false;

  private constructor(
    private readonly pool: pg.Pool,
    private readonly options: PostgresOptions,
  ) {}

  static async open(options: PostgresOptions): Promise<PostgresDatabase> {
    const pool = new pg.Pool({ connectionString: options.connectionString, max: options.poolMax ?? 10 });
    // An idle client that errors (server restart) must not crash the process; the pool replaces it.
    pool.on('error', () => undefined);
    const database = new PostgresDatabase(pool, options);
    await database.query('SELECT 1');
    return database;
  }

  async query<Row>(sql: string, params: unknown[] = []): Promise<QueryResult<Row>> {
    const result = await this.pool.query(sql, params);
    return { rows: result.rows as Row[], rowCount: result.rowCount ?? result.rows.length };
  }

  async exec(sql: string): Promise<void> {
    await this.pool.query(sql);
  }

  async transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      const result = await work({
        query: async <Row>(sql: string, params: unknown[] = []) => {
          const r = await client.query(sql, params);
          return { rows: r.rows as Row[], rowCount: r.rowCount ?? r.rows.length };
        },
        exec: async (sql: string) => {
          await client.query(sql);
        },
      });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  }

  async listen(channel: string, listener: NotificationListener): Promise<() => Promise<void>> {
    assertChannelName(channel);
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      const client = await this.listenClient();
      await client.query(`LISTEN ${channel}`);
    }
    set.add(listener);
    return async () => {
      const current = this.listeners.get(channel);
      if (!current) return;
      current.delete(listener);
      if (current.size === 0) {
        this.listeners.delete(channel);
        if (this.listenerClient && !this.closed)
          await this.listenerClient.query(`UNLISTEN ${channel}`).catch(() => undefined);
      }
    };
  }

  async notify(channel: string, payload: string): Promise<void> {
    assertChannelName(channel);
    await this.pool.query('SELECT pg_notify($1, $2)', [channel, payload]);
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
    const client = new pg.Client({ connectionString: this.options.connectionString });
    client.on('notification', (message) => {
      for (const listener of this.listeners.get(message.channel) ?? []) listener(message.payload ?? '');
    });
    client.on('error', (error) => {
      this.options.onListenerError?.(error);
      if (this.listenerClient === client) this.listenerClient = undefined;
      client.end().catch(() => undefined);
      if (!this.closed) void this.resubscribe();
    });
    await client.connect();
    for (const channel of this.listeners.keys()) await client.query(`LISTEN ${channel}`);
    this.listenerClient = client;
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
