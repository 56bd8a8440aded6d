import { promises as fs, readFileSync } from 'node:fs';
import { JSONFile } from 'lowdb/node';
import { gated } from './write-gate.js';

/**
 * One small JSON file of a sharded store, read on first use and kept in memory after that. The
 * first read is synchronous (a file of a few kilobytes), so lookups stay synchronous for their
 * callers while opening the store reads nothing. Writes go through lowdb's JSONFile (a temporary
 * file renamed into place), one at a time.
 */
export class LazyShard<T extends object> {
  private loaded?: T;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly adapter: JSONFile<T>;

  constructor(readonly file: string, private readonly empty: () => T) {
    this.adapter = new JSONFile<T>(file);
  }

  get data(): T {
    if (!this.loaded) this.loaded = this.read();
    return this.loaded;
  }

  /** The data, read without blocking when not in memory yet (for reading many shards in a row). */
  async load(): Promise<T> {
    if (this.loaded) return this.loaded;
    let text: string | undefined;
    try {
      text = await fs.readFile(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    // A change made while the file was read is in memory already and wins.
    this.loaded ??= text === undefined ? this.empty() : this.parse(text);
    return this.loaded;
  }

  private read(): T {
    let text: string;
    try {
      text = readFileSync(this.file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return this.empty();
      throw error;
    }
    return this.parse(text);
  }

  private parse(text: string): T {
    try {
      return JSON.parse(text) as T;
    } catch (error) {
      throw new Error(`Cannot read ${this.file}: ${(error as Error).message}. The file is not valid JSON; restore it from a backup.`, { cause: error });
    }
  }

  /** Applies a change in memory at once and resolves when the file holds it. */
  update(change: (data: T) => void): Promise<void> {
    change(this.data);
    return this.write();
  }

  /** Writes what memory holds now (after changes made through `data`). */
  write(): Promise<void> {
    const run = this.queue.then(() => gated(this.file, () => this.adapter.write(this.data)));
    this.queue = run.catch(() => undefined);
    return run;
  }

  async flush(): Promise<void> {
    await this.queue;
  }
}
