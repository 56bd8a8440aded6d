import { DeliveryTally, type DeliveryEntry, type DeliveryProgress, type DeliveryRecord, type DeliveryStore } from '../features/incidents/index.js';
import type { Collection } from './collection.js';
import type { DataDir } from './data-dir.js';

/**
 * The delivery outbox in the `deliveries` collection: live entries only, i.e. open work. 4,096
 * shards, so that marking one entry "sending" rewrites about 20 entries even at 90,000 people: the
 * cost per send does not grow with the audience. Shard files exist only while they hold entries.
 * Reads come from memory.
 *
 * A finished incident's entries are folded into one `DeliveryRecord` appended to
 * `delivery-archive`, then removed from the live shards: one archive append per incident, and the
 * archive's in-memory index grows by one id per incident, not one per conversation.
 */
export class LowdbOutboxStore implements DeliveryStore {
  private readonly entries = new Map<string, DeliveryEntry>();
  private readonly byIncident = new Map<string, Set<string>>();
  /** Delivery counts per incident, kept as entries are written (rebuilt from the entries on open). */
  private readonly tallies = new Map<string, DeliveryTally>();

  private constructor(private readonly collection: Collection<DeliveryEntry>, private readonly records: Collection<DeliveryRecord>) {
    // lowdb serves one process: a lease found on open was taken by a process that is gone, so its entries are due at once.
    for (const entry of collection.liveRecords()) this.remember(entry.leaseUntil === undefined ? entry : { ...entry, leaseUntil: undefined });
  }

  static async open(dataDir: DataDir): Promise<LowdbOutboxStore> {
    const entries = await dataDir.collection<DeliveryEntry>('deliveries', { shards: 4096, segmentSize: 5000 });
    const records = await dataDir.collection<DeliveryRecord>('delivery-archive', { shards: 1, segmentSize: 20 });
    return new LowdbOutboxStore(entries, records);
  }

  private remember(entry: DeliveryEntry): DeliveryEntry {
    this.entries.set(entry.id, entry);
    let ids = this.byIncident.get(entry.incidentId);
    if (!ids) this.byIncident.set(entry.incidentId, (ids = new Set()));
    ids.add(entry.id);
    let tally = this.tallies.get(entry.incidentId);
    if (!tally) this.tallies.set(entry.incidentId, (tally = new DeliveryTally()));
    tally.note(entry);
    return entry;
  }

  progress(incidentId: string, version: number, total: number): Promise<DeliveryProgress> {
    return Promise.resolve((this.tallies.get(incidentId) ?? new DeliveryTally()).progress(version, total));
  }

  get(id: string): Promise<DeliveryEntry | undefined> {
    return Promise.resolve(this.entries.get(id));
  }

  /** A copy is kept, with the next revision: the caller may go on changing its object. */
  async put(entry: DeliveryEntry): Promise<void> {
    await this.collection.put(this.remember({ ...entry, revision: revisionOf(this.entries.get(entry.id)) + 1 }));
  }

  /**
   * Decided from memory before the write starts: of two claims at the same moment, the second sees
   * the first's revision and loses (lowdb serves one process; its workers share this store).
   */
  async claim(entry: DeliveryEntry, expectedRevision: number | undefined): Promise<DeliveryEntry | undefined> {
    const current = this.entries.get(entry.id);
    const revision = current ? revisionOf(current) : undefined;
    if (revision !== expectedRevision) return undefined;
    const stored = this.remember({ ...entry, revision: (revision ?? 0) + 1 });
    await this.collection.put(stored);
    return { ...stored };
  }

  liveIncidentIds(): Promise<string[]> {
    return Promise.resolve([...this.byIncident.keys()]);
  }

  liveFor(incidentId: string): Promise<DeliveryEntry[]> {
    return Promise.resolve([...(this.byIncident.get(incidentId) ?? [])].map((id) => this.entries.get(id)).filter((entry): entry is DeliveryEntry => entry !== undefined));
  }

  async record(record: DeliveryRecord): Promise<void> {
    if (!this.records.isArchived(record.id)) await this.records.append(record);
  }

  hasRecord(incidentId: string): Promise<boolean> {
    return Promise.resolve(this.records.isArchived(incidentId));
  }

  getRecord(incidentId: string): Promise<DeliveryRecord | undefined> {
    return this.records.get(incidentId);
  }

  /** Removes the entries, rewriting each shard they touch once. */
  async dropLive(incidentId: string): Promise<number> {
    const ids = [...(this.byIncident.get(incidentId) ?? [])];
    this.byIncident.delete(incidentId);
    this.tallies.delete(incidentId);
    for (const id of ids) this.entries.delete(id);
    await this.collection.removeLiveMany(ids);
    return ids.length;
  }
}

/** An entry written before revisions existed counts as revision 0. */
const revisionOf = (entry: DeliveryEntry | undefined): number => entry?.revision ?? 0;
