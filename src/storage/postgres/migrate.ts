import type { Logger } from '../../shared/logger.js';
import { checkOut, type Pool } from './pool.js';
import type { PgMigration } from './migrations/index.js';

/** The advisory lock every replica takes before migrating: one migrates, the others wait, then find nothing to do. */
export const MIGRATION_LOCK_KEY = 7_245_021_301;

/**
 * Brings the database's schema up to this version: each migration not yet in `schema_migrations`
 * runs in its own transaction, in order, under a session-level advisory lock. A database that has
 * migrations this version does not know (a newer tugibot ran on it) is refused, as lowdb's data
 * folder is: an older version could misread what the newer one wrote.
 */
export async function migrate(pool: Pool, migrations: readonly PgMigration[], logger: Logger): Promise<string[]> {
  const connection = await checkOut(pool);
  const { client } = connection;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
    const done = new Set((await client.query<{ id: string }>('SELECT id FROM schema_migrations')).rows.map((row) => row.id));
    const known = new Set(migrations.map((migration) => migration.id));
    const unknown = [...done].filter((id) => !known.has(id)).sort();
    if (unknown.length > 0) {
      throw new Error(`The database has migrations this tugibot does not know (${unknown.join(', ')}): a newer version ran on it. Run the newer version, or restore a backup.`);
    }
    const applied: string[] = [];
    for (const migration of migrations) {
      if (done.has(migration.id)) continue;
      logger.info({ migration: migration.id }, 'migrating the database');
      try {
        await client.query('BEGIN');
        await client.query(migration.sql);
        await client.query('INSERT INTO schema_migrations (id) VALUES ($1)', [migration.id]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw new Error(`Database migration ${migration.id} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(migration.id);
    }
    return applied;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    connection.release();
  }
}
