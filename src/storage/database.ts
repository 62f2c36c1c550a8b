/**
 * The one data-access interface of the app. Two implementations run the same SQL: PostgreSQL through a
 * `pg` pool (production, several instances) and PGlite (Postgres compiled to WebAssembly, one process,
 * no server to install). Callers never learn which one they have, except through `kind` for the few
 * places that must differ (e.g. connection limits in benchmarks).
 */
export interface QueryResult<Row> {
  rows: Row[];
  rowCount: number;
}

export interface QueryOptions {
  /**
   * Keep the statement prepared on each connection under this name, so that PostgreSQL parses and
   * plans it once per connection instead of on every call. Only for a statement whose text never
   * changes and that runs on every turn; PGlite runs in-process and ignores it.
   */
  prepareAs?: string;
}

export interface Queryable {
  query<Row = Record<string, unknown>>(
    sql: string,
    params?: unknown[],
    options?: QueryOptions,
  ): Promise<QueryResult<Row>>;
}

/** What a transaction's work receives: queries, and multi-statement SQL for migrations. */
export interface Transaction extends Queryable {
  exec(sql: string): Promise<void>;
}

export type NotificationListener = (payload: string) => void;

export interface ListenOptions {
  /**
   * Called when the subscription was lost (the LISTEN connection dropped) and is live again.
   * Notifications sent in the gap are gone: the subscriber re-reads from storage what it shows.
   */
  onResubscribed?: () => void;
}

export interface Database extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Runs several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Transaction) => Promise<T>): Promise<T>;
  /** Subscribes to a NOTIFY channel; resolves to the function that unsubscribes. */
  listen(
    channel: string,
    listener: NotificationListener,
    options?: ListenOptions,
  ): Promise<() => Promise<void>>;
  /** Whether every subscribed channel receives notifications right now (false while re-subscribing). */
  isListening(): boolean;
  notify(channel: string, payload: string): Promise<void>;
  close(): Promise<void>;
}

/** Channel names are identifiers in LISTEN; only this shape is ever interpolated into SQL. */
export function assertChannelName(channel: string): void {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(channel)) throw new Error(`Invalid notification channel: ${channel}`);
}
