import { describe, expect, it } from '@jest/globals';
import { DatabaseStats } from '../../src/storage/database-stats.js';

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
