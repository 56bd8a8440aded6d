import { join } from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { DataDir } from '../../src/storage/data-dir.js';
import { migrate } from '../../src/storage/postgres/migrate.js';
import { PG_MIGRATIONS } from '../../src/storage/postgres/migrations/index.js';
import { openPool, type Pool } from '../../src/storage/postgres/pool.js';
import { useTempDataDir } from './use-temp-data-dir.js';

/** How a data-move test reaches its stores on each engine. */
export interface DeskOpeners<Desk> {
  lowdb(dataDir: DataDir): Promise<Desk>;
  postgres(pool: Pool): Desk | Promise<Desk>;
}

/** One test's desks: lowdb data folders by name inside its temporary folder, PostgreSQL databases by URL. */
export interface DataMoveRig<Desk> {
  /** The test's temporary folder (the data folders and the export files go in it). */
  readonly path: string;
  lowdbConfig(name: string): Config;
  pgConfig(url: string): Config;
  /** Opens the data folder `name`, runs `work` on its stores and closes the folder. */
  onLowdb<T>(name: string, work: (desk: Desk) => Promise<T>): Promise<T>;
  /** Opens a pool on `url`, migrates the database (a no-op after an import), runs `work` on its stores and ends the pool. */
  onPostgres<T>(url: string, work: (desk: Desk) => Promise<T>): Promise<T>;
}

/**
 * The rig of the `npm run data -- export / import` tests: a new temporary folder for each test of
 * the enclosing block (`useTempDataDir`), and the same desk opened on lowdb or on PostgreSQL.
 */
export function useDataMoveRig<Desk>(prefix: string, open: DeskOpeners<Desk>): DataMoveRig<Desk> {
  const temp = useTempDataDir(prefix);
  return {
    get path() { return temp.path; },
    lowdbConfig: (name) => loadConfig({ DATA_DIR: join(temp.path, name) }),
    pgConfig: (url) => loadConfig({ DATA_DIR: join(temp.path, 'unused'), STORE: 'postgres', DATABASE_URL: url }),
    async onLowdb(name, work) {
      const dataDir = await temp.open(name);
      try {
        return await work(await open.lowdb(dataDir));
      } finally {
        await dataDir.close();
      }
    },
    async onPostgres(url, work) {
      const pool = await openPool(url, 'test', silentLogger());
      try {
        await migrate(pool, PG_MIGRATIONS, silentLogger());
        return await work(await open.postgres(pool));
      } finally {
        await pool.end();
      }
    },
  };
}
