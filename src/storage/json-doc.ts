import { Low } from 'lowdb';
import { JSONFile } from 'lowdb/node';

/**
 * One lowdb JSON file. Built as `new Low(new JSONFile(..))` and never through the preset, which
 * silently keeps data in memory when NODE_ENV=test. lowdb writes through steno: a temporary file
 * renamed over the old one, so a reader (or a process killed mid-write) sees the old or the new
 * file, never half of one.
 */
export class JsonDoc<T> {
  private readonly db: Low<T>;
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(readonly file: string, defaults: T) {
    this.db = new Low<T>(new JSONFile<T>(file), defaults);
  }

  static async open<T>(file: string, defaults: T): Promise<JsonDoc<T>> {
    const doc = new JsonDoc<T>(file, defaults);
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
      await this.db.write();
    });
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Waits for every queued write. */
  async flush(): Promise<void> {
    await this.queue;
  }
}
