import { ackId } from '../../features/incidents/index.js';
import type { IncidentLine } from '../lowdb-export-incidents.js';
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

/** Writes one incident line inside the import's transaction, into the columns the incident stores read. */
export async function importPostgresIncidentLine(client: PoolClient, line: IncidentLine): Promise<void> {
  switch (line.section) {
    case 'incidents': {
      const { revision, ...incident } = line.record;
      const { id, ref, status, createdAt } = incident;
      // Archived ones in the file's order, which is the order they were archived; the revision goes on, as in the delivery entries.
      await client.query(`INSERT INTO incidents (id, ref, status, created_at, archived, data, revision)
        VALUES ($1, $2, $3, $4, ${line.finished ? "nextval('incident_archive_seq')" : 'NULL'}, $5, $6)`, [id, ref, status, createdAt, JSON.stringify(incident), revision ?? 1]);
      return;
    }
    case 'incident-broadcasts': {
      const { id, targets, revision, ...data } = line.record;
      await client.query('INSERT INTO incident_broadcasts (id, revision, targets, data) VALUES ($1, $2, $3, $4)', [id, revision ?? 1, JSON.stringify(targets), JSON.stringify(data)]);
      return;
    }
    case 'incident-deliveries': {
      const { revision, ...entry } = line.record;
      const failed = entry as { failedVersion?: number; failure?: string };
      await client.query(`INSERT INTO deliveries (id, incident_id, key, state, delivered_version, failed_version, failure, data, revision)
        VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [entry.id, entry.incidentId, entry.key, entry.state, entry.deliveredVersion, failed.failedVersion ?? null, failed.failure ?? null, JSON.stringify(entry), revision ?? 1]);
      return;
    }
    case 'incident-delivery-records': await client.query('INSERT INTO delivery_records (id, data) VALUES ($1, $2)', [line.record.id, JSON.stringify(line.record)]); return;
    case 'incident-receipts': await client.query('INSERT INTO incident_receipts (id, data) VALUES ($1, $2)', [line.record.id, JSON.stringify(line.record)]); return;
    case 'incident-subscriptions':
      await client.query('INSERT INTO incident_subscriptions (aad_object_id, followed) VALUES ($1, $2)', [line.aadObjectId.toLowerCase(), JSON.stringify(line.followed)]);
      return;
    case 'incident-acks':
      await client.query('INSERT INTO incident_acks (incident_id, aad_object_id, at) VALUES ($1, $2, $3)', [line.record.incidentId, line.record.aadObjectId.toLowerCase(), line.record.at]);
      return;
    case 'app-installs': await client.query('INSERT INTO app_installs (id, state, data) VALUES ($1, $2, $3)', [line.record.id, line.record.state, JSON.stringify(line.record)]);
  }
}
