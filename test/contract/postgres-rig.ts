import { silentLogger } from '../../src/shared/logger.js';
import { migrate } from '../../src/storage/postgres/migrate.js';
import { PG_MIGRATIONS } from '../../src/storage/postgres/migrations/index.js';
import { openPool, type Pool } from '../../src/storage/postgres/pool.js';
import type { PgServer } from '../support/postgres.js';
import type { StoreRig } from './store-rig.js';

/**
 * A store on a fresh, migrated database. `reopen` and `second` are new pools on the same database:
 * a restarted process, and a second replica running at the same time.
 */
export async function postgresRig<S>(server: PgServer, make: (pool: Pool) => S): Promise<StoreRig<S>> {
  const url = await server.freshDatabase();
  const pools: Pool[] = [];
  const pool = async () => {
    const opened = await openPool(url, 'test database', silentLogger(), { max: 5 });
    pools.push(opened);
    return opened;
  };
  const first = await pool();
  await migrate(first, PG_MIGRATIONS, silentLogger());
  const rig: StoreRig<S> = {
    store: make(first),
    async reopen() {
      rig.store = make(await pool());
      return rig.store;
    },
    async second() {
      return make(await pool());
    },
    async close() {
      await Promise.all(pools.map((opened) => opened.end()));
    },
  };
  return rig;
}
