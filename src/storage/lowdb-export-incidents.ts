import type { ArchiveBatches } from './archive-batches.js';
import type { Collection, CollectionOptions } from './collection.js';
import type { DataDir } from './data-dir.js';
import type { ExportLine } from './export-format.js';

/** The lines of the incidents feature: incidents, audiences, the outbox, delivery records, receipts, subscriptions, acks, installs. */
export type IncidentLine = Extract<ExportLine, { section: (typeof INCIDENT_SECTIONS)[number] }>;
const INCIDENT_SECTIONS = ['incidents', 'incident-broadcasts', 'incident-deliveries', 'incident-delivery-records', 'incident-receipts',
  'incident-subscriptions', 'incident-acks', 'app-installs'] as const;
const SECTION_SET = new Set<string>(INCIDENT_SECTIONS);
export const isIncidentLine = (line: ExportLine): line is IncidentLine => SECTION_SET.has(line.section);

type Record_ = { id: string };
/**
 * The incident stores' collections in the data folder, with the stores' own shard counts (a
 * different count would put records in shards the store never reads: the round-trip test opens
 * every store on an imported folder and would show it).
 */
const COLLECTIONS: Record<'incidents' | 'broadcasts' | 'deliveries' | 'records' | 'receipts' | 'acks' | 'installs', [string, CollectionOptions]> = {
  incidents: ['incidents', { shards: 4, segmentSize: 500 }],
  broadcasts: ['incident-broadcasts', { shards: 16, segmentSize: 100 }],
  deliveries: ['deliveries', { shards: 4096, segmentSize: 5000 }],
  records: ['delivery-archive', { shards: 1, segmentSize: 20 }],
  receipts: ['incident-receipts', { shards: 1, segmentSize: 2000 }],
  acks: ['incident-acks', { shards: 128, segmentSize: 5000 }],
  installs: ['app-installs', { shards: 64, segmentSize: 5000 }],
};
const SUBSCRIPTIONS_DOC = 'incident-subscriptions';
interface SubscriptionsFile { users: Record<string, string[]> }

async function openIncidents(dataDir: DataDir) {
  const open = async (which: keyof typeof COLLECTIONS) => dataDir.collection<Record_>(...COLLECTIONS[which]);
  return {
    incidents: await open('incidents'), broadcasts: await open('broadcasts'), deliveries: await open('deliveries'), records: await open('records'),
    receipts: await open('receipts'), acks: await open('acks'), installs: await open('installs'),
    subscriptions: await dataDir.doc<SubscriptionsFile>(SUBSCRIPTIONS_DOC, { users: {} }),
  };
}

const as = <S extends IncidentLine['section']>(section: S, record: Record_) => ({ section, record }) as unknown as Extract<IncidentLine, { section: S }>;

/** Live incidents, then archived ones in the order they were archived; the outbox and the rest after them. */
export async function* exportLowdbIncidents(dataDir: DataDir): AsyncGenerator<IncidentLine> {
  const stores = await openIncidents(dataDir);
  for (const record of stores.incidents.liveRecords()) yield { ...as('incidents', record), finished: false };
  for await (const record of stores.incidents.archived()) yield { ...as('incidents', record), finished: true };
  for (const record of stores.broadcasts.liveRecords()) yield as('incident-broadcasts', record);
  for (const record of stores.deliveries.liveRecords()) yield as('incident-deliveries', record);
  for await (const record of stores.records.archived()) yield as('incident-delivery-records', record);
  for await (const record of stores.receipts.archived()) yield as('incident-receipts', record);
  for (const [aadObjectId, followed] of Object.entries(stores.subscriptions.data.users)) yield { section: 'incident-subscriptions', aadObjectId, followed };
  for (const record of stores.acks.liveRecords()) yield as('incident-acks', record);
  for (const record of stores.installs.liveRecords()) yield as('app-installs', record);
}

/** Writes incident lines into a data folder, each where its store keeps it; `held()` says whether any incident data is there already. */
export async function lowdbIncidentImport(dataDir: DataDir, batches: ArchiveBatches) {
  const stores = await openIncidents(dataDir);
  const collections: Collection<Record_>[] = [stores.incidents, stores.broadcasts, stores.deliveries, stores.records, stores.receipts, stores.acks, stores.installs];
  const users: Record<string, string[]> = {};
  return {
    held(): boolean {
      return collections.some((collection) => collection.liveCount + collection.archivedCount > 0) || Object.keys(stores.subscriptions.data.users).length > 0;
    },
    async write(line: IncidentLine): Promise<void> {
      switch (line.section) {
        case 'incidents': await (line.finished ? batches.add(stores.incidents, line.record) : stores.incidents.put(line.record)); return;
        case 'incident-broadcasts': await stores.broadcasts.put(line.record); return;
        case 'incident-deliveries': await stores.deliveries.put(line.record); return;
        case 'incident-delivery-records': await batches.add(stores.records, line.record); return;
        case 'incident-receipts': await batches.add(stores.receipts, line.record); return;
        case 'incident-subscriptions': users[line.aadObjectId.toLowerCase()] = line.followed; return;
        case 'incident-acks': await stores.acks.put({ ...line.record, aadObjectId: line.record.aadObjectId.toLowerCase() } as Record_); return;
        case 'app-installs': await stores.installs.put(line.record);
      }
    },
    /** The subscriptions file is written once, whole. */
    async finish(): Promise<void> {
      if (Object.keys(users).length > 0) await stores.subscriptions.update((data) => { data.users = users; });
    },
  };
}
