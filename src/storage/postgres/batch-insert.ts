import type { Queryable } from './pool.js';

/** PostgreSQL's wire protocol numbers a statement's parameters with 16 bits. */
export const MAX_PARAMETERS = 65_535;

/**
 * How one kind of line becomes rows of one table: the per-kind part of a batched import. The rows
 * travel as `(VALUES ...) AS v(fields)`, each value cast to its field's type, and `select` picks
 * what is inserted from them.
 */
export interface RowInsert<L> {
  /** The target, `table (column, ...)`. */
  into: string;
  /** The rows' fields, `name type, ...`, in the order `rows` gives the values. */
  fields: string;
  /** The rows a line becomes (none, one or several); a jsonb field's value is written as JSON, `null` as NULL. */
  rows(line: L): unknown[][];
  /** What is inserted, over the fields (default: the fields in order), e.g. `nextval(...)` for a row that takes a number. */
  select?: string;
  /** Wraps the rows, `(VALUES ...) AS v(fields)`, e.g. to give each row one number read twice. */
  from?: (rows: string) => string;
  /** After the rows, e.g. `ON CONFLICT ...`. */
  onConflict?: string;
  /**
   * For an `ON CONFLICT ... DO UPDATE`, which touches a row once per statement: the row's key. A batch
   * is written before a row whose key it already holds, so a key repeated in the file updates as before.
   */
  key?: (row: unknown[]) => unknown;
}

type Field = { name: string; type: string };

function fieldsOf(insert: RowInsert<never>): Field[] {
  return insert.fields.split(',').map((field) => {
    const [name, ...type] = field.trim().split(/\s+/);
    return { name: name as string, type: type.join(' ') };
  });
}

/** One multi-row INSERT: the statement and its parameters. */
export function insertStatement(insert: RowInsert<never>, rows: unknown[][]): { text: string; values: unknown[] } {
  const fields = fieldsOf(insert);
  const values: unknown[] = [];
  const tuples = rows.map((row) => `(${fields.map(({ type }, index) => {
    const value = row[index] ?? null;
    values.push(type === 'jsonb' && value !== null ? JSON.stringify(value) : value);
    return `$${values.length}::${type}`;
  }).join(', ')})`);
  const names = fields.map(({ name }) => name).join(', ');
  const from = `(VALUES ${tuples.join(', ')}) AS v(${names})`;
  const text = `INSERT INTO ${insert.into} SELECT ${insert.select ?? names} FROM ${insert.from ? insert.from(from) : from} ${insert.onConflict ?? ''}`;
  return { text, values };
}

/**
 * Writes rows of consecutive lines of one kind with multi-row INSERTs, as many rows to a statement
 * as PostgreSQL's parameter limit (or `maxRows`) allows. A line of another kind writes the pending
 * rows first, so rows reach the database in the file's order; `flush` writes the rest.
 */
export class BatchInserter {
  private insert: RowInsert<never> | undefined;
  private rows: unknown[][] = [];
  private keys = new Set<unknown>();
  private limit = 0;

  constructor(private readonly db: Queryable, private readonly maxRows = Number.POSITIVE_INFINITY) {}

  async add<L>(insert: RowInsert<L>, line: L): Promise<void> {
    if (this.insert !== insert) {
      await this.flush();
      this.insert = insert as RowInsert<never>;
      this.limit = Math.min(this.maxRows, Math.floor(MAX_PARAMETERS / fieldsOf(this.insert).length));
    }
    for (const row of insert.rows(line)) {
      const key = insert.key?.(row);
      if (this.rows.length >= this.limit || (key !== undefined && this.keys.has(key))) await this.flush();
      this.rows.push(row);
      if (key !== undefined) this.keys.add(key);
    }
  }

  /** Writes the pending rows. */
  async flush(): Promise<void> {
    if (this.insert && this.rows.length > 0) {
      const { text, values } = insertStatement(this.insert, this.rows);
      await this.db.query(text, values);
    }
    this.rows = [];
    this.keys.clear();
  }
}
