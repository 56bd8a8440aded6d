import type { DeliveryEntry, DeliveryProgress, DeliveryRecord, DeliveryStore } from '../../features/incidents/index.js';
import type { Pool } from './pool.js';

type EntryRow = { revision: number; data: DeliveryEntry };

const entryOf = (row: EntryRow): DeliveryEntry => ({ ...row.data, revision: row.revision });

/** The entry's columns in order ($1..$8); revision is the store's. */
function valuesOf(entry: DeliveryEntry): unknown[] {
  const { revision: _ignored, ...data } = entry;
  return [entry.id, entry.incidentId, entry.key, entry.state, entry.deliveredVersion, entry.failedVersion ?? null, entry.failure ?? null, JSON.stringify(data)];
}

const INSERT = `INSERT INTO deliveries (id, incident_id, key, state, delivered_version, failed_version, failure, data, revision)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1)`;
const SET = 'state = $4, delivered_version = $5, failed_version = $6, failure = $7, data = $8';

/**
 * The delivery outbox in PostgreSQL: one row per incident and conversation key (the primary key
 * and a unique pair). Every write adds one to `revision`; `claim` writes only over the revision
 * the caller read, so of two replicas reaching for the same entry exactly one gets it.
 * Progress is counted by the database over the incident's rows (an index range), not read into
 * the process. An archived incident's outbox becomes one row in `delivery_records`.
 */
export class PgOutboxStore implements DeliveryStore {
  constructor(private readonly pool: Pool) {}

  async get(id: string): Promise<DeliveryEntry | undefined> {
    const { rows } = await this.pool.query<EntryRow>('SELECT revision, data FROM deliveries WHERE id = $1', [id]);
    return rows[0] && entryOf(rows[0]);
  }

  async put(entry: DeliveryEntry): Promise<void> {
    await this.pool.query(`${INSERT} ON CONFLICT (id) DO UPDATE SET ${SET}, revision = deliveries.revision + 1`, valuesOf(entry));
  }

  async claim(entry: DeliveryEntry, expectedRevision: number | undefined): Promise<DeliveryEntry | undefined> {
    const { rows } = expectedRevision === undefined
      ? await this.pool.query<EntryRow>(`${INSERT} ON CONFLICT DO NOTHING RETURNING revision, data`, valuesOf(entry))
      : await this.pool.query<EntryRow>(`UPDATE deliveries SET ${SET}, revision = revision + 1 WHERE id = $1 AND incident_id = $2 AND key = $3 AND revision = $9 RETURNING revision, data`,
        [...valuesOf(entry), expectedRevision]);
    return rows[0] && entryOf(rows[0]);
  }

  /** The distinct incident ids, one index probe each (a skip scan), not a read of every entry. */
  async liveIncidentIds(): Promise<string[]> {
    const { rows } = await this.pool.query<{ incident_id: string }>(
      `WITH RECURSIVE ids AS (
         (SELECT incident_id FROM deliveries ORDER BY incident_id LIMIT 1)
         UNION ALL
         SELECT (SELECT d.incident_id FROM deliveries d WHERE d.incident_id > ids.incident_id ORDER BY d.incident_id LIMIT 1) FROM ids WHERE ids.incident_id IS NOT NULL
       ) SELECT incident_id FROM ids WHERE incident_id IS NOT NULL`);
    return rows.map((row) => row.incident_id);
  }

  /** The same classification as progressOf, counted in one query over the incident's rows. */
  async progress(incidentId: string, version: number, total: number): Promise<DeliveryProgress> {
    const { rows } = await this.pool.query<{ outcome: 'dropped' | 'delivered' | 'failed'; reason: string | null; n: number }>(
      `SELECT outcome, reason, count(*)::int AS n FROM (
         SELECT CASE WHEN state = 'dropped' THEN 'dropped' WHEN delivered_version >= $2 THEN 'delivered' WHEN failed_version = $2 THEN 'failed' END AS outcome,
                CASE WHEN state = 'dropped' THEN coalesce(failure, 'dropped') WHEN delivered_version >= $2 THEN NULL WHEN failed_version = $2 THEN coalesce(failure, 'failed') END AS reason
         FROM deliveries WHERE incident_id = $1) AS settled
       WHERE outcome IS NOT NULL GROUP BY outcome, reason`, [incidentId, version]);
    const progress: DeliveryProgress = { version, total, delivered: 0, pending: 0, failed: 0, dropped: 0, reasons: {} };
    for (const row of rows) {
      progress[row.outcome] += row.n;
      if (row.reason !== null) progress.reasons[row.reason] = (progress.reasons[row.reason] ?? 0) + row.n;
    }
    progress.pending = Math.max(0, total - progress.delivered - progress.failed - progress.dropped);
    return progress;
  }

  async liveFor(incidentId: string): Promise<DeliveryEntry[]> {
    const { rows } = await this.pool.query<EntryRow>('SELECT revision, data FROM deliveries WHERE incident_id = $1 ORDER BY key COLLATE "C"', [incidentId]);
    return rows.map(entryOf);
  }

  /** Once per incident: a second record for the same incident is ignored. */
  async record(record: DeliveryRecord): Promise<void> {
    await this.pool.query('INSERT INTO delivery_records (id, data) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING', [record.id, JSON.stringify(record)]);
  }

  async hasRecord(incidentId: string): Promise<boolean> {
    const { rows } = await this.pool.query('SELECT 1 FROM delivery_records WHERE id = $1', [incidentId]);
    return rows.length > 0;
  }

  async getRecord(incidentId: string): Promise<DeliveryRecord | undefined> {
    const { rows } = await this.pool.query<{ data: DeliveryRecord }>('SELECT data FROM delivery_records WHERE id = $1', [incidentId]);
    return rows[0]?.data;
  }

  async dropLive(incidentId: string): Promise<number> {
    return (await this.pool.query('DELETE FROM deliveries WHERE incident_id = $1', [incidentId])).rowCount ?? 0;
  }
}
