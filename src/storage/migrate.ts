import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fromProjectRoot } from '../project-root.js';
import type { Database } from './database.js';

export interface Migration {
  version: string;
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: string[];
}

export class MigrationError extends Error {
  override name = 'MigrationError';
}

export const MIGRATIONS_DIR = fromProjectRoot('migrations');

// One arbitrary key for pg_advisory_xact_lock: two instances starting together apply each file once.
const MIGRATION_LOCK_KEY = 727_4011;

/** Reads `NNN-name.sql` files in version order. */
export function readMigrations(directory = MIGRATIONS_DIR): Migration[] {
  return readdirSync(directory)
    .filter((file) => /^\d{3}-[a-z0-9-]+\.sql$/.test(file))
    .sort()
    .map((file) => {
      const sql = readFileSync(join(directory, file), 'utf8');
      return {
        version: file.slice(0, 3),
        name: file.replace(/\.sql$/, ''),
        sql,
        checksum: createHash('sha256').update(sql).digest('hex'),
      };
    });
}

/**
 * Applies each pending migration in its own transaction and records it in `schema_migrations`.
 * Safe to run twice and from two instances at once (advisory lock, then re-check inside the lock).
 * A file changed after it was applied is refused: a migration is history, a new change is a new file.
 */
export async function migrate(database: Database, migrations = readMigrations()): Promise<MigrationReport> {
  // Under the lock too: two sessions running CREATE TABLE IF NOT EXISTS at once on an empty database
  // both see no table, and the second fails on PostgreSQL's catalog ("duplicate key value violates
  // unique constraint pg_type_typname_nsp_index") — what service workers starting together hit.
  await database.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
    await tx.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version text PRIMARY KEY,
      name text NOT NULL,
      checksum text NOT NULL,
      applied_at timestamptz NOT NULL DEFAULT now()
    )`);
  });
  const report: MigrationReport = { applied: [], alreadyApplied: [] };
  for (const migration of migrations) {
    const outcome = await database.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY]);
      const existing = await tx.query<{ checksum: string }>(
        'SELECT checksum FROM schema_migrations WHERE version = $1',
        [migration.version],
      );
      if (existing.rows[0]) {
        if (existing.rows[0].checksum !== migration.checksum) {
          throw new MigrationError(
            `Migration ${migration.name} was changed after it was applied; add a new migration instead.`,
          );
        }
        return 'already' as const;
      }
      try {
        await tx.exec(migration.sql);
      } catch (error) {
        throw new MigrationError(`Migration ${migration.name} failed: ${(error as Error).message}`);
      }
      await tx.query('INSERT INTO schema_migrations (version, name, checksum) VALUES ($1, $2, $3)', [
        migration.version,
        migration.name,
        migration.checksum,
      ]);
      return 'applied' as const;
    });
    (outcome === 'applied' ? report.applied : report.alreadyApplied).push(migration.name);
  }
  return report;
}

/** True when every migration file has been applied (used by /ready). */
export async function migrationsAreCurrent(
  database: Database,
  migrations = readMigrations(),
): Promise<boolean> {
  const { rows } = await database.query<{ version: string }>('SELECT version FROM schema_migrations');
  const applied = new Set(rows.map((row) => row.version));
  return migrations.every((migration) => applied.has(migration.version));
}
