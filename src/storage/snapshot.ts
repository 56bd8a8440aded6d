import { copyFileSync, existsSync, linkSync, mkdirSync, promises as fs, readdirSync, rmSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { recordWrites, withWritesPaused } from './write-gate.js';

/** Where snapshots and backup requests live inside the data folder; never part of a backup. */
export const BACKUP_FOLDER = '.backup';
/** Not data: the running bot's lock, snapshots in progress (and half-written `.tmp` files). */
const SKIPPED_TOP = new Set(['lock', BACKUP_FOLDER]);
/** Appended in place (archive indexes), so copied under the barrier rather than linked. */
const appended = (path: string) => path.endsWith('.jsonl');

/** Every data file of the folder, as paths relative to it ('/' separated), sorted. */
export function listDataFiles(dataDir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string, prefix: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = prefix + entry.name;
      if (entry.isDirectory() && !(prefix === '' && SKIPPED_TOP.has(entry.name))) walk(join(folder, entry.name), `${path}/`);
      else if (entry.isFile() && !entry.name.endsWith('.tmp')) found.push(path);
    }
  };
  walk(dataDir, '');
  return found.sort();
}

async function listDataFilesAsync(dataDir: string, folder = dataDir, prefix = ''): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await fs.readdir(folder, { withFileTypes: true })) {
    const path = prefix + entry.name;
    if (entry.isDirectory() && !(prefix === '' && SKIPPED_TOP.has(entry.name))) found.push(...await listDataFilesAsync(dataDir, join(folder, entry.name), `${path}/`));
    else if (entry.isFile() && !entry.name.endsWith('.tmp')) found.push(path);
  }
  return found;
}

/**
 * Freezes the data folder into `target` (inside the data folder, so on the same file system).
 *
 * Why this is consistent without stopping the bot: every data file is replaced whole by rename,
 * never changed in place, so a hard link keeps the version it was made to, whatever is written
 * next. First every file is linked while the bot carries on, and every write that finishes
 * meanwhile is recorded. Then, under the storage write barrier (no write half done, none
 * starting), only the files written since are linked again (or dropped, if deleted), and the
 * few files appended in place (`archive.index.jsonl`) are copied. The result is the folder as it
 * stood between two writes, the same state a kill -9 at that moment leaves, which the stores
 * recover from; the barrier lasts as long as the handful of files written during the first pass.
 */
export async function takeSnapshot(dataDir: string, target: string): Promise<{ files: number; pausedMs: number }> {
  const recording = recordWrites();
  try {
    await fs.mkdir(target, { recursive: true, mode: 0o700 });
    const listed = await listDataFilesAsync(dataDir);
    for (const path of listed) {
      if (appended(path)) continue;
      await fs.mkdir(dirname(join(target, path)), { recursive: true, mode: 0o700 });
      await fs.link(join(dataDir, path), join(target, path)).catch(async (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return; // deleted since the listing: a recorded write
        if (error.code !== 'EPERM' && error.code !== 'EXDEV' && error.code !== 'ENOTSUP') throw error;
        await fs.copyFile(join(dataDir, path), join(target, path));
      });
    }
    return await withWritesPaused(() => {
      const started = performance.now();
      const written = [...recording.written].map((file) => relative(dataDir, file).split(sep).join('/'))
        .filter((path) => !path.startsWith('..') && !SKIPPED_TOP.has(path.split('/')[0]));
      for (const path of new Set([...written, ...listed.filter(appended)])) refreeze(dataDir, target, path);
      return { files: listed.length, pausedMs: performance.now() - started };
    });
  } finally {
    recording.stop();
  }
}

/** Makes `target/path` the current version of `dataDir/path`, or removes it if that is gone. */
function refreeze(dataDir: string, target: string, path: string): void {
  const from = join(dataDir, path);
  const to = join(target, path);
  rmSync(to, { force: true });
  if (!existsSync(from)) return;
  mkdirSync(dirname(to), { recursive: true, mode: 0o700 });
  if (appended(path)) return copyFileSync(from, to);
  try {
    linkSync(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'EXDEV' && code !== 'ENOTSUP') throw error;
    copyFileSync(from, to); // a file system without hard links: a copy, slower but as consistent
  }
}
