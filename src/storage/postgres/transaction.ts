import { checkOut, type Pool, type PoolClient } from './pool.js';

/**
 * Runs `work` in one transaction on one connection: committed when it resolves, rolled back when
 * it throws (the error is passed on). Use it wherever a change touches several rows.
 */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const connection = await checkOut(pool);
  const { client } = connection;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    connection.release();
  }
}

/** PostgreSQL's code for a unique constraint violated (23505). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | undefined)?.code === '23505';
}
