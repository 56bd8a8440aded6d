import { hostname } from 'node:os';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';

export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string, readonly holder: LockHolder) {
    super(
      `The data folder ${dataDir} is in use by another tugibot process (pid ${holder.pid} on ${holder.host}, since ${holder.since}). ` +
        'Only one process may own a data folder: stop the other process, or give this one its own DATA_DIR.',
    );
    this.name = 'DataDirLockedError';
  }
}

interface LockHolder {
  pid: number;
  host: string;
  since: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * An exclusive lock on a data folder: a lock file created with O_EXCL that names its holder.
 * A lock left by a process that died (same host, pid gone) is taken over, so a crash does not
 * block the restart; a live holder makes the second process fail with a clear message.
 * Written by hand because lock libraries based on mtime refresh block restarts for their stale
 * period after a crash, which is exactly when the desk needs the bot back.
 */
export class DataDirLock {
  private constructor(private readonly file: string) {}

  static async acquire(dataDir: string): Promise<DataDirLock> {
    const file = join(dataDir, 'tugibot.lock');
    const me: LockHolder = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
    for (let attempt = 0; attempt < 3; attempt += 1) {
      try {
        await fs.writeFile(file, JSON.stringify(me), { flag: 'wx' });
        return new DataDirLock(file);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      }
      const holder = await readHolder(file);
      if (holder && holder.host === me.host && holder.pid !== process.pid && !isAlive(holder.pid)) {
        await fs.rm(file, { force: true });
        continue;
      }
      if (holder) throw new DataDirLockedError(dataDir, holder);
      // Unreadable lock file (a crash while writing it): treat it as stale.
      await fs.rm(file, { force: true });
    }
    throw new Error(`Could not lock the data folder ${dataDir}.`);
  }

  async release(): Promise<void> {
    const holder = await readHolder(this.file);
    if (holder?.pid === process.pid) await fs.rm(this.file, { force: true });
  }
}

async function readHolder(file: string): Promise<LockHolder | undefined> {
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<LockHolder>;
    if (typeof parsed.pid === 'number' && typeof parsed.host === 'string') {
      return { pid: parsed.pid, host: parsed.host, since: String(parsed.since ?? 'unknown') };
    }
    return undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    if (error instanceof SyntaxError) return undefined;
    throw error;
  }
}
