import type { Pool, PoolClient } from './pool.js';

/**
 * Runs `work` in one transaction on one connection: committed when it resolves, rolled back when
 * it throws (the error is passed on). Use it wherever a change touches several rows.
 */
export async function withTransaction<T>(pool: Pool, work: (client: PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  // Between two statements the connection is checked out but idle: if the server ends it then, the
  // client emits 'error', which without a listener would end the process. The next statement fails instead.
  let broken: unknown;
  const onError = (error: unknown) => { broken = error; };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.off('error', onError);
    client.release(broken === undefined ? undefined : true);
  }
}

/** PostgreSQL's code for a unique constraint violated (23505). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: string } | undefined)?.code === '23505';
}
