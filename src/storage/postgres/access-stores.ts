import type { AccessRequest, AccessTask, AuditEntry, Grant, Substitution } from '../../features/access/model.js';
import type { AccessStores, AuditLog, GrantStore, RequestStore, ScanState, ScanStateStore, SubstitutionStore, TaskStore } from '../../features/access/stores.js';
import { newId } from '../../shared/ids.js';
import { RecordTable } from './access-records.js';
import type { Pool, Queryable } from './pool.js';
import { withTransaction } from './transaction.js';

/**
 * Takes the next number of a yearly series and inserts what `make` builds with it, in one
 * transaction: the counter row stays locked until the record is in, so concurrent callers on every
 * replica queue for their numbers, and a failure gives the number back.
 */
async function numbered<T extends { id: string }>(pool: Pool, series: 'LIG' | 'ASE', year: number, make: (number: number) => T, insert: (db: Queryable, record: T) => Promise<void>): Promise<T> {
  return withTransaction(pool, async (client) => {
    const { rows } = await client.query<{ last: number }>(
      `INSERT INTO access_counters (series, year, last) VALUES ($1, $2, 1)
       ON CONFLICT (series, year) DO UPDATE SET last = access_counters.last + 1 RETURNING last`, [series, year]);
    const record = make(rows[0].last);
    await insert(client, record);
    return record;
  });
}

const requestColumns = { state: (request: AccessRequest) => request.state };

class PgRequestStore implements RequestStore {
  private readonly table: RecordTable<AccessRequest>;
  constructor(private readonly pool: Pool) {
    this.table = new RecordTable<AccessRequest>(pool, 'access_requests', requestColumns);
  }
  get(id: string) { return this.table.get(id); }
  save(request: AccessRequest) { return this.table.save(request); }
  finish(request: AccessRequest) { return this.table.finish(request); }
  pending() { return this.table.live(`state = 'pending'`); }
  add(year: number, make: (number: number) => AccessRequest): Promise<AccessRequest> {
    return numbered(this.pool, 'LIG', year, make, (db, request) => new RecordTable(db, 'access_requests', requestColumns).insert(request, request.state !== 'pending'));
  }
}

class PgTaskStore implements TaskStore {
  private readonly table: RecordTable<AccessTask>;
  constructor(private readonly db: Queryable) { this.table = new RecordTable<AccessTask>(db, 'access_tasks'); }
  /** One UPDATE: the row lock lets one of two replicas claiming at once see the task unclaimed. */
  async claimPosting(id: string, holder: string, now: Date, ms: number): Promise<AccessTask | undefined> {
    const posting = { holder, until: new Date(now.getTime() + ms).toISOString() };
    const { rows } = await this.db.query<{ record: AccessTask }>(
      `UPDATE access_tasks SET record = jsonb_set(record, '{posting}', $2::jsonb)
       WHERE id = $1 AND NOT finished AND record->>'state' = 'open' AND NOT (record ? 'card')
         AND (NOT (record ? 'posting') OR record->'posting'->>'holder' = $3 OR (record->'posting'->>'until')::timestamptz <= $4)
       RETURNING record`, [id, JSON.stringify(posting), holder, now]);
    return rows[0]?.record;
  }
  get(id: string) { return this.table.get(id); }
  open() { return this.table.live(); }
  save(task: AccessTask) { return this.table.save(task); }
  finish(task: AccessTask) { return this.table.finish(task); }
}

class PgGrantStore implements GrantStore {
  private readonly table: RecordTable<Grant>;
  constructor(db: Queryable) { this.table = new RecordTable<Grant>(db, 'access_grants', { subject_key: (grant) => grant.subject.id.toLowerCase() }); }
  active() { return this.table.live(); }
  ofSubject(subjectId: string) { return this.table.live('subject_key = $1', [subjectId.toLowerCase()]); }
  async save(grant: Grant) { await this.table.save(grant); }
  async end(grant: Grant) { await this.table.finish(grant); }
}

/** Records from before approval existed have no state and count as approved. */
const stateOf = (substitution: Substitution): string => substitution.state ?? 'approved';

class PgSubstitutionStore implements SubstitutionStore {
  private readonly table: RecordTable<Substitution>;
  constructor(private readonly pool: Pool) { this.table = new RecordTable<Substitution>(pool, 'access_substitutions', { state: stateOf }); }
  add(year: number, make: (number: number) => Substitution): Promise<Substitution> {
    return numbered(this.pool, 'ASE', year, make, (db, item) => new RecordTable(db, 'access_substitutions', { state: stateOf }).insert(item, false));
  }
  get(id: string) { return this.table.get(id); }
  current() { return this.table.live(); }
  save(substitution: Substitution) { return this.table.save(substitution); }
  decide(substitution: Substitution) { return this.table.replaceWhere(substitution, `state = 'pending'`); }
  finish(substitution: Substitution) { return this.table.finish(substitution); }
}

/** Insert only; a trigger refuses any UPDATE or DELETE of an entry. */
class PgAuditLog implements AuditLog {
  constructor(private readonly db: Queryable) {}
  async append(entry: Omit<AuditEntry, 'id'>): Promise<void> {
    const id = newId();
    await this.db.query('INSERT INTO access_audit (id, record) VALUES ($1, $2)', [id, JSON.stringify({ id, ...entry })]);
  }
  async recent(limit: number): Promise<AuditEntry[]> {
    const { rows } = await this.db.query<{ record: AuditEntry }>('SELECT record FROM access_audit ORDER BY seq DESC LIMIT $1', [limit]);
    return rows.map((row) => row.record);
  }
}

class PgScanState implements ScanStateStore {
  constructor(private readonly db: Queryable) {}
  async get(): Promise<ScanState> {
    const { rows } = await this.db.query<{ last_scan_on: string | null; last_digest_on: string | null }>('SELECT last_scan_on, last_digest_on FROM access_scan_state WHERE id = 1');
    return { lastScanOn: rows[0]?.last_scan_on ?? undefined, lastDigestOn: rows[0]?.last_digest_on ?? undefined };
  }
  async set(state: ScanState): Promise<void> {
    await this.db.query(
      `INSERT INTO access_scan_state (id, last_scan_on, last_digest_on) VALUES (1, $1, $2)
       ON CONFLICT (id) DO UPDATE SET last_scan_on = COALESCE($1, access_scan_state.last_scan_on), last_digest_on = COALESCE($2, access_scan_state.last_digest_on)`,
      [state.lastScanOn ?? null, state.lastDigestOn ?? null]);
  }
  /** Taken when free, run out, or already this holder's: one statement, so two replicas cannot both take it. */
  async lease(name: string, holder: string, now: Date, ms: number): Promise<boolean> {
    const result = await this.db.query(
      `INSERT INTO access_leases (name, holder, until) VALUES ($1, $2, $3)
       ON CONFLICT (name) DO UPDATE SET holder = EXCLUDED.holder, until = EXCLUDED.until
       WHERE access_leases.holder = EXCLUDED.holder OR access_leases.until <= $4`,
      [name, holder, new Date(now.getTime() + ms), now]);
    return result.rowCount === 1;
  }
  async release(name: string, holder: string): Promise<void> {
    await this.db.query('DELETE FROM access_leases WHERE name = $1 AND holder = $2', [name, holder]);
  }
}

/** The access feature's stores in PostgreSQL (tables from migration 100-access). */
export function pgAccessStores(db: Pool): AccessStores {
  return {
    requests: new PgRequestStore(db),
    tasks: new PgTaskStore(db),
    grants: new PgGrantStore(db),
    substitutions: new PgSubstitutionStore(db),
    audit: new PgAuditLog(db),
    state: new PgScanState(db),
  };
}
