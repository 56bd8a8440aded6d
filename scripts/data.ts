/**
 * `npm run data -- backup FILE`: a consistent backup of the data folder (DATA_DIR), the bot may run.
 * `npm run data -- restore FILE [--into DIR]`: restores into DIR (default DATA_DIR), which must be empty.
 * `npm run data -- export FILE`: everything in the store named by STORE (lowdb or
 *   postgres) into an engine-neutral file; with lowdb the bot must be stopped.
 * `npm run data -- import FILE`: that file into the store named by STORE, which must hold no such data yet.
 */
import { resolve } from 'node:path';
import { loadConfig } from '../src/config.js';
import { createLogger } from '../src/shared/logger.js';
import { writeBackupFile, restoreBackupFile } from '../src/storage/backup-file.js';
import { freezeDataDir } from '../src/storage/backup-requests.js';
import type { SectionCounts } from '../src/storage/export-format.js';
import { exportData, importData } from '../src/storage/move-data.js';

const USAGE = 'Usage: npm run data -- backup FILE\n       npm run data -- restore FILE [--into DIR]\n'
  + '       npm run data -- export FILE   (from STORE)\n       npm run data -- import FILE   (into STORE)\n';

async function backup(file: string, dataDir: string): Promise<void> {
  const started = Date.now();
  const snapshot = await freezeDataDir(dataDir);
  try {
    const manifest = await writeBackupFile(snapshot.dir, file);
    const bytes = manifest.files.reduce((sum, entry) => sum + entry.size, 0);
    process.stdout.write(`Backed up ${manifest.files.length} files (${bytes} bytes) of ${dataDir} to ${file} in ${Date.now() - started} ms.\n`);
  } finally {
    await snapshot.done();
  }
}

async function restore(file: string, into: string): Promise<void> {
  const manifest = await restoreBackupFile(file, into);
  process.stdout.write(`Restored ${manifest.files.length} files from ${file} (taken ${manifest.createdAt}, schema ${manifest.schemaVersion}) into ${into}. Start the bot with DATA_DIR=${into}.\n`);
}

const summary = (counts: SectionCounts): string => Object.entries(counts).map(([section, count]) => `${section} ${count}`).join(', ') || 'nothing';

async function main(argv: string[]): Promise<void> {
  const [command, file, flag, dir] = argv;
  const known = ['backup', 'restore', 'export', 'import'];
  if (!file || !known.includes(command) || (flag !== undefined && (flag !== '--into' || !dir || command !== 'restore'))) {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  const config = loadConfig();
  const dataDir = resolve(config.dataDir);
  if (command === 'backup') return backup(resolve(file), dataDir);
  if (command === 'restore') return restore(resolve(file), dir ? resolve(dir) : dataDir);
  const logger = createLogger('warn', process.stderr);
  const where = config.store.kind === 'postgres' ? config.store.redactedUrl : dataDir;
  if (command === 'export') {
    const counts = await exportData(config, resolve(file), logger);
    process.stdout.write(`Exported from ${config.store.kind} (${where}) to ${file}: ${summary(counts)}.\n`);
  } else {
    const counts = await importData(config, resolve(file), logger);
    process.stdout.write(`Imported ${file} into ${config.store.kind} (${where}): ${summary(counts)}.\n`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
