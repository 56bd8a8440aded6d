import type { Collection } from './collection.js';

/**
 * A read view over a collection's live records, kept in step with every write, so that the
 * daily scan and the reports read the records without copying all of them each time. Records
 * handed out are frozen: a change goes through `put`.
 *
 * The compare-and-set writes (`putIfLive`, `finishOnce`, `updateIf`) run one at a time, so of two
 * concurrent calls on one record exactly one sees it as it was.
 */
export class LiveView<T extends { id: string }> {
  private readonly byId = new Map<string, Readonly<T>>();
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly collection: Collection<T>) {
    for (const record of collection.liveRecords()) this.byId.set(record.id, Object.freeze(record));
  }

  all(): T[] {
    return [...this.byId.values()];
  }

  values(): IterableIterator<T> {
    return this.byId.values();
  }

  getLive(id: string): T | undefined {
    return this.byId.get(id);
  }

  async get(id: string): Promise<T | undefined> {
    return this.byId.get(id) ?? (await this.collection.get(id));
  }

  async put(record: T): Promise<void> {
    await this.collection.put(record);
    this.byId.set(record.id, Object.freeze(structuredClone(record)));
  }

  async archive(record: T): Promise<void> {
    await this.collection.archive(record);
    this.byId.delete(record.id);
  }

  private serial<R>(work: () => Promise<R>): Promise<R> {
    const run = this.queue.then(work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Saves a record unless it is archived; false when it is. */
  putIfLive(record: T): Promise<boolean> {
    return this.serial(async () => {
      if (this.collection.isArchived(record.id)) return false;
      await this.put(record);
      return true;
    });
  }

  /** Archives a record once; false when it already is. */
  finishOnce(record: T): Promise<boolean> {
    return this.serial(async () => {
      if (this.collection.isArchived(record.id)) return false;
      await this.archive(record);
      return true;
    });
  }

  /** Saves what `change` makes of the stored live record, when it makes something; undefined otherwise. */
  updateIf(id: string, change: (stored: Readonly<T>) => T | undefined): Promise<T | undefined> {
    return this.serial(async () => {
      const stored = this.byId.get(id);
      const next = stored && change(stored);
      if (!next) return undefined;
      await this.put(next);
      return next;
    });
  }
}
