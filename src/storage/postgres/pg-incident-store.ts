import { IncidentRefTaken, type Broadcast, type Incident, type IncidentStore } from '../../features/incidents/index.js';
import type { Pool } from './pool.js';
import { isUniqueViolation, withTransaction } from './transaction.js';

type BroadcastRow = { revision: number; targets: Broadcast['targets'] | null; data: Omit<Broadcast, 'id' | 'targets'> | null };

const INCIDENT_COLUMNS = 'id, ref, status, created_at, archived, data';
const UPSERT_INCIDENT = `INSERT INTO incidents (id, ref, status, created_at, data) VALUES ($1, $2, $3, $4, $5)
  ON CONFLICT (id) DO UPDATE SET ref = EXCLUDED.ref, status = EXCLUDED.status, created_at = EXCLUDED.created_at, data = EXCLUDED.data
  WHERE incidents.archived IS NULL`;

const valuesOf = (incident: Incident): unknown[] => [incident.id, incident.ref, incident.status, incident.createdAt, JSON.stringify(incident)];

/**
 * Incidents and their audiences in PostgreSQL. An incident is live until it is archived (then
 * `archived` holds the order it left, and it never changes again); one open incident per
 * monitoring ref (a unique index), so two replicas taking the same new alert make one incident.
 *
 * An audience can hold tens of thousands of targets: it is written in one statement, and each
 * replica keeps the copy it last parsed for as long as the row's revision says nobody changed it.
 */
export class PgIncidentStore implements IncidentStore {
  private readonly parsed = new Map<string, { revision: number; broadcast: Broadcast }>();

  constructor(private readonly pool: Pool) {}

  async getLive(id: string): Promise<Incident | undefined> {
    return this.one('SELECT data FROM incidents WHERE id = $1 AND archived IS NULL', [id]);
  }

  async get(id: string): Promise<Incident | undefined> {
    return this.one('SELECT data FROM incidents WHERE id = $1', [id]);
  }

  async findByRef(ref: string): Promise<Incident | undefined> {
    return this.one('SELECT data FROM incidents WHERE ref = $1 AND archived IS NULL ORDER BY created_at DESC, id DESC LIMIT 1', [ref]);
  }

  async findArchivedByRef(ref: string): Promise<Incident | undefined> {
    return this.one('SELECT data FROM incidents WHERE ref = $1 AND archived IS NOT NULL ORDER BY archived DESC LIMIT 1', [ref]);
  }

  async live(): Promise<Incident[]> {
    const { rows } = await this.pool.query<{ data: Incident }>('SELECT data FROM incidents WHERE archived IS NULL ORDER BY created_at, id');
    return rows.map((row) => row.data);
  }

  /**
   * Refused with IncidentRefTaken when another open incident has the ref (the audience saved for it
   * is dropped); an archived incident cannot change.
   */
  async save(incident: Incident): Promise<void> {
    let saved: number | null;
    try {
      saved = (await this.pool.query(UPSERT_INCIDENT, valuesOf(incident))).rowCount;
    } catch (error) {
      if (!isUniqueViolation(error) || (error as { constraint?: string }).constraint !== 'incidents_open_ref') throw error;
      // The audience saved for the refused incident would point at nothing: it goes too.
      await this.pool.query('DELETE FROM incident_broadcasts WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM incidents WHERE id = $1)', [incident.id]);
      throw new IncidentRefTaken(incident.ref, incident.id);
    }
    if (saved !== 1) throw new Error(`${incident.id} is archived and can no longer change.`);
  }

  async broadcast(id: string): Promise<Readonly<Broadcast> | undefined> {
    const known = this.parsed.get(id);
    // One round trip: the targets come back only when the row changed since this replica parsed it.
    const { rows } = await this.pool.query<BroadcastRow>(
      `SELECT revision, CASE WHEN revision = $2 THEN NULL ELSE targets END AS targets, CASE WHEN revision = $2 THEN NULL ELSE data END AS data
       FROM incident_broadcasts WHERE id = $1`, [id, known?.revision ?? -1]);
    const row = rows[0];
    if (!row) {
      this.parsed.delete(id);
      return undefined;
    }
    if (known && row.targets === null) return known.broadcast;
    const broadcast: Broadcast = { ...row.data, id, targets: row.targets ?? [] };
    this.parsed.set(id, { revision: row.revision, broadcast });
    return broadcast;
  }

  async saveBroadcast(broadcast: Broadcast): Promise<void> {
    const { id, targets, ...data } = broadcast;
    await this.pool.query(
      `INSERT INTO incident_broadcasts (id, revision, targets, data) VALUES ($1, 1, $2, $3)
       ON CONFLICT (id) DO UPDATE SET revision = incident_broadcasts.revision + 1, targets = EXCLUDED.targets, data = EXCLUDED.data`,
      [id, JSON.stringify(targets), JSON.stringify(data)]);
  }

  /** The incident leaves the live set and its audience is dropped in one transaction; archiving twice changes nothing. */
  async archive(incident: Incident): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO incidents (${INCIDENT_COLUMNS}) VALUES ($1, $2, $3, $4, nextval('incident_archive_seq'), $5)
         ON CONFLICT (id) DO UPDATE SET ref = EXCLUDED.ref, status = EXCLUDED.status, created_at = EXCLUDED.created_at, data = EXCLUDED.data, archived = EXCLUDED.archived
         WHERE incidents.archived IS NULL`, valuesOf(incident));
      await client.query('DELETE FROM incident_broadcasts WHERE id = $1', [incident.id]);
    });
    this.parsed.delete(incident.id);
  }

  async isArchived(id: string): Promise<boolean> {
    const { rows } = await this.pool.query('SELECT 1 FROM incidents WHERE id = $1 AND archived IS NOT NULL', [id]);
    return rows.length > 0;
  }

  private async one(sql: string, params: unknown[]): Promise<Incident | undefined> {
    const { rows } = await this.pool.query<{ data: Incident }>(sql, params);
    return rows[0]?.data;
  }
}
