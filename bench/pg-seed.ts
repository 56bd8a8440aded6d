// Shared by the PostgreSQL benches: a throw-away cluster (test/support/postgres.ts) and history
// written into the stores' own tables with multi-row INSERTs, so 100,000 cases take seconds.
import pg from 'pg';
import type { Case } from '../src/features/cases/index.js';
import type { ConversationAddress } from '../src/shared/messaging.js';
import { silentLogger } from '../src/shared/logger.js';
import { migrate } from '../src/storage/postgres/migrate.js';
import { PG_MIGRATIONS } from '../src/storage/postgres/migrations/index.js';
import { CASE_COLUMNS, caseValues } from '../src/storage/postgres/pg-case-store.js';
import { openPool } from '../src/storage/postgres/pool.js';
import { startPostgres, type PgServer } from '../test/support/postgres.js';

export { startPostgres, type PgServer };

const BATCH = 500;

async function insertMany(pool: pg.Pool, table: string, columns: string, rows: unknown[][]): Promise<void> {
  const width = rows[0]?.length ?? 0;
  for (let start = 0; start < rows.length; start += BATCH) {
    const batch = rows.slice(start, start + BATCH);
    const placeholders = batch.map((_, row) => `(${Array.from({ length: width }, (_, column) => `$${row * width + column + 1}`).join(', ')})`);
    await pool.query(`INSERT INTO ${table} (${columns}) VALUES ${placeholders.join(', ')}`, batch.flat());
  }
}

/**
 * A migrated database holding `cases` (closed history; the 2025 counter set past them) and
 * `people` personal chats, then ANALYZEd as autovacuum would have by the time a desk has that much.
 */
export async function seedPostgres(url: string, cases: Case[], people: ConversationAddress[] = []): Promise<void> {
  const pool = await openPool(url, 'bench', silentLogger());
  try {
    await migrate(pool, PG_MIGRATIONS, silentLogger());
    for (let start = 0; start < cases.length; start += 10_000) {
      await insertMany(pool, 'cases', CASE_COLUMNS, cases.slice(start, start + 10_000).map((item) => caseValues(item, 1)));
    }
    const years = new Map<number, number>();
    for (const item of cases) {
      const [, year, number] = /^TUGI-(\d{4})-(\d+)$/.exec(item.id) ?? [];
      if (year) years.set(Number(year), Math.max(years.get(Number(year)) ?? 0, Number(number)));
    }
    for (const [year, last] of years) await pool.query('INSERT INTO case_counters (year, last) VALUES ($1, $2)', [year, last]);
    const conversations = people.map((address, n) => [address.conversationId, 'personal', address.user?.aadObjectId?.toLowerCase() ?? null, null, address, n + 1, n + 1]);
    for (let start = 0; start < conversations.length; start += 10_000) {
      await insertMany(pool, 'conversations', 'conversation_id, kind, aad_object_id, channel_id, address, created, changed', conversations.slice(start, start + 10_000));
    }
    if (people.length > 0) await pool.query("SELECT setval('conversation_seq', $1)", [people.length + 1]);
    await pool.query('ANALYZE');
    const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
    if (rows[0].n !== cases.length) throw new Error(`seeded ${rows[0].n} cases, wanted ${cases.length}`);
  } finally {
    await pool.end();
  }
}
