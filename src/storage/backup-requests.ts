import { promises as fs } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Logger } from '../shared/logger.js';
import { DataDirLock, DataDirLockedError } from './lock.js';
import { BACKUP_FOLDER, takeSnapshot } from './snapshot.js';

/** The signal that asks a running bot to freeze its data folder for a backup (Linux, containers). */
export const BACKUP_SIGNAL = 'SIGUSR2';
const REQUEST = /^([0-9a-f]{16})\.request$/;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let answering: Promise<void> = Promise.resolve();

/**
 * The running bot's side: for each `<id>.request` in `<DATA_DIR>/.backup`, freezes the folder into
 * `.backup/<id>/` and then writes `<id>.ready` (or `<id>.failed` with the reason). Requests are
 * answered one at a time, however many signals arrive.
 */
export function answerBackupRequests(dataDir: string, logger: Logger): Promise<void> {
  answering = answering.then(async () => {
    const folder = join(dataDir, BACKUP_FOLDER);
    const names = await fs.readdir(folder).catch(() => [] as string[]);
    for (const name of names) {
      const id = REQUEST.exec(name)?.[1];
      if (!id) continue;
      await fs.rm(join(folder, name), { force: true });
      try {
        const { files, pausedMs } = await takeSnapshot(dataDir, join(folder, id));
        await fs.writeFile(join(folder, `${id}.ready`), '', { mode: 0o600 });
        logger.info({ backup: id, files, pausedMs: Math.round(pausedMs * 10) / 10 }, 'froze the data folder for a backup');
      } catch (error) {
        logger.error({ backup: id, err: error }, 'could not freeze the data folder for a backup');
        await fs.writeFile(join(folder, `${id}.failed`), (error as Error).message, { mode: 0o600 });
      }
    }
  });
  return answering;
}

/**
 * The backup command's side: a frozen copy of the data folder in `<DATA_DIR>/.backup/<id>/`. If a
 * bot owns the folder it is asked (a request file and a signal) and does the freezing itself, as
 * only it knows when no write is half done; if none does, the command takes the folder's lock so
 * that no bot starts meanwhile, and freezes it. Call `done()` to remove the snapshot.
 */
export async function freezeDataDir(dataDir: string, timeoutMs = 30_000): Promise<{ dir: string; done: () => Promise<void> }> {
  const folder = join(dataDir, BACKUP_FOLDER);
  await fs.mkdir(folder, { recursive: true, mode: 0o700 });
  const id = randomBytes(8).toString('hex');
  const dir = join(folder, id);
  const done = async () => {
    await fs.rm(dir, { recursive: true, force: true });
    await fs.rm(join(folder, `${id}.ready`), { force: true });
  };
  let lock: DataDirLock | undefined;
  try {
    lock = await DataDirLock.acquire(dataDir);
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    await askRunningBot(folder, id, error, timeoutMs);
    return { dir, done };
  }
  try {
    await takeSnapshot(dataDir, dir);
  } finally {
    await lock.release();
  }
  return { dir, done };
}

async function askRunningBot(folder: string, id: string, locked: DataDirLockedError, timeoutMs: number): Promise<void> {
  if (locked.holder.pid === process.pid) throw new Error('This process owns the data folder itself: call takeSnapshot instead.');
  if (locked.holder.host !== hostname()) {
    throw new Error(`The data folder is owned by a tugibot on another host (${locked.holder.host}): run the backup there.`);
  }
  await fs.writeFile(join(folder, `${id}.request`), '', { mode: 0o600 });
  process.kill(locked.holder.pid, BACKUP_SIGNAL);
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await exists(join(folder, `${id}.ready`))) return;
    const failed = await fs.readFile(join(folder, `${id}.failed`), 'utf8').catch(() => undefined);
    if (failed !== undefined) {
      await fs.rm(join(folder, `${id}.failed`), { force: true });
      throw new Error(`The running bot (pid ${locked.holder.pid}) could not freeze its data folder: ${failed}`);
    }
    await sleep(50);
  }
  await fs.rm(join(folder, `${id}.request`), { force: true });
  throw new Error(`The running bot (pid ${locked.holder.pid}) did not answer the backup request within ${timeoutMs / 1000} s: is it a tugibot version with backups?`);
}

async function exists(path: string): Promise<boolean> {
  return fs.access(path).then(() => true, () => false);
}
