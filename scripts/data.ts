/**
 * `npm run data -- backup FILE`: a consistent backup of the data folder (DATA_DIR), the bot may run.
 * `npm run data -- restore FILE [--into DIR]`: restores into DIR (default DATA_DIR), which must be empty.
 */
import { resolve } from 'node:path';
import { loadConfig } from '../src/config.js';
import { writeBackupFile, restoreBackupFile } from '../src/storage/backup-file.js';
import { freezeDataDir } from '../src/storage/backup-requests.js';

const USAGE = 'Usage: npm run data -- backup FILE\n       npm run data -- restore FILE [--into DIR]\n';

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

async function main(argv: string[]): Promise<void> {
  const [command, file, flag, dir] = argv;
  if (!file || (command !== 'backup' && command !== 'restore') || (flag !== undefined && (flag !== '--into' || !dir || command !== 'restore'))) {
    process.stderr.write(USAGE);
    process.exit(2);
  }
  const dataDir = resolve(loadConfig().dataDir);
  if (command === 'backup') await backup(resolve(file), dataDir);
  else await restore(resolve(file), dir ? resolve(dir) : dataDir);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
