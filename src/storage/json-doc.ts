import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import { Low, type Adapter } from 'lowdb';
import { JSONFile } from 'lowdb/node';
import { gated } from './write-gate.js';

/** lowdb's JSON file, written with a file mode from the start (a temp file with that mode, renamed into place). */
class ModeJsonFile<T> implements Adapter<T> {
  constructor(private readonly file: string, private readonly mode: number) {}

  async read(): Promise<T | null> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as T;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async write(data: T): Promise<void> {
    const temp = `${this.file}.tmp`;
    await rm(temp, { force: true }); // a leftover would keep its own, looser mode
    await writeFile(temp, JSON.stringify(data, null, 2), { mode: this.mode });
    await rename(temp, this.file);
  }
}

/**
 * One lowdb JSON file. Built as `new Low(new JSONFile(..))` and never through the preset, which
 * silently keeps data in memory when NODE_ENV=test. lowdb writes through steno: a temporary file
 * renamed over the old one, so a reader (or a process killed mid-write) sees the old or the new
 * file, never half of one.
 */
export class JsonDoc<T> {
  private readonly db: Low<T>;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(readonly file: string, defaults: T, mode?: number) {
    this.db = new Low<T>(mode === undefined ? new JSONFile<T>(file) : new ModeJsonFile<T>(file, mode), defaults);
  }

  /** `mode`: e.g. 0o600 for a file that holds a secret; every write creates it with that mode. */
  static async open<T>(file: string, defaults: T, mode?: number): Promise<JsonDoc<T>> {
    const doc = new JsonDoc<T>(file, defaults, mode);
    try {
      await doc.db.read();
    } catch (error) {
      throw new Error(`Cannot read ${file}: ${(error as Error).message}. The file is not valid JSON; restore it from a backup.`, { cause: error });
    }
    return doc;
  }

  get data(): T {
    return this.db.data;
  }

  /** Applies a change and writes it; resolves once the file on disk holds it. Changes run one at a time. */
  update(change: (data: T) => void): Promise<void> {
    const run = this.queue.then(async () => {
      change(this.db.data);
      await gated(this.file, () => this.db.write());
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Deletes the file, in turn with the writes, if `empty` says it holds nothing (a later write creates it again). */
  deleteIfEmpty(empty: (data: T) => boolean): Promise<void> {
    const run = this.queue.then(async () => {
      if (empty(this.db.data)) await gated(this.file, () => rm(this.file, { force: true }));
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Waits for every queued write. */
  async flush(): Promise<void> {
    await this.queue;
  }
}
