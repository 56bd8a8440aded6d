import { KeyedLock } from '../../shared/keyed-lock.js';
import { checkOut, type Pool } from './pool.js';

/** The advisory-lock class of the app's keys (the migration lock uses the one-number form, so they never meet). */
const KEY_CLASS = 7302;

/**
 * The app's keyed lock when replicas share one database: keys with a prefix in `shared` are also
 * held in PostgreSQL (a session advisory lock on a connection of its own for as long as the work
 * runs), so "under the lock" means under it on every replica. Today that is the incidents
 * feature's intake, maintenance and reminder decisions, which read, decide and save several
 * records; cases, access and cards decide by compare-and-set or a unique insert instead and need
 * no round trip. The local lock is taken first, so one replica holds at most one connection per
 * key. A replica that dies loses its session, and with it the lock.
 */
export class ReplicaLock extends KeyedLock {
  constructor(private readonly pool: Pool, private readonly shared: readonly string[] = ['incidents:']) {
    super();
  }

  override run<T>(key: string, work: () => Promise<T>): Promise<T> {
    if (!this.shared.some((prefix) => key.startsWith(prefix))) return super.run(key, work);
    return super.run(key, async () => {
      const connection = await checkOut(this.pool);
      let locked = false;
      try {
        await connection.client.query('SELECT pg_advisory_lock($1, hashtext($2))', [KEY_CLASS, key]);
        locked = true;
        return await work();
      } finally {
        // A connection that broke took the lock with its session; a failed unlock ends the session instead, which releases it as well.
        const unlocked = !connection.broken() && (!locked || (await connection.client.query('SELECT pg_advisory_unlock($1, hashtext($2))', [KEY_CLASS, key]).then(() => true, () => false)));
        connection.release(!unlocked);
      }
    });
  }
}
