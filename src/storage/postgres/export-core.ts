import type { Case } from '../../features/cases/index.js';
import type { ConversationAddress } from '../../shared/messaging.js';
import { asRecord } from '../export-format.js';
import type { CoreLine } from '../lowdb-export-core.js';
import type { RowInsert } from './batch-insert.js';
import { CASE_COLUMNS, DIGEST_KEY, caseValues } from './pg-case-store.js';
import { CONVERSATION_COLUMNS, SAVE_CONFLICT, conversationValues } from './pg-conversation-store.js';
import type { PoolClient } from './pool.js';

/** The core tables an import needs empty (webhook signatures and the secret are replaced instead). */
export const CORE_TABLES = ['cases', 'case_counters', 'conversations', 'card_decisions', 'credential_warnings'];
export const SECRET_KEY = 'card-signing-secret';
const PAGE = 1000;

/** Rows of `sql` through a cursor, a page at a time (inside the export's transaction). */
export async function* cursor<R>(db: PoolClient, name: string, sql: string): AsyncGenerator<R> {
  await db.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`);
  for (;;) {
    const { rows } = await db.query<R & object>(`FETCH ${PAGE} FROM ${name}`);
    yield* rows;
    if (rows.length < PAGE) break;
  }
  await db.query(`CLOSE ${name}`);
}

async function setting(db: PoolClient, key: string): Promise<string | undefined> {
  const { rows } = await db.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
  return rows[0]?.value;
}

/** The core stores' lines, read inside the export's snapshot. */
export async function* exportPostgresCore(db: PoolClient): AsyncGenerator<CoreLine> {
  // Open cases first, then closed ones in number order, as the lowdb export lists them.
  for await (const row of cursor<{ revision: number; status: string; data: Case }>(db, 'export_cases',
    `SELECT revision, status, data FROM cases ORDER BY status = 'closed', id COLLATE "C"`)) {
    yield { section: 'cases', finished: row.status === 'closed', record: asRecord({ ...row.data, revision: row.revision }) as Extract<CoreLine, { section: 'cases' }>['record'] };
  }
  for (const row of (await db.query<{ year: number; last: number }>('SELECT year, last FROM case_counters ORDER BY year')).rows) {
    yield { section: 'case-counters', year: row.year, last: row.last };
  }
  yield { section: 'case-state', lastDigestDay: await setting(db, DIGEST_KEY) };
  // The order `save` replays into the same state: a person's chats by when first seen, a channel's by when last changed.
  for await (const row of cursor<{ address: ConversationAddress }>(db, 'export_conversations',
    "SELECT address FROM conversations ORDER BY CASE WHEN kind = 'channel' THEN changed ELSE created END, conversation_id COLLATE \"C\"")) {
    yield { section: 'conversations', address: row.address as unknown as Extract<CoreLine, { section: 'conversations' }>['address'] };
  }
  for await (const row of cursor<{ id: string; decided_by: string; verb: string; at: string }>(db, 'export_decisions', 'SELECT * FROM card_decisions ORDER BY id COLLATE "C"')) {
    yield { section: 'card-decisions', record: { id: row.id, by: row.decided_by, verb: row.verb, at: row.at } };
  }
  const warnings = await db.query<{ expires_on: string; thresholds: number[] }>(
    'SELECT expires_on, array_agg(threshold ORDER BY threshold DESC) AS thresholds FROM credential_warnings GROUP BY expires_on ORDER BY expires_on');
  for (const row of warnings.rows) yield { section: 'credential-warnings', expiresOn: row.expires_on, thresholds: row.thresholds };
  for (const row of (await db.query<{ signature: string; idempotency_key: string | null; until: string }>('SELECT * FROM seen_signatures ORDER BY signature')).rows) {
    yield { section: 'webhook-signatures', signature: row.signature, ...(row.idempotency_key === null ? {} : { key: row.idempotency_key }), until: Number(row.until) };
  }
  const secret = await setting(db, SECRET_KEY);
  if (secret) yield { section: 'card-signing-secret', secret };
}

/** A setting: the import replaces what the migrations wrote (the secret). */
const settingInsert = <L>(rows: (line: L) => unknown[][]): RowInsert<L> => ({
  into: 'settings (key, value)', fields: 'key text, value text', rows, onConflict: 'ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value', key: (row) => row[0],
});
type Line<S extends CoreLine['section']> = Extract<CoreLine, { section: S }>;

/** How each core line is written in the import's transaction: the columns and conflict rules the stores' own statements use. */
export const CORE_INSERTS: { [S in CoreLine['section']]: RowInsert<Line<S>> } = {
  cases: {
    into: `cases (${CASE_COLUMNS})`, fields: 'id text, revision integer, status text, requester text, thread_message_id text, opened_at text, data jsonb',
    // A case from before revisions counts as revision 1 here: the PostgreSQL store's compare-and-set needs a number.
    rows: (line) => [caseValues(line.record as unknown as Case, line.record.revision ?? 1)],
  },
  'case-counters': { into: 'case_counters (year, last)', fields: 'year integer, last integer', rows: (line) => [[line.year, line.last]] },
  'case-state': settingInsert((line) => (line.lastDigestDay === undefined ? [] : [[DIGEST_KEY, line.lastDigestDay]])),
  conversations: {
    // Each row takes one number from the sequence for both `created` and `changed`, as `save` does.
    into: `conversations (${CONVERSATION_COLUMNS})`, fields: 'conversation_id text, kind text, aad_object_id text, channel_id text, address jsonb',
    select: 'conversation_id, kind, aad_object_id, channel_id, address, n, n', from: (rows) => `(SELECT *, nextval('conversation_seq') AS n FROM ${rows}) AS numbered`,
    onConflict: SAVE_CONFLICT, key: (row) => row[0], rows: (line) => [conversationValues(line.address as unknown as ConversationAddress)],
  },
  'card-decisions': {
    into: 'card_decisions (id, decided_by, verb, at)', fields: 'id text, decided_by text, verb text, at text', onConflict: 'ON CONFLICT (id) DO NOTHING',
    rows: ({ record }) => [[record.id, record.by, record.verb, record.at]],
  },
  'credential-warnings': {
    into: 'credential_warnings (expires_on, threshold)', fields: 'expires_on text, threshold integer', onConflict: 'ON CONFLICT DO NOTHING',
    rows: (line) => line.thresholds.map((threshold) => [line.expiresOn, threshold]),
  },
  'webhook-signatures': {
    into: 'seen_signatures (signature, idempotency_key, until)', fields: 'signature text, idempotency_key text, until bigint', key: (row) => row[0],
    onConflict: 'ON CONFLICT (signature) DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key, until = EXCLUDED.until',
    rows: (line) => [[line.signature, line.key ?? null, line.until]],
  },
  'card-signing-secret': settingInsert((line) => [[SECRET_KEY, line.secret]]),
};
