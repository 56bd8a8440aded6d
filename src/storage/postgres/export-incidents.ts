import { ackId } from '../../features/incidents/index.js';
import type { IncidentLine } from '../lowdb-export-incidents.js';
import type { RowInsert } from './batch-insert.js';
import { cursor } from './export-core.js';
import type { PoolClient } from './pool.js';

/** The incident tables (migration 120-incidents) an import needs empty. */
export const INCIDENT_TABLES = ['incidents', 'incident_broadcasts', 'deliveries', 'delivery_records', 'incident_receipts', 'incident_subscriptions', 'incident_acks', 'app_installs'];

type Data = { id: string } & Record<string, unknown>;
const as = <S extends IncidentLine['section']>(section: S, record: Data) => ({ section, record }) as unknown as Extract<IncidentLine, { section: S }>;

/** The incident lines, read inside the export's snapshot: live incidents, then archived ones in the order they were archived. */
export async function* exportPostgresIncidents(db: PoolClient): AsyncGenerator<IncidentLine> {
  for await (const row of cursor<{ archived: string | null; revision: number; data: Data }>(db, 'export_incidents',
    'SELECT archived, revision, data FROM incidents ORDER BY archived NULLS FIRST, created_at COLLATE "C", id COLLATE "C"')) {
    yield { ...as('incidents', { ...row.data, revision: row.revision }), finished: row.archived !== null };
  }
  for await (const row of cursor<{ id: string; revision: number; targets: unknown[]; data: Record<string, unknown> }>(db, 'export_broadcasts', 'SELECT id, revision, targets, data FROM incident_broadcasts ORDER BY id COLLATE "C"')) {
    yield as('incident-broadcasts', { ...row.data, id: row.id, targets: row.targets, revision: row.revision });
  }
  for await (const row of cursor<{ revision: number; data: Data }>(db, 'export_deliveries', 'SELECT revision, data FROM deliveries ORDER BY id COLLATE "C"')) {
    yield as('incident-deliveries', { ...row.data, revision: row.revision });
  }
  for await (const row of cursor<{ data: Data }>(db, 'export_delivery_records', 'SELECT data FROM delivery_records ORDER BY id COLLATE "C"')) yield as('incident-delivery-records', row.data);
  for await (const row of cursor<{ data: Data }>(db, 'export_receipts', 'SELECT data FROM incident_receipts ORDER BY id COLLATE "C"')) yield as('incident-receipts', row.data);
  for await (const row of cursor<{ aad_object_id: string; followed: string[] }>(db, 'export_subscriptions', 'SELECT * FROM incident_subscriptions ORDER BY aad_object_id')) {
    yield { section: 'incident-subscriptions', aadObjectId: row.aad_object_id, followed: row.followed };
  }
  for await (const row of cursor<{ incident_id: string; aad_object_id: string; at: string }>(db, 'export_acks', 'SELECT * FROM incident_acks ORDER BY incident_id, aad_object_id')) {
    yield as('incident-acks', { id: ackId(row.incident_id, row.aad_object_id), incidentId: row.incident_id, aadObjectId: row.aad_object_id, at: row.at });
  }
  for await (const row of cursor<{ data: Data }>(db, 'export_installs', 'SELECT data FROM app_installs ORDER BY id COLLATE "C"')) yield as('app-installs', row.data);
}

type Line<S extends IncidentLine['section']> = Extract<IncidentLine, { section: S }>;
const byId = (table: string): RowInsert<{ record: Data }> => ({ into: `${table} (id, data)`, fields: 'id text, data jsonb', rows: ({ record }) => [[record.id, record]] });

/** How each incident line is written in the import's transaction, into the columns the incident stores read. */
export const INCIDENT_INSERTS: { [S in IncidentLine['section']]: RowInsert<Line<S>> } = {
  incidents: {
    // Archived ones take numbers in the file's order, which is the order they were archived; the revision goes on, as in the delivery entries.
    into: 'incidents (id, ref, status, created_at, archived, data, revision)',
    fields: 'id text, ref text, status text, created_at text, finished boolean, data jsonb, revision integer',
    select: "id, ref, status, created_at, CASE WHEN finished THEN nextval('incident_archive_seq') END, data, revision",
    rows: ({ record: { revision, ...incident }, finished }) => [[incident.id, incident.ref, incident.status, incident.createdAt, finished, incident, revision ?? 1]],
  },
  'incident-broadcasts': {
    into: 'incident_broadcasts (id, revision, targets, data)', fields: 'id text, revision integer, targets jsonb, data jsonb',
    rows: ({ record: { id, targets, revision, ...data } }) => [[id, revision ?? 1, targets, data]],
  },
  'incident-deliveries': {
    into: 'deliveries (id, incident_id, key, state, delivered_version, failed_version, failure, data, revision)',
    fields: 'id text, incident_id text, key text, state text, delivered_version integer, failed_version integer, failure text, data jsonb, revision integer',
    rows: ({ record: { revision, ...entry } }) => {
      const failed = entry as { failedVersion?: number; failure?: string };
      return [[entry.id, entry.incidentId, entry.key, entry.state, entry.deliveredVersion, failed.failedVersion ?? null, failed.failure ?? null, entry, revision ?? 1]];
    },
  },
  'incident-delivery-records': byId('delivery_records'),
  'incident-receipts': byId('incident_receipts'),
  'incident-subscriptions': {
    into: 'incident_subscriptions (aad_object_id, followed)', fields: 'aad_object_id text, followed jsonb', rows: (line) => [[line.aadObjectId.toLowerCase(), line.followed]],
  },
  'incident-acks': {
    into: 'incident_acks (incident_id, aad_object_id, at)', fields: 'incident_id text, aad_object_id text, at text',
    rows: ({ record }) => [[record.incidentId, record.aadObjectId.toLowerCase(), record.at]],
  },
  'app-installs': { into: 'app_installs (id, state, data)', fields: 'id text, state text, data jsonb', rows: ({ record }) => [[record.id, record.state, record]] },
};
