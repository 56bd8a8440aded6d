import type { Case, CaseStore } from '../../features/cases/index.js';
import { CaseConflict } from '../../features/cases/index.js';
import type { Pool, Queryable } from './pool.js';
import { withTransaction } from './transaction.js';

type Row = { revision: number; data: Case };

export const CASE_COLUMNS = 'id, revision, status, requester, thread_message_id, opened_at, data';
/** Open cases, in the order every engine lists them (byte order, whatever the database's locale). */
const OPEN_ORDER = 'ORDER BY opened_at COLLATE "C", id COLLATE "C"';
export const DIGEST_KEY = 'cases.last-digest-day';
/** Closed cases read per query while rewriting them (retention), so memory stays flat. */
const REWRITE_BATCH = 500;

function caseOf(row: Row): Case {
  return { ...row.data, revision: row.revision };
}

export function caseValues(item: Case, revision: number): unknown[] {
  const { revision: _dropped, ...data } = item;
  return [item.id, revision, item.status, item.requester.aadObjectId.toLowerCase(), item.thread?.messageId ?? null, item.openedAt, data];
}

/**
 * Cases in PostgreSQL: one row each, the case as jsonb plus the columns the lookups use. A save is
 * compare-and-set on `revision`; numbers come from `case_counters`, taken in the transaction that
 * inserts the case, so they are sequential without gaps across replicas.
 */
export class PgCaseStore implements CaseStore {
  constructor(private readonly pool: Pool) {}

  create(year: number, build: (sequence: number) => Case): Promise<Case> {
    return withTransaction(this.pool, async (client) => {
      // The counter row stays locked until commit: a second opener waits, then takes the next number.
      const { rows } = await client.query<{ last: number }>(
        'INSERT INTO case_counters (year, last) VALUES ($1, 1) ON CONFLICT (year) DO UPDATE SET last = case_counters.last + 1 RETURNING last', [year]);
      const item: Case = { ...build(rows[0].last), revision: 1 };
      await client.query(`INSERT INTO cases (${CASE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, caseValues(item, 1));
      return item;
    });
  }

  async get(number: string): Promise<Case | undefined> {
    const { rows } = await this.pool.query<Row>('SELECT revision, data FROM cases WHERE id = $1', [number]);
    return rows[0] && caseOf(rows[0]);
  }

  async save(item: Case): Promise<Case> {
    const expected = item.revision ?? 0;
    const saved: Case = { ...structuredClone(item), revision: expected + 1 };
    const result = expected === 0
      ? await this.pool.query(`INSERT INTO cases (${CASE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (id) DO NOTHING`, caseValues(saved, 1))
      // A closed case is final, as lowdb's archive is: only retention rewrites it.
      : await this.pool.query(
        `UPDATE cases SET revision = $2, status = $3, requester = $4, thread_message_id = $5, opened_at = $6, data = $7
         WHERE id = $1 AND revision = $8 AND status <> 'closed'`, [...caseValues(saved, expected + 1), expected]);
    if (result.rowCount !== 1) throw new CaseConflict(item.id);
    return saved;
  }

  async listOpen(): Promise<Case[]> {
    return this.many(this.pool, `SELECT revision, data FROM cases WHERE status <> 'closed' ${OPEN_ORDER}`, []);
  }

  async findOpenByRequester(aadObjectId: string): Promise<Case[]> {
    return this.many(this.pool, `SELECT revision, data FROM cases WHERE requester = $1 AND status <> 'closed' ${OPEN_ORDER}`, [aadObjectId.toLowerCase()]);
  }

  async findByThread(messageId: string): Promise<Case | undefined> {
    const found = await this.many(this.pool, "SELECT revision, data FROM cases WHERE thread_message_id = $1 AND status <> 'closed'", [messageId]);
    return found[0];
  }

  async rewriteClosed(edit: (item: Case) => Case | undefined): Promise<string[]> {
    const changed: string[] = [];
    for (let after = ''; ;) {
      const batch = await this.many(this.pool,
        `SELECT revision, data FROM cases WHERE status = 'closed' AND id COLLATE "C" > $1 ORDER BY id COLLATE "C" LIMIT ${REWRITE_BATCH}`, [after]);
      if (batch.length === 0) return changed;
      for (const item of batch) {
        const next = edit(structuredClone(item));
        if (!next || next.id !== item.id) continue;
        const { revision: _dropped, ...data } = next;
        // Compare-and-set: a replica rewriting the same case at the same moment (retention runs
        // daily on each) finds the revision moved on and leaves it to the one that got there first.
        const result = await this.pool.query('UPDATE cases SET data = $2, revision = revision + 1 WHERE id = $1 AND revision = $3', [item.id, data, item.revision]);
        if (result.rowCount === 1) changed.push(item.id);
      }
      after = batch[batch.length - 1].id;
    }
  }

  async lastDigestDay(): Promise<string | undefined> {
    const { rows } = await this.pool.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [DIGEST_KEY]);
    return rows[0]?.value;
  }

  async claimDigestDay(day: string): Promise<{ claimed: boolean; previous?: string }> {
    // A second claimer waits for the first's row, then finds the day already set and changes nothing.
    const { rows } = await this.pool.query<{ previous: string | null }>(
      `INSERT INTO settings (key, value) VALUES ($1, $2)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value WHERE settings.value IS DISTINCT FROM EXCLUDED.value
       RETURNING (SELECT value FROM settings WHERE key = $1) AS previous`, [DIGEST_KEY, day]);
    if (rows.length === 0) return { claimed: false };
    return rows[0].previous === null ? { claimed: true } : { claimed: true, previous: rows[0].previous };
  }

  async setLastDigestDay(day: string | undefined): Promise<void> {
    if (day === undefined) await this.pool.query('DELETE FROM settings WHERE key = $1', [DIGEST_KEY]);
    else await this.pool.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', [DIGEST_KEY, day]);
  }

  private async many(db: Queryable, sql: string, params: unknown[]): Promise<Case[]> {
    const { rows } = await db.query<Row>(sql, params);
    return rows.map(caseOf);
  }
}
