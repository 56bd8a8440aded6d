import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { currentProcess, judge, parseHolder, type LockEntry, type LockHolder, type Verdict } from './lock-holder.js';

export interface LockOptions {
  /** How often the holder refreshes its lock file's mtime. */
  heartbeatMs?: number;
  /** A lock file not refreshed for this long is stale, wherever its holder ran. */
  staleMs?: number;
  /** Called once if another process took the folder over (this one stalled past `staleMs`). */
  onLost?: (reason: string) => void;
}

export const LOCK_DEFAULTS = { heartbeatMs: 2_000, staleMs: 15_000 };

export class DataDirLockedError extends Error {
  constructor(readonly dataDir: string, readonly holder: LockHolder, staleMs: number) {
    super(
      `The data folder ${dataDir} is in use by another tugibot process (pid ${holder.pid} on ${holder.host}, since ${holder.since}). ` +
        'Only one process may own a data folder: stop the other process, or give this one its own DATA_DIR. ' +
        `If that process is gone, its lock goes stale ${Math.round(staleMs / 1000)} s after its last heartbeat.`,
    );
    this.name = 'DataDirLockedError';
  }
}

/** Tokens of the locks this process holds: a second open in the same process is refused. */
const held = new Set<string>();

const FOLDER = 'lock';
const nameOf = (gen: number): string => String(gen).padStart(12, '0');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isCode = (error: unknown, code: string) => (error as NodeJS.ErrnoException).code === code;

async function readEntries(folder: string): Promise<LockEntry[]> {
  const entries: LockEntry[] = [];
  for (const name of await fs.readdir(folder)) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const file = join(folder, name);
      const [text, stat] = await Promise.all([fs.readFile(file, 'utf8'), fs.stat(file)]);
      entries.push({ gen: Number(name), holder: parseHolder(text), mtimeMs: stat.mtimeMs });
    } catch (error) {
      if (!isCode(error, 'ENOENT')) throw error;
    }
  }
  return entries.sort((a, b) => a.gen - b.gen);
}

/** Creates lock file `gen` with its content in one step (link fails if the name exists): false if taken. */
async function createExclusive(folder: string, gen: number, holder: LockHolder): Promise<boolean> {
  const temp = join(folder, `.tmp-${holder.token}`);
  await fs.writeFile(temp, JSON.stringify(holder), { mode: 0o600 });
  try {
    await fs.link(temp, join(folder, nameOf(gen)));
    return true;
  } catch (error) {
    if (isCode(error, 'EEXIST')) return false;
    throw error;
  } finally {
    await fs.rm(temp, { force: true });
  }
}

/**
 * An exclusive lock on a data folder, safe against crashes and racing starts.
 *
 * Lock files are numbered generations in `lock/`, each created whole and exclusively (a hard link
 * of a finished temp file, which fails if the name exists). To take the folder, a process checks
 * that every existing lock file is stale, creates the next generation, then looks again: it owns
 * the folder only if no higher generation exists and every lower one is stale. Of two processes
 * the later one to look always sees the other's file, so at most one ever wins; they never delete
 * each other's files, so there is no remove-then-create window. The owner refreshes its file's
 * mtime (the heartbeat); `judge` decides staleness by heartbeat, and on the same host by pid.
 *
 * Not proper-lockfile: its stale takeover is stat, rmdir, mkdir, so two processes that both find
 * the lock stale can each remove the other's fresh lock and both "own" the folder (the reported
 * 1 in 10), and it judges by mtime alone, so a restart after kill -9 waits the whole stale period.
 */
export class DataDirLock {
  private readonly beat: NodeJS.Timeout;
  private lost = false;
  /** Set by release(): a beat still under way then (the folder may be removed meanwhile) reports nothing. */
  private released = false;
  private lastBeat = Date.now();

  private constructor(
    private readonly folder: string,
    private readonly gen: number,
    private readonly holder: LockHolder,
    private readonly settings: Required<Omit<LockOptions, 'onLost'>> & LockOptions,
  ) {
    this.beat = setInterval(() => void this.heartbeat(), settings.heartbeatMs);
    this.beat.unref();
  }

  static async acquire(dataDir: string, options: LockOptions = {}): Promise<DataDirLock> {
    const settings = { ...LOCK_DEFAULTS, ...options };
    const folder = join(dataDir, FOLDER);
    await fs.mkdir(folder, { recursive: true, mode: 0o700 });
    const me = currentProcess(randomBytes(12).toString('hex'));
    const stale = new Set<string>();
    const verdictOf = async (entry: LockEntry): Promise<Verdict> => {
      const key = `${entry.gen}:${entry.holder?.token}`;
      if (entry.holder && held.has(entry.holder.token)) return { live: true };
      if (stale.has(key)) return { live: false, why: 'judged before' };
      let verdict = judge(entry, me, settings.staleMs);
      if (verdict.live === 'watch') verdict = await watchForBeat(folder, entry, settings.heartbeatMs);
      if (verdict.live === false) stale.add(key);
      return verdict;
    };

    for (let attempt = 0; attempt < 50; attempt += 1) {
      const before = await readEntries(folder);
      for (const entry of before) {
        if ((await verdictOf(entry)).live !== false) throw new DataDirLockedError(dataDir, entry.holder ?? me, settings.staleMs);
      }
      const gen = (before.at(-1)?.gen ?? 0) + 1;
      if (await createExclusive(folder, gen, me)) {
        if (await wins(folder, gen, me, verdictOf)) {
          held.add(me.token);
          await removeOlder(folder, gen, settings.staleMs);
          await fs.rm(join(dataDir, 'tugibot.lock'), { force: true }); // the single-file lock of earlier versions
          return new DataDirLock(folder, gen, me, settings);
        }
        await fs.rm(join(folder, nameOf(gen)), { force: true });
      }
      await sleep(5 + Math.random() * 20);
    }
    throw new Error(`Could not lock the data folder ${dataDir}: other processes kept racing for it.`);
  }

  private get file(): string {
    return join(this.folder, nameOf(this.gen));
  }

  private async heartbeat(): Promise<void> {
    if (this.lost) return;
    try {
      const now = new Date();
      await fs.utimes(this.file, now, now);
      const newer = (await fs.readdir(this.folder)).find((name) => /^\d+$/.test(name) && Number(name) > this.gen);
      if (newer) return this.lose(`another process took the data folder over (lock ${newer}) after this one missed its heartbeat`);
      this.lastBeat = Date.now();
    } catch (error) {
      if (isCode(error, 'ENOENT')) return this.lose('the lock file was removed');
      if (Date.now() - this.lastBeat > this.settings.staleMs) this.lose(`the heartbeat has failed since ${new Date(this.lastBeat).toISOString()}: ${(error as Error).message}`);
    }
  }

  private lose(reason: string): void {
    if (this.lost || this.released) return; // beats overlap when the disk is slow: report once
    this.lost = true;
    clearInterval(this.beat);
    held.delete(this.holder.token);
    this.settings.onLost?.(reason);
  }

  /** Marks the lock released (the file stays, so generations only grow). */
  async release(): Promise<void> {
    this.released = true;
    clearInterval(this.beat);
    if (this.lost || !held.delete(this.holder.token)) return;
    const temp = join(this.folder, `.tmp-${this.holder.token}`);
    await fs.writeFile(temp, JSON.stringify({ ...this.holder, released: true }), { mode: 0o600 });
    await fs.rename(temp, this.file);
  }
}

/** After creating `gen`: no higher generation, and every lower one stale. */
async function wins(folder: string, gen: number, me: LockHolder, verdictOf: (entry: LockEntry) => Promise<Verdict>): Promise<boolean> {
  for (const entry of await readEntries(folder)) {
    if (entry.gen === gen && entry.holder?.token === me.token) continue;
    if (entry.gen >= gen) return false;
    if ((await verdictOf(entry)).live !== false) return false;
  }
  return true;
}

/** A holder with our pid in another namespace: a previous life stays silent, a twin beats. */
async function watchForBeat(folder: string, entry: LockEntry, heartbeatMs: number): Promise<Verdict> {
  await sleep(heartbeatMs * 2.5);
  try {
    const stat = await fs.stat(join(folder, nameOf(entry.gen)));
    return stat.mtimeMs === entry.mtimeMs ? { live: false, why: 'no heartbeat from our pid' } : { live: true };
  } catch (error) {
    if (isCode(error, 'ENOENT')) return { live: false, why: 'removed' };
    throw error;
  }
}

/** The winner tidies: lower generations (stale or losers) and temp files a crash left behind. */
async function removeOlder(folder: string, gen: number, staleMs: number): Promise<void> {
  for (const name of await fs.readdir(folder)) {
    const file = join(folder, name);
    if (/^\d+$/.test(name) && Number(name) < gen) await fs.rm(file, { force: true });
    else if (name.startsWith('.tmp-')) {
      const stat = await fs.stat(file).catch(() => undefined);
      if (stat && Date.now() - stat.mtimeMs > staleMs) await fs.rm(file, { force: true });
    }
  }
}
