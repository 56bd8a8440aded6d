import { ackId, type AckStore, type NoticeAck } from '../features/incidents/index.js';
import type { Collection } from './collection.js';
import type { DataDir } from './data-dir.js';

/**
 * Acknowledgements of notices in the `incident-acks` collection, one record per person and
 * incident. Many small shards, so that 10,000 people pressing "Got it" within a minute rewrite a
 * few hundred records each, not all of them. Counted from memory; the record is in memory before
 * its write starts, so a second press at the same moment is refused, not counted twice.
 */
export class LowdbAckStore implements AckStore {
  private readonly byIncident = new Map<string, Map<string, NoticeAck>>();

  private constructor(private readonly collection: Collection<NoticeAck>) {
    for (const ack of collection.liveRecords()) this.remember(ack);
  }

  static async open(dataDir: DataDir): Promise<LowdbAckStore> {
    return new LowdbAckStore(await dataDir.collection<NoticeAck>('incident-acks', { shards: 128, segmentSize: 5000 }));
  }

  private remember(ack: NoticeAck): void {
    let acks = this.byIncident.get(ack.incidentId);
    if (!acks) this.byIncident.set(ack.incidentId, (acks = new Map()));
    acks.set(ack.aadObjectId.toLowerCase(), ack);
  }

  async add(ack: NoticeAck): Promise<boolean> {
    const record = { ...ack, id: ackId(ack.incidentId, ack.aadObjectId), aadObjectId: ack.aadObjectId.toLowerCase() };
    if (this.byIncident.get(record.incidentId)?.has(record.aadObjectId)) return false;
    this.remember(record);
    await this.collection.put(record);
    return true;
  }

  get(incidentId: string, aadObjectId: string): Promise<NoticeAck | undefined> {
    return Promise.resolve(this.byIncident.get(incidentId)?.get(aadObjectId.toLowerCase()));
  }

  forIncident(incidentId: string): Promise<ReadonlyMap<string, NoticeAck>> {
    return Promise.resolve(this.byIncident.get(incidentId) ?? new Map<string, NoticeAck>());
  }
}
