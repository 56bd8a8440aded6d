import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../src/shared/logger.js';
import { DataDir } from '../../src/storage/data-dir.js';
import { migrate } from '../../src/storage/postgres/migrate.js';
import { PG_MIGRATIONS } from '../../src/storage/postgres/migrations/index.js';
import { openPool, type Pool } from '../../src/storage/postgres/pool.js';
import type { PgServer } from '../support/postgres.js';

/**
 * Opens a fresh, empty store; `reopen` opens the same data again (a restart). `peer` is a second
 * writer on the same data at the same time: another replica on PostgreSQL; on lowdb, where one
 * process owns the folder, the same store (its concurrent callers are the other writers).
 */
export interface StoreFactory<S> {
  open(): Promise<S>;
  reopen(): Promise<S>;
  peer(): Promise<S>;
}

/** A contract suite: the name of the engine and how to make stores on it, fresh for each test. */
export type ContractSuite<S> = (factory: () => StoreFactory<S>) => void;

const cleanups: Array<() => Promise<void>> = [];

/** Closes what the factories opened; call once per test file (afterEach). */
export async function closeStores(): Promise<void> {
  while (cleanups.length > 0) await cleanups.pop()?.().catch(() => undefined);
}

/** Stores in a lowdb data folder in a temp dir; `reopen` closes the folder and opens it again. */
export function lowdbFactory<S>(make: (dataDir: DataDir) => Promise<S>): () => StoreFactory<S> {
  return () => {
    const dir = mkdtempSync(join(tmpdir(), 'tugibot-contract-'));
    let current: DataDir | undefined;
    let store: S | undefined;
    cleanups.push(async () => { await current?.close(); rmSync(dir, { recursive: true, force: true }); });
    const open = async () => {
      await current?.close();
      current = await DataDir.open(dir, silentLogger());
      store = await make(current);
      return store;
    };
    return { open, reopen: open, peer: async () => store ?? open() };
  };
}

/** Stores on a fresh, migrated database; `reopen` is a second pool on it (another replica). */
export function postgresFactory<S>(server: () => PgServer, make: (pool: Pool) => Promise<S> | S): () => StoreFactory<S> {
  return () => {
    let url: string | undefined;
    const pool = async () => {
      const opened = await openPool(url as string, 'test database', silentLogger());
      cleanups.push(() => opened.end());
      return opened;
    };
    return {
      async open() {
        url = await server().freshDatabase();
        const opened = await pool();
        await migrate(opened, PG_MIGRATIONS, silentLogger());
        return make(opened);
      },
      async reopen() {
        return make(await pool());
      },
      async peer() {
        return make(await pool());
      },
    };
  };
}
