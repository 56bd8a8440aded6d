import type { Config } from '../config.js';
import type { Logger } from '../shared/logger.js';
import { DataDir } from './data-dir.js';
import { checkExportFile, readExportFile, writeExportFile, type SectionCounts } from './export-format.js';
import { exportLowdb, importLowdb } from './lowdb-export.js';
import { exportPostgres, importPostgres } from './postgres/export.js';
import { migrate } from './postgres/migrate.js';
import { PG_MIGRATIONS } from './postgres/migrations/index.js';
import { openPool, type Pool } from './postgres/pool.js';

async function withStore<T>(config: Config, logger: Logger, work: { lowdb(dataDir: DataDir): Promise<T>; postgres(pool: Pool): Promise<T> }): Promise<T> {
  if (config.store.kind === 'postgres') {
    const pool = await openPool(config.store.databaseUrl, config.store.redactedUrl, logger, { max: 2 });
    try {
      await migrate(pool, PG_MIGRATIONS, logger);
      return await work.postgres(pool);
    } finally {
      await pool.end();
    }
  }
  // Opening the folder takes its lock: a running bot (or another export) makes this fail with a clear message.
  const dataDir = await DataDir.open(config.dataDir, logger);
  try {
    return await work.lowdb(dataDir);
  } finally {
    await dataDir.close();
  }
}

/** `npm run data -- export FILE`: everything the store named by STORE holds, into FILE. */
export function exportData(config: Config, file: string, logger: Logger): Promise<SectionCounts> {
  return withStore(config, logger, {
    lowdb: (dataDir) => writeExportFile(file, 'lowdb', exportLowdb(dataDir)),
    postgres: (pool) => writeExportFile(file, 'postgres', exportPostgres(pool)),
  });
}

/**
 * `npm run data -- import FILE`: into the (empty) store named by STORE. The whole file is checked
 * first, so a damaged file writes nothing.
 */
export async function importData(config: Config, file: string, logger: Logger): Promise<SectionCounts> {
  await checkExportFile(file);
  return withStore(config, logger, {
    lowdb: (dataDir) => importLowdb(dataDir, readExportFile(file)),
    postgres: (pool) => importPostgres(pool, readExportFile(file)),
  });
}
