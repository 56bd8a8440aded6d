import type { Proposal } from '../../features/knowledge/index.js';
import { asRecord, countLine, type ExportLine, type ExportRecord, type Section, type SectionCounts } from '../export-format.js';
import { BatchInserter, type RowInsert } from './batch-insert.js';
import { CORE_INSERTS, CORE_TABLES, exportPostgresCore } from './export-core.js';
import { INCIDENT_INSERTS, INCIDENT_TABLES, exportPostgresIncidents } from './export-incidents.js';
import { checkOut, type Pool, type PoolClient, type Queryable } from './pool.js';
import { withTransaction } from './transaction.js';

const RECORD_TABLES = [
  ['access-requests', 'access_requests'],
  ['access-tasks', 'access_tasks'],
  ['access-grants', 'access_grants'],
  ['access-substitutions', 'access_substitutions'],
] as const;
const ALL_TABLES = [...CORE_TABLES, ...INCIDENT_TABLES, 'access_requests', 'access_tasks', 'access_grants', 'access_substitutions', 'access_audit', 'access_counters',
  'access_scan_state', 'knowledge_feedback', 'knowledge_feedback_events', 'knowledge_unanswered', 'knowledge_proposals'];
const PAGE = 1000;

/** Rows of `sql` (which ends in `> $1 ORDER BY <key> LIMIT $2`), page by page on the key. */
async function* paged<R>(db: Queryable, sql: string, keyOf: (row: R) => string | number, first: string | number): AsyncGenerator<R> {
  let after = first;
  for (;;) {
    const { rows } = await db.query<R & object>(sql, [after, PAGE]);
    yield* rows;
    if (rows.length < PAGE) return;
    after = keyOf(rows[rows.length - 1]);
  }
}

const iso = (value: Date | null): string | undefined => value?.toISOString();

/** Every record in the database, read in one snapshot (REPEATABLE READ). */
export async function* exportPostgres(pool: Pool): AsyncGenerator<ExportLine> {
  const connection = await checkOut(pool);
  try {
    await connection.client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    yield* linesOf(connection.client);
    await connection.client.query('COMMIT');
  } finally {
    connection.release();
  }
}

async function* linesOf(db: PoolClient): AsyncGenerator<ExportLine> {
  for (const [section, table] of RECORD_TABLES) {
    for await (const row of paged<{ id: string; finished: boolean; record: ExportRecord }>(db, `SELECT id, finished, record FROM ${table} WHERE id > $1 ORDER BY id LIMIT $2`, (row) => row.id, '')) {
      yield { section, finished: row.finished, record: row.record };
    }
  }
  for await (const row of paged<{ seq: string; record: ExportRecord }>(db, 'SELECT seq, record FROM access_audit WHERE seq > $1 ORDER BY seq LIMIT $2', (row) => row.seq, 0)) {
    yield { section: 'access-audit', record: row.record };
  }
  for (const row of (await db.query<{ series: 'LIG' | 'ASE'; year: number; last: number }>('SELECT * FROM access_counters ORDER BY series, year')).rows) {
    yield { section: 'access-counters', series: row.series, year: row.year, last: row.last };
  }
  const [state] = (await db.query<{ last_scan_on: string | null; last_digest_on: string | null }>('SELECT * FROM access_scan_state')).rows;
  yield { section: 'access-state', lastScanOn: state?.last_scan_on ?? undefined, lastDigestOn: state?.last_digest_on ?? undefined };
  for (const row of (await db.query<{ article_id: string; helpful: number; unhelpful: number; last_at: Date }>('SELECT * FROM knowledge_feedback ORDER BY article_id')).rows) {
    yield { section: 'knowledge-feedback', articleId: row.article_id, helpful: row.helpful, unhelpful: row.unhelpful, lastAt: row.last_at.toISOString() };
  }
  for (const row of (await db.query<{ key: string; question: string; count: number; first_asked_at: Date; last_asked_at: Date }>('SELECT * FROM knowledge_unanswered ORDER BY key')).rows) {
    yield { section: 'knowledge-unanswered', key: row.key, question: row.question, count: row.count, firstAskedAt: row.first_asked_at.toISOString(), lastAskedAt: row.last_asked_at.toISOString() };
  }
  type EventRow = { seq: string; id: string; article_id: string; helpful: boolean; question: string; lang: string; at: Date };
  for await (const row of paged<EventRow>(db, 'SELECT * FROM knowledge_feedback_events WHERE seq > $1 ORDER BY seq LIMIT $2', (row) => row.seq, 0)) {
    yield { section: 'knowledge-feedback-events', record: asRecord({ id: row.id, articleId: row.article_id, helpful: row.helpful, question: row.question, lang: row.lang, at: row.at.toISOString() }) };
  }
  type ProposalRow = { id: string; article_id: string; key: string; question: string; helpful: number; linked: number; first_at: Date; last_at: Date; status: Proposal['status']; decided_by: Proposal['decidedBy'] | null; decided_at: Date | null };
  for (const row of (await db.query<ProposalRow>('SELECT * FROM knowledge_proposals ORDER BY id')).rows) {
    const proposal: Proposal = {
      id: row.id, articleId: row.article_id, key: row.key, question: row.question, origins: { helpful: row.helpful, linked: row.linked },
      firstAt: row.first_at.toISOString(), lastAt: row.last_at.toISOString(), status: row.status,
      ...(row.decided_by ? { decidedBy: row.decided_by } : {}), ...(row.decided_at ? { decidedAt: iso(row.decided_at) } : {}),
    };
    yield { section: 'knowledge-proposals', record: asRecord(proposal) };
  }
  yield* exportPostgresCore(db);
  yield* exportPostgresIncidents(db);
}

type Line<S extends Section> = Extract<ExportLine, { section: S }>;
type Event = ExportRecord & { articleId: string; helpful: boolean; question: string; lang: string; at: string };
/** A record table's row: id, finished and the record, then the columns the store keeps beside it. */
const recordInsert = (section: (typeof RECORD_TABLES)[number][0], extra: Record<string, string>, values: (record: ExportRecord) => unknown[]): RowInsert<{ finished: boolean; record: ExportRecord }> => {
  const table = RECORD_TABLES.find(([name]) => name === section)?.[1] as string;
  return {
    into: `${table} (id, finished, record${Object.keys(extra).map((column) => `, ${column}`).join('')})`,
    fields: ['id text, finished boolean, record jsonb', ...Object.entries(extra).map(([column, type]) => `${column} ${type}`)].join(', '),
    rows: (line) => [[line.record.id, line.finished, line.record, ...values(line.record)]],
  };
};

/** How each line is written in the import's transaction, as the stores write them. */
const INSERTS: { [S in Section]: RowInsert<Line<S>> } = {
  ...CORE_INSERTS,
  ...INCIDENT_INSERTS,
  'access-requests': recordInsert('access-requests', { state: 'text' }, (record) => [record.state]),
  'access-tasks': recordInsert('access-tasks', {}, () => []),
  'access-grants': recordInsert('access-grants', { subject_key: 'text' }, (record) => [String((record.subject as { id: string }).id).toLowerCase()]),
  'access-substitutions': recordInsert('access-substitutions', { state: 'text' }, (record) => [record.state ?? 'approved']),
  'access-audit': { into: 'access_audit (id, record)', fields: 'id text, record jsonb', rows: ({ record }) => [[record.id, record]] },
  'access-counters': { into: 'access_counters (series, year, last)', fields: 'series text, year integer, last integer', rows: (line) => [[line.series, line.year, line.last]] },
  'access-state': {
    into: 'access_scan_state (id, last_scan_on, last_digest_on)', fields: 'id integer, last_scan_on text, last_digest_on text', key: (row) => row[0],
    onConflict: 'ON CONFLICT (id) DO UPDATE SET last_scan_on = EXCLUDED.last_scan_on, last_digest_on = EXCLUDED.last_digest_on',
    rows: (line) => [[1, line.lastScanOn ?? null, line.lastDigestOn ?? null]],
  },
  'knowledge-feedback': {
    into: 'knowledge_feedback (article_id, helpful, unhelpful, last_at)', fields: 'article_id text, helpful integer, unhelpful integer, last_at timestamptz',
    rows: (line) => [[line.articleId, line.helpful, line.unhelpful, line.lastAt]],
  },
  'knowledge-unanswered': {
    into: 'knowledge_unanswered (key, question, count, first_asked_at, last_asked_at)',
    fields: 'key text, question text, count integer, first_asked_at timestamptz, last_asked_at timestamptz',
    rows: (line) => [[line.key, line.question, line.count, line.firstAskedAt, line.lastAskedAt]],
  },
  'knowledge-feedback-events': {
    into: 'knowledge_feedback_events (id, article_id, helpful, question, lang, at)', fields: 'id text, article_id text, helpful boolean, question text, lang text, at timestamptz',
    rows: ({ record }) => { const event = record as Event; return [[event.id, event.articleId, event.helpful, event.question, event.lang, event.at]]; },
  },
  'knowledge-proposals': {
    into: 'knowledge_proposals (id, article_id, key, question, helpful, linked, first_at, last_at, status, decided_by, decided_at)',
    fields: 'id text, article_id text, key text, question text, helpful integer, linked integer, first_at timestamptz, last_at timestamptz, status text, decided_by jsonb, decided_at timestamptz',
    rows: ({ record }) => {
      const proposal = record as unknown as Proposal;
      return [[proposal.id, proposal.articleId, proposal.key, proposal.question, proposal.origins.helpful, proposal.origins.linked, proposal.firstAt, proposal.lastAt,
        proposal.status, proposal.decidedBy ?? null, proposal.decidedAt ?? null]];
    },
  },
};

/**
 * Writes an export into a database whose tables are empty (refused otherwise; webhook signatures and
 * the card-signing secret are replaced), in one transaction: a bad line leaves the database as it was.
 * Consecutive lines of one kind go in multi-row INSERTs of `maxRows` rows at most.
 */
export async function importPostgres(pool: Pool, lines: AsyncIterable<ExportLine>, maxRows?: number): Promise<SectionCounts> {
  return withTransaction(pool, async (client) => {
    for (const table of ALL_TABLES) {
      const { rows } = await client.query(`SELECT 1 FROM ${table} LIMIT 1`);
      if (rows.length > 0) throw new Error(`The database already holds data (${table}): import into an empty database.`);
    }
    const counts: SectionCounts = {};
    const batch = new BatchInserter(client, maxRows);
    for await (const line of lines) {
      countLine(counts, line);
      await batch.add(INSERTS[line.section] as RowInsert<ExportLine>, line);
    }
    await batch.flush();
    return counts;
  });
}
