import { silentLogger } from '../../src/shared/logger.js';
import { openPool, type Pool } from '../../src/storage/postgres/pool.js';
import { withTransaction } from '../../src/storage/postgres/transaction.js';
import { describeWithPostgres } from '../support/postgres.js';

/**
 * A database connection ended by the server (a restart, a failover, an administrator) while a
 * transaction holds it between two statements: the transaction fails, the process goes on.
 */
describeWithPostgres('a connection lost inside a transaction', (server) => {
  let pool: Pool;
  afterEach(async () => {
    await pool.end().catch(() => undefined);
  });

  it('rejects the transaction instead of ending the process, and the pool serves the next one', async () => {
    pool = await openPool(await server().freshDatabase(), 'test', silentLogger());
    const admin = await openPool(server().url(), 'test', silentLogger());
    try {
      const lost = withTransaction(pool, async (client) => {
        const { rows } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
        await admin.query('SELECT pg_terminate_backend($1)', [rows[0].pid]);
        // The 'error' event arrives while no statement runs.
        await new Promise((resolve) => setTimeout(resolve, 200));
        await client.query('SELECT 1');
      });
      await expect(lost).rejects.toThrow();
      await expect(withTransaction(pool, async (client) => (await client.query<{ one: number }>('SELECT 1 AS one')).rows[0].one)).resolves.toBe(1);
    } finally {
      await admin.end();
    }
  });
});
