import { copyFileSync, linkSync, mkdirSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { withWritesPaused } from './write-gate.js';

/** Where snapshots and backup requests live inside the data folder; never part of a backup. */
export const BACKUP_FOLDER = '.backup';
/** Not data: the running bot's lock, snapshots in progress, half-written temporary files. */
const SKIPPED_TOP = new Set(['lock', BACKUP_FOLDER]);

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

/**
 * Freezes the data folder into `target` (inside the data folder, so on the same file system).
 *
 * Why this is consistent without stopping the bot: every data file is replaced whole by rename,
 * never changed in place, so a hard link to it keeps that version for as long as the link lives,
 * whatever the bot writes next. The only file appended in place (an `archive.index.jsonl`) is
 * copied instead. Linking a few hundred files takes milliseconds, and it happens under the
 * storage write barrier: no write is half done, so the snapshot is the folder as it stood between
 * two writes, the same state a kill -9 at that moment leaves, which the stores recover from.
 */
export async function takeSnapshot(dataDir: string, target: string): Promise<{ files: string[]; pausedMs: number }> {
  return withWritesPaused(() => {
    const started = performance.now();
    const files = listDataFiles(dataDir);
    mkdirSync(target, { recursive: true, mode: 0o700 });
    for (const path of files) {
      const from = join(dataDir, path);
      const to = join(target, path);
      mkdirSync(dirname(to), { recursive: true, mode: 0o700 });
      if (path.endsWith('.jsonl')) copyFileSync(from, to);
      else linkOrCopy(from, to);
    }
    return { files, pausedMs: performance.now() - started };
  });
}

function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EPERM' && code !== 'EXDEV' && code !== 'ENOTSUP') throw error;
    copyFileSync(from, to); // a file system without hard links: a copy, slower but as consistent
  }
}
