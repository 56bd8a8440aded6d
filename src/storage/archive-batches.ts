import type { Collection } from './collection.js';

type Record_ = { id: string };
const BATCH = 1000;

/**
 * Finished records of an import, appended to their collections a thousand at a time (in the
 * file's order): appending them one by one rewrites the growing newest segment for each record,
 * which made 5,000 cases take minutes.
 */
export class ArchiveBatches {
  private readonly pending = new Map<object, { records: Record_[]; append: (records: Record_[]) => Promise<void> }>();

  async add<T extends Record_>(collection: Collection<T>, record: T): Promise<void> {
    let batch = this.pending.get(collection);
    if (!batch) this.pending.set(collection, (batch = { records: [], append: (records) => collection.appendMany(records as T[]) }));
    batch.records.push(record);
    if (batch.records.length < BATCH) return;
    this.pending.delete(collection);
    await batch.append(batch.records);
  }

  async flush(): Promise<void> {
    for (const batch of this.pending.values()) await batch.append(batch.records);
    this.pending.clear();
  }
}
