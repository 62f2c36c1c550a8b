import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { migrate, readMigrations } from '../../src/storage/migrate.js';
import { BACKENDS, createTestDatabase, type TestDatabase } from '../support/test-databases.js';
import { waitFor } from '../support/wait-for.js';

describe.each(BACKENDS)('database on %s', (backend) => {
  let testDatabase: TestDatabase;
  beforeAll(async () => {
    testDatabase = await createTestDatabase(backend);
  });
  afterAll(async () => testDatabase?.dispose());

  it('has every migration applied once, and a second run is a no-op', async () => {
    const { database } = testDatabase;
    const report = await migrate(database);
    expect(report.applied).toEqual([]);
    expect(report.alreadyApplied).toEqual(readMigrations().map((migration) => migration.name));
    const { rows } = await database.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    expect(rows[0].n).toBe(readMigrations().length);
  });

  it('has the vector, pg_trgm and unaccent extensions and the ro_unaccent search configuration', async () => {
    const { rows } = await testDatabase.database.query<{ extname: string }>(
      "SELECT extname FROM pg_extension WHERE extname IN ('vector', 'pg_trgm', 'unaccent') ORDER BY extname",
    );
    expect(rows.map((row) => row.extname)).toEqual(['pg_trgm', 'unaccent', 'vector']);
    const stems = await testDatabase.database.query<{ a: string; b: string }>(
      "SELECT to_tsvector('ro_unaccent', 'autorizație')::text AS a, to_tsvector('ro_unaccent', 'autorizatie')::text AS b",
    );
    expect(stems.rows[0].a).toBe(stems.rows[0].b);
    const distance = await testDatabase.database.query<{ d: number }>(
      "SELECT '[1,0]'::vector <=> '[0,1]'::vector AS d",
    );
    expect(distance.rows[0].d).toBeCloseTo(1);
  });

  it('stores answers with lz4 where the server has it, the default compression on PGlite', async () => {
    const { rows } = await testDatabase.database.query<{ attname: string; attcompression: string }>(
      `SELECT attname, attcompression::text AS attcompression FROM pg_attribute
       WHERE attrelid = 'messages'::regclass AND attname IN ('text', 'sources', 'suggestions', 'sections', 'meta')`,
    );
    expect(rows).toHaveLength(5);
    const expected = backend === 'postgres' ? 'l' : '';
    for (const row of rows)
      expect({ [row.attname]: row.attcompression }).toEqual({ [row.attname]: expected });
  });

  it('refuses a migration file that changed after it was applied', async () => {
    const [first] = readMigrations();
    await expect(migrate(testDatabase.database, [{ ...first, checksum: 'changed' }])).rejects.toThrow(
      /was changed after it was applied/,
    );
  });

  it('keeps a named statement prepared, and runs it again after a migration changed its columns', async () => {
    const { database } = testDatabase;
    await database.exec(
      'CREATE TABLE prepared_probe (id int PRIMARY KEY); INSERT INTO prepared_probe VALUES (1)',
    );
    const read = () =>
      database.query('SELECT * FROM prepared_probe WHERE id = $1', [1], { prepareAs: 'prepared_probe' });
    expect((await read()).rows).toEqual([{ id: 1 }]);
    expect((await read()).rows).toEqual([{ id: 1 }]);
    // On PostgreSQL the statement's plan now returns the wrong columns: the server refuses it once.
    await database.exec('ALTER TABLE prepared_probe ADD COLUMN note text');
    expect((await read()).rows).toEqual([{ id: 1, note: null }]);
    expect((await read()).rows).toEqual([{ id: 1, note: null }]);
  });

  it('rolls a failed transaction back and commits a successful one', async () => {
    const { database } = testDatabase;
    await database.exec('CREATE TABLE tx_probe (id int PRIMARY KEY)');
    await expect(
      database.transaction(async (tx) => {
        await tx.query('INSERT INTO tx_probe VALUES (1)');
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    await database.transaction(async (tx) => tx.query('INSERT INTO tx_probe VALUES (2)'));
    const { rows } = await database.query<{ id: number }>('SELECT id FROM tx_probe');
    expect(rows).toEqual([{ id: 2 }]);
  });

  it('returns bigint counts as numbers and row counts for updates', async () => {
    const { database } = testDatabase;
    const count = await database.query<{ n: number }>('SELECT count(*) AS n FROM schema_migrations');
    expect(typeof count.rows[0].n).toBe('number');
    await database.exec('CREATE TABLE count_probe (id int); INSERT INTO count_probe VALUES (1), (2), (3)');
    const update = await database.query('UPDATE count_probe SET id = id + 10 WHERE id < 3');
    expect(update.rowCount).toBe(2);
  });

  it('delivers NOTIFY payloads to listeners until they unsubscribe', async () => {
    const { database } = testDatabase;
    const received: string[] = [];
    const unsubscribe = await database.listen('antonia_probe', (payload) => received.push(payload));
    await database.notify('antonia_probe', 'one');
    await waitFor(() => received.length === 1, 'the notification');
    await unsubscribe();
    await database.notify('antonia_probe', 'two');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toEqual(['one']);
  });
});
