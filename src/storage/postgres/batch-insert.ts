import type { Queryable } from './pool.js';

/**
 * Rows a statement carries at most. Measured on 100,000 cases (bench/README.md): 50 to 500 rows a
 * statement import alike; 1,000 and more are slower (one large JSON text per statement).
 */
export const BATCH_ROWS = 500;

/**
 * How one kind of line becomes rows of one table: the per-kind part of a batched import. A
 * statement's rows travel as one JSON array in one parameter, read back with
 * `jsonb_to_recordset($1) AS v(fields)` (so PostgreSQL's 65,535-parameter limit never applies),
 * and `select` picks what is inserted from them.
 */
export interface RowInsert<L> {
  /** The target, `table (column, ...)`. */
  into: string;
  /** The rows' fields, `name type, ...` (the columns' types), in the order `rows` gives the values. */
  fields: string;
  /** The rows a line becomes (none, one or several); `null` and `undefined` are NULL. */
  rows(line: L): unknown[][];
  /** What is inserted, over the fields (default: the fields in order), e.g. `nextval(...)` for a row that takes a number. */
  select?: string;
  /** Wraps the rows, `jsonb_to_recordset($1) AS v(fields)`, e.g. to give each row one number read twice. */
  from?: (rows: string) => string;
  /** After the rows, e.g. `ON CONFLICT ...`. */
  onConflict?: string;
  /**
   * For an `ON CONFLICT ... DO UPDATE`, which touches a row once per statement: the row's key. A batch
   * is written before a row whose key it already holds, so a key repeated in the file updates as before.
   */
  key?: (row: unknown[]) => unknown;
}

const namesOf = (insert: RowInsert<never>): string[] => insert.fields.split(',').map((field) => field.trim().split(/\s+/)[0] as string);

/** One multi-row INSERT: the statement and its one parameter, the rows as a JSON array of objects (NULLs left out). */
export function insertStatement(insert: RowInsert<never>, rows: unknown[][]): { text: string; values: [string] } {
  const names = namesOf(insert);
  const objects = rows.map((row) => Object.fromEntries(names.flatMap((name, index) => (row[index] === null || row[index] === undefined ? [] : [[name, row[index]]]))));
  const from = `jsonb_to_recordset($1::jsonb) AS v(${insert.fields})`;
  const text = `INSERT INTO ${insert.into} SELECT ${insert.select ?? names.join(', ')} FROM ${insert.from ? insert.from(from) : from} ${insert.onConflict ?? ''}`;
  return { text, values: [JSON.stringify(objects)] };
}

/**
 * Writes rows of consecutive lines of one kind with multi-row INSERTs, `maxRows` to a statement. A
 * line of another kind writes the pending rows first, so rows reach the database in the file's
 * order (and take numbers from sequences in it); `flush` writes the rest.
 */
export class BatchInserter {
  private insert: RowInsert<never> | undefined;
  private rows: unknown[][] = [];
  private keys = new Set<unknown>();

  constructor(private readonly db: Queryable, private readonly maxRows = BATCH_ROWS) {}

  async add<L>(insert: RowInsert<L>, line: L): Promise<void> {
    if (this.insert !== insert) {
      await this.flush();
      this.insert = insert as RowInsert<never>;
    }
    for (const row of insert.rows(line)) {
      const key = insert.key?.(row);
      if (this.rows.length >= this.maxRows || (key !== undefined && this.keys.has(key))) await this.flush();
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
