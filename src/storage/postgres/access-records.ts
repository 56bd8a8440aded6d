import type { Queryable } from './pool.js';

/** The columns a table keeps beside the JSON record (for its queries and compare-and-set), by name. */
export type Columns<T> = Record<string, (record: T) => string>;

/**
 * One access table of JSON records: live (`finished = false`) or archived. Every write names
 * `WHERE NOT finished`, so an archived record never changes again, whichever replica writes.
 */
export class RecordTable<T extends { id: string }> {
  private readonly names: string[];

  constructor(private readonly db: Queryable, private readonly table: string, private readonly columns: Columns<T> = {}) {
    this.names = Object.keys(columns);
  }

  private extra(record: T): string[] {
    return this.names.map((name) => this.columns[name](record));
  }

  private values(record: T, finished: boolean): unknown[] {
    return [record.id, finished, JSON.stringify(record), ...this.extra(record)];
  }

  /** `INSERT … ON CONFLICT DO UPDATE … WHERE NOT finished`: one row counted when the write took. */
  private async write(record: T, finished: boolean): Promise<boolean> {
    const columns = ['id', 'finished', 'record', ...this.names];
    const placeholders = columns.map((_, index) => `$${index + 1}`);
    const updates = columns.slice(1).map((name) => `${name} = EXCLUDED.${name}`);
    const result = await this.db.query(
      `INSERT INTO ${this.table} (${columns.join(', ')}) VALUES (${placeholders.join(', ')})
       ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')} WHERE NOT ${this.table}.finished`,
      this.values(record, finished));
    return result.rowCount === 1;
  }

  /** Inserts a new record; a record with its id already there is an error (a unique violation). */
  async insert(record: T, finished: boolean): Promise<void> {
    const columns = ['id', 'finished', 'record', ...this.names];
    await this.db.query(`INSERT INTO ${this.table} (${columns.join(', ')}) VALUES (${columns.map((_, index) => `$${index + 1}`).join(', ')})`, this.values(record, finished));
  }

  async get(id: string): Promise<T | undefined> {
    const { rows } = await this.db.query<{ record: T }>(`SELECT record FROM ${this.table} WHERE id = $1`, [id]);
    return rows[0]?.record;
  }

  /** Live records matching `where` (SQL over this table's columns, `$1…` from `params`), by id. */
  async live(where = 'true', params: unknown[] = []): Promise<T[]> {
    const { rows } = await this.db.query<{ record: T }>(`SELECT record FROM ${this.table} WHERE NOT finished AND (${where}) ORDER BY id`, params);
    return rows.map((row) => row.record);
  }

  /** Saves a live record; false when it is archived. */
  save(record: T): Promise<boolean> {
    return this.write(record, false);
  }

  /** Archives a record once; false when it already was. */
  finish(record: T): Promise<boolean> {
    return this.write(record, true);
  }

  /** Saves a live record only while its stored row matches `where` (e.g. `state = 'pending'`). */
  async replaceWhere(record: T, where: string): Promise<boolean> {
    const sets = ['record = $2', ...this.names.map((name, index) => `${name} = $${index + 3}`)];
    const result = await this.db.query(
      `UPDATE ${this.table} SET ${sets.join(', ')} WHERE id = $1 AND NOT finished AND (${where})`,
      [record.id, JSON.stringify(record), ...this.extra(record)]);
    return result.rowCount === 1;
  }
}
