import pg from 'pg';
import type { Logger } from '../../shared/logger.js';

export type Pool = pg.Pool;
export type PoolClient = pg.PoolClient;
/** What runs a query: the pool, or one client inside a transaction. */
export type Queryable = Pick<pg.Pool, 'query'> | pg.PoolClient;

export interface PoolOptions {
  /** Connections per process; every replica has its own pool. */
  max?: number;
}

/**
 * A pool of connections to DATABASE_URL, checked once before it is handed out so a wrong address
 * fails the start with a clear message. `redacted` is the address without its password: errors and
 * logs name it, never the password.
 */
export async function openPool(url: string, redacted: string, logger: Logger, options: PoolOptions = {}): Promise<Pool> {
  const pool = new pg.Pool({ connectionString: url, max: options.max ?? 10, connectionTimeoutMillis: 10_000, application_name: 'tugibot' });
  // An idle client losing its connection (a database restart) must not crash the process: the pool replaces it.
  pool.on('error', (error) => logger.warn({ err: { message: error.message }, database: redacted }, 'an idle database connection failed; the pool replaces it'));
  try {
    await pool.query('SELECT 1');
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new Error(`Cannot connect to PostgreSQL at ${redacted}: ${(error as Error).message}`, { cause: error });
  }
  return pool;
}
