import type { Collection } from './collection.js';

/**
 * A read view over a collection's live records, kept in step with every write, so that the
 * daily scan and the reports read the records without copying all of them each time. Records
 * handed out are frozen: a change goes through `put`.
 */
export class LiveView<T extends { id: string }> {
  private readonly byId = new Map<string, Readonly<T>>();

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
}
