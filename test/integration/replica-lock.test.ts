import { KeyedLock } from '../../src/shared/keyed-lock.js';
import { silentLogger } from '../../src/shared/logger.js';
import { openPool, type Pool } from '../../src/storage/postgres/pool.js';
import { ReplicaLock } from '../../src/storage/postgres/replica-lock.js';
import { describeWithPostgres } from '../support/postgres.js';

/** Runs `rounds` pieces of work under `key` on each lock at once; returns the most that were ever inside together. */
async function mostInside(locks: KeyedLock[], key: string, rounds = 6): Promise<number> {
  let inside = 0;
  let most = 0;
  const work = async () => {
    inside += 1;
    most = Math.max(most, inside);
    await new Promise((resolve) => setTimeout(resolve, 15));
    inside -= 1;
  };
  await Promise.all(locks.flatMap((lock) => Array.from({ length: rounds }, () => lock.run(key, work))));
  return most;
}

/** The intake, maintenance and reminder decisions run under `incidents:` keys: one replica at a time. */
describeWithPostgres('the keyed lock across replicas on one database', (server) => {
  const pools: Pool[] = [];
  afterEach(async () => {
    await Promise.all(pools.splice(0).map((pool) => pool.end().catch(() => undefined)));
  });
  async function pool(url: string): Promise<Pool> {
    const opened = await openPool(url, 'test', silentLogger());
    pools.push(opened);
    return opened;
  }

  it('lets one replica at a time into an incidents key', async () => {
    const url = await server().freshDatabase();
    expect(await mostInside([new ReplicaLock(await pool(url)), new ReplicaLock(await pool(url))], 'incidents:intake')).toBe(1);
  });

  it('shows why: two processes with their own locks both get in', async () => {
    expect(await mostInside([new KeyedLock(), new KeyedLock()], 'incidents:intake')).toBe(2);
  });

  it('keeps other keys local (no database round trip) and gives the lock back when the work fails', async () => {
    const url = await server().freshDatabase();
    const closed = await pool(url);
    await closed.end();
    // A case key on a lock whose pool is closed still runs: it never asks the database.
    await expect(new ReplicaLock(closed).run('case:TUGI-2026-00001', async () => 'local')).resolves.toBe('local');
    const [first, second] = [new ReplicaLock(await pool(url)), new ReplicaLock(await pool(url))];
    await expect(first.run('incidents:intake', async () => { throw new Error('work failed'); })).rejects.toThrow('work failed');
    await expect(second.run('incidents:intake', async () => 'after')).resolves.toBe('after');
  });

  it('gives the lock back when the replica holding it dies (its session ends)', async () => {
    const url = await server().freshDatabase();
    const dying = await pool(url);
    const survivor = new ReplicaLock(await pool(url));
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const entered = new Promise<void>((resolve) => {
      void new ReplicaLock(dying).run('incidents:intake', async () => { resolve(); await held; }).catch(() => undefined);
    });
    await entered;
    const admin = await pool(url);
    await admin.query("SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND classid = 7302 AND pid <> pg_backend_pid()");
    await expect(survivor.run('incidents:intake', async () => 'taken over')).resolves.toBe('taken over');
    release();
  });
});
