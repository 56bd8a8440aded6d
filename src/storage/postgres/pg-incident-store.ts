import { IncidentRefTaken, type Broadcast, type Incident, type IncidentStore } from '../../features/incidents/index.js';
import type { Pool } from './pool.js';
import { isUniqueViolation, withTransaction } from './transaction.js';

type IncidentRow = { revision: number; data: Incident };
type BroadcastRow = { revision: number; targets: Broadcast['targets'] | null; data: Omit<Broadcast, 'id' | 'targets'> | null };

const INSERT_INCIDENT = 'INSERT INTO incidents (id, ref, status, created_at, data, revision) VALUES ($1, $2, $3, $4, $5, 1)';
const SET_INCIDENT = 'ref = $2, status = $3, created_at = $4, data = $5';
const INSERT_BROADCAST = 'INSERT INTO incident_broadcasts (id, targets, data, revision) VALUES ($1, $2, $3, 1)';

/** The incident's columns ($1..$5); the revision is the store's, not part of the stored document. */
function valuesOf(incident: Incident): unknown[] {
  const { revision: _revision, ...data } = incident;
  return [incident.id, incident.ref, incident.status, incident.createdAt, JSON.stringify(data)];
}

function broadcastValues(broadcast: Broadcast): unknown[] {
  const { id, targets, revision: _revision, ...data } = broadcast;
  return [id, JSON.stringify(targets), JSON.stringify(data)];
}

const incidentOf = (row: IncidentRow): Incident => ({ ...row.data, revision: row.revision });

/**
 * Incidents and their audiences in PostgreSQL. An incident is live until it is archived (then
 * `archived` holds the order it left, and it never changes again); one open incident per
 * monitoring ref (a unique index), so two replicas taking the same new alert make one incident.
 * Every save raises `revision`; saveIf and saveBroadcastIf write only over the revision read.
 *
 * An audience can hold tens of thousands of targets: it is written in one statement, and each
 * replica keeps the copy it last parsed for as long as the row's revision says nobody changed it.
 */
export class PgIncidentStore implements IncidentStore {
  private readonly parsed = new Map<string, { revision: number; broadcast: Broadcast }>();

  constructor(private readonly pool: Pool) {}

  async getLive(id: string): Promise<Incident | undefined> {
    return this.one('SELECT revision, data FROM incidents WHERE id = $1 AND archived IS NULL', [id]);
  }

  async get(id: string): Promise<Incident | undefined> {
    return this.one('SELECT revision, data FROM incidents WHERE id = $1', [id]);
  }

  async findByRef(ref: string): Promise<Incident | undefined> {
    return this.one('SELECT revision, data FROM incidents WHERE ref = $1 AND archived IS NULL ORDER BY created_at DESC, id DESC LIMIT 1', [ref]);
  }

  async findArchivedByRef(ref: string): Promise<Incident | undefined> {
    return this.one('SELECT revision, data FROM incidents WHERE ref = $1 AND archived IS NOT NULL ORDER BY archived DESC LIMIT 1', [ref]);
  }

  async live(): Promise<Incident[]> {
    const { rows } = await this.pool.query<IncidentRow>('SELECT revision, data FROM incidents WHERE archived IS NULL ORDER BY created_at, id');
    return rows.map(incidentOf);
  }

  /**
   * Refused with IncidentRefTaken when another open incident has the ref (the audience saved for it
   * is dropped); an archived incident cannot change.
   */
  async save(incident: Incident): Promise<void> {
    const saved = await this.write(incident, `${INSERT_INCIDENT} ON CONFLICT (id) DO UPDATE SET ${SET_INCIDENT}, revision = incidents.revision + 1
      WHERE incidents.archived IS NULL RETURNING revision, data`, valuesOf(incident));
    if (!saved) throw new Error(`${incident.id} is archived and can no longer change.`);
  }

  async saveIf(incident: Incident, expectedRevision: number | undefined): Promise<Incident | undefined> {
    return expectedRevision === undefined
      ? this.write(incident, `${INSERT_INCIDENT} ON CONFLICT (id) DO NOTHING RETURNING revision, data`, valuesOf(incident))
      : this.write(incident, `UPDATE incidents SET ${SET_INCIDENT}, revision = revision + 1 WHERE id = $1 AND revision = $6 AND archived IS NULL RETURNING revision, data`,
        [...valuesOf(incident), expectedRevision]);
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
    const broadcast: Broadcast = { ...row.data, id, targets: row.targets ?? [], revision: row.revision };
    this.parsed.set(id, { revision: row.revision, broadcast });
    return broadcast;
  }

  async saveBroadcast(broadcast: Broadcast): Promise<void> {
    await this.pool.query(`${INSERT_BROADCAST} ON CONFLICT (id) DO UPDATE SET revision = incident_broadcasts.revision + 1, targets = EXCLUDED.targets, data = EXCLUDED.data`,
      broadcastValues(broadcast));
  }

  async saveBroadcastIf(broadcast: Broadcast, expectedRevision: number | undefined): Promise<Broadcast | undefined> {
    const { rows } = expectedRevision === undefined
      ? await this.pool.query<{ revision: number }>(`${INSERT_BROADCAST} ON CONFLICT (id) DO NOTHING RETURNING revision`, broadcastValues(broadcast))
      : await this.pool.query<{ revision: number }>('UPDATE incident_broadcasts SET targets = $2, data = $3, revision = revision + 1 WHERE id = $1 AND revision = $4 RETURNING revision',
        [...broadcastValues(broadcast), expectedRevision]);
    return rows[0] && { ...structuredClone(broadcast), revision: rows[0].revision };
  }

  /** The incident leaves the live set and its audience is dropped in one transaction; archiving twice changes nothing. */
  async archive(incident: Incident): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO incidents (id, ref, status, created_at, data, revision, archived) VALUES ($1, $2, $3, $4, $5, 1, nextval('incident_archive_seq'))
         ON CONFLICT (id) DO UPDATE SET ${SET_INCIDENT}, revision = incidents.revision + 1, archived = EXCLUDED.archived
         WHERE incidents.archived IS NULL`, valuesOf(incident));
      await client.query('DELETE FROM incident_broadcasts WHERE id = $1', [incident.id]);
    });
    this.parsed.delete(incident.id);
  }

  async isArchived(id: string): Promise<boolean> {
    const { rows } = await this.pool.query('SELECT 1 FROM incidents WHERE id = $1 AND archived IS NOT NULL', [id]);
    return rows.length > 0;
  }

  /** Runs an insert or update of `incident`; a taken ref becomes IncidentRefTaken. */
  private async write(incident: Incident, sql: string, params: unknown[]): Promise<Incident | undefined> {
    try {
      return await this.one(sql, params);
    } catch (error) {
      if (!isUniqueViolation(error) || (error as { constraint?: string }).constraint !== 'incidents_open_ref') throw error;
      // The audience saved for the refused incident would point at nothing: it goes too.
      await this.pool.query('DELETE FROM incident_broadcasts WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM incidents WHERE id = $1)', [incident.id]);
      throw new IncidentRefTaken(incident.ref, incident.id);
    }
  }

  private async one(sql: string, params: unknown[]): Promise<Incident | undefined> {
    const { rows } = await this.pool.query<IncidentRow>(sql, params);
    return rows[0] && incidentOf(rows[0]);
  }
}
