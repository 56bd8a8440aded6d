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

/** One connection taken from the pool for several statements; give it back with `release`. */
export interface CheckedOut {
  client: PoolClient;
  /** Whether the server ended the connection while it was out. */
  broken(): boolean;
  /** Returns the connection to the pool, or throws it away when it broke or `discard` says so (its session ends). */
  release(discard?: boolean): void;
}

/**
 * Takes a connection for several statements. Between two of them the connection sits idle in our
 * hands: if the server ends it then (a restart, a failover), the client emits 'error', which with
 * no listener would end the process. Here it marks the connection broken: the next statement fails
 * and `release` throws the connection away instead of returning it to the pool.
 */
export async function checkOut(pool: Pool): Promise<CheckedOut> {
  const client = await pool.connect();
  let failed = false;
  const onError = () => { failed = true; };
  client.on('error', onError);
  return {
    client,
    broken: () => failed,
    release: (discard = false) => {
      client.off('error', onError);
      client.release(failed || discard ? true : undefined);
    },
  };
}
