import { silentLogger } from '../../../src/shared/logger.js';
import { migrate } from '../../../src/storage/postgres/migrate.js';
import { PG_MIGRATIONS, type PgMigration } from '../../../src/storage/postgres/migrations/index.js';
import { openPool, type Pool } from '../../../src/storage/postgres/pool.js';
import { withTransaction } from '../../../src/storage/postgres/transaction.js';
import { describeWithPostgres } from '../../support/postgres.js';

describe('the migration list', () => {
  it('has unique ids in the order they run', () => {
    const ids = PG_MIGRATIONS.map((migration) => migration.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual(ids);
    for (const id of ids) expect(id).toMatch(/^\d{3}-[a-z0-9-]+$/);
  });
});

describeWithPostgres('PostgreSQL migrations', (server) => {
  const pools: Pool[] = [];
  const poolOn = async (url: string) => {
    const pool = await openPool(url, 'test', silentLogger(), { max: 3 });
    pools.push(pool);
    return pool;
  };
  afterEach(async () => { while (pools.length > 0) await pools.pop()?.end(); });

  it('migrates once when several replicas start at the same moment: one migrates, the others wait', async () => {
    const url = await server().freshDatabase();
    const replicas = await Promise.all([1, 2, 3, 4].map(() => poolOn(url)));
    const applied = await Promise.all(replicas.map((pool) => migrate(pool, PG_MIGRATIONS, silentLogger())));
    expect(applied.filter((ids) => ids.length > 0)).toEqual([PG_MIGRATIONS.map((migration) => migration.id)]);
    const { rows } = await replicas[0].query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id');
    expect(rows.map((row) => row.id)).toEqual(PG_MIGRATIONS.map((migration) => migration.id));
    expect(await migrate(replicas[1], PG_MIGRATIONS, silentLogger())).toEqual([]);
  });

  it('rolls a failed migration back whole and names it, and refuses a database a newer version migrated', async () => {
    const pool = await poolOn(await server().freshDatabase());
    const broken: PgMigration = { id: '900-broken', sql: 'CREATE TABLE half (id int); SELECT * FROM missing_table;' };
    await expect(migrate(pool, [...PG_MIGRATIONS, broken], silentLogger())).rejects.toThrow(/900-broken failed: .*missing_table/);
    expect((await pool.query("SELECT to_regclass('half') AS t")).rows[0].t).toBeNull();
    await pool.query("INSERT INTO schema_migrations (id) VALUES ('999-from-the-future')");
    await expect(migrate(pool, PG_MIGRATIONS, silentLogger())).rejects.toThrow(/does not know \(999-from-the-future\)/);
  });

  it('commits a transaction whole or not at all', async () => {
    const pool = await poolOn(await server().freshDatabase());
    await migrate(pool, PG_MIGRATIONS, silentLogger());
    await expect(withTransaction(pool, async (client) => {
      await client.query("INSERT INTO settings (key, value) VALUES ('a', '1')");
      throw new Error('halfway');
    })).rejects.toThrow('halfway');
    expect((await pool.query("SELECT count(*)::int AS n FROM settings WHERE key = 'a'")).rows[0].n).toBe(0);
    await withTransaction(pool, async (client) => { await client.query("INSERT INTO settings (key, value) VALUES ('a', '1')"); });
    expect((await pool.query("SELECT count(*)::int AS n FROM settings WHERE key = 'a'")).rows[0].n).toBe(1);
  });

  it('names the database without its password when it cannot connect', async () => {
    await expect(openPool(`postgres://postgres:secret-pw@127.0.0.1:${server().port}/no_such_db`, 'postgres://postgres:***@127.0.0.1/no_such_db', silentLogger()))
      .rejects.toThrow(/^Cannot connect to PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1\/no_such_db: .*no_such_db/);
  });
});
