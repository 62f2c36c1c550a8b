import { describe, expect, it } from '@jest/globals';
import { EventEmitter } from 'node:events';
import {
  askForDatabaseStats,
  DatabaseStats,
  DB_STATS_MESSAGE,
  sumDatabaseStats,
} from '../../src/storage/database-stats.js';

describe('DatabaseStats', () => {
  it('times statements only once timing is switched on, under their collapsed first words', async () => {
    const stats = new DatabaseStats();
    stats.time('SELECT 1')();
    expect(stats.snapshot().statements).toEqual([]);
    stats.enableTiming();
    for (let call = 0; call < 3; call += 1) {
      const done = stats.time('SELECT *\n    FROM conversations   WHERE id = $1');
      await new Promise((resolve) => setTimeout(resolve, 2));
      done();
    }
    const [figures] = stats.snapshot().statements;
    expect(figures.statement).toBe('SELECT * FROM conversations WHERE id = $1');
    expect(figures.calls).toBe(3);
    expect(figures.totalMs).toBeGreaterThan(3);
  });

  it('counts generated statements past its limit under one label instead of growing without bound', () => {
    const stats = new DatabaseStats();
    stats.enableTiming();
    for (let index = 0; index < 1_000; index += 1) stats.time(`SELECT ${index}`)();
    const statements = stats.snapshot().statements;
    expect(statements.length).toBeLessThanOrEqual(301);
    expect(statements.find((figures) => figures.statement === '(other statements)')?.calls).toBe(700);
  });
});

describe('sumDatabaseStats', () => {
  it('adds the counts of several processes and merges their statements by label', () => {
    const total = sumDatabaseStats([
      {
        roundTrips: 3,
        transactions: 2,
        rollbacks: 0,
        statements: [
          { statement: 'SELECT a', calls: 2, totalMs: 4 },
          { statement: 'UPDATE b', calls: 1, totalMs: 1 },
        ],
      },
      undefined,
      {
        roundTrips: 5,
        transactions: 4,
        rollbacks: 1,
        statements: [{ statement: 'SELECT a', calls: 3, totalMs: 6 }],
      },
    ]);
    expect(total).toEqual({
      roundTrips: 8,
      transactions: 6,
      rollbacks: 1,
      statements: [
        { statement: 'SELECT a', calls: 5, totalMs: 10 },
        { statement: 'UPDATE b', calls: 1, totalMs: 1 },
      ],
    });
  });

  it('is all zeros when no process answered', () => {
    expect(sumDatabaseStats([undefined])).toEqual({
      roundTrips: 0,
      transactions: 0,
      rollbacks: 0,
      statements: [],
    });
  });
});

describe('askForDatabaseStats', () => {
  const snapshot = { roundTrips: 1, transactions: 1, rollbacks: 0, statements: [] };
  /** A child's IPC side that answers (or not) the way a reporting process does. */
  function channel(answers: boolean, connected?: boolean) {
    const events = new EventEmitter();
    return Object.assign(events, {
      connected,
      send(message: unknown) {
        if (answers && (message as { type?: string }).type === DB_STATS_MESSAGE) {
          setImmediate(() => events.emit('message', { type: DB_STATS_MESSAGE, stats: snapshot }));
        }
        return true;
      },
    });
  }

  it('resolves with the counters the child answers, and stops listening', async () => {
    const child = channel(true, true);
    await expect(askForDatabaseStats(child, 1_000)).resolves.toEqual(snapshot);
    expect(child.listenerCount('message')).toBe(0);
  });

  it('is undefined for a disconnected child and for one that does not answer in time', async () => {
    await expect(askForDatabaseStats(channel(true, false), 1_000)).resolves.toBeUndefined();
    const silent = channel(false);
    await expect(askForDatabaseStats(silent, 20)).resolves.toBeUndefined();
    expect(silent.listenerCount('message')).toBe(0);
  });
});
