import type { DeliveryEntry, DeliveryStore } from '../features/incidents/index.js';
import type { Collection } from './collection.js';
import type { DataDir } from './data-dir.js';

/**
 * The delivery outbox in the `deliveries` collection. Many small shards, so that marking one entry
 * "sending" rewrites a few dozen entries, not the whole broadcast. Reads come from memory: the
 * worker scans every entry of a broadcast on each pass.
 */
export class LowdbOutboxStore implements DeliveryStore {
  private readonly entries = new Map<string, DeliveryEntry>();

  private constructor(private readonly collection: Collection<DeliveryEntry>) {
    for (const entry of collection.liveRecords()) this.entries.set(entry.id, entry);
  }

  static async open(dataDir: DataDir): Promise<LowdbOutboxStore> {
    return new LowdbOutboxStore(await dataDir.collection<DeliveryEntry>('deliveries', { shards: 256, segmentSize: 5000 }));
  }

  get(id: string): DeliveryEntry | undefined {
    return this.entries.get(id);
  }

  async put(entry: DeliveryEntry): Promise<void> {
    this.entries.set(entry.id, entry);
    await this.collection.put(entry);
  }
}
