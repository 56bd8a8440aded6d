import type { Case } from '../../features/cases/index.js';
import type { ConversationAddress } from '../../shared/messaging.js';
import { asRecord } from '../export-format.js';
import type { CoreLine } from '../lowdb-export-core.js';
import { PgCardDecisionStore } from './pg-card-decision-store.js';
import { CASE_COLUMNS, DIGEST_KEY, caseValues } from './pg-case-store.js';
import { PgConversationStore } from './pg-conversation-store.js';
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

const upsertSetting = 'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value';

/** Writes one core line inside the import's transaction, through the stores' own statements where they fit. */
export async function importPostgresCoreLine(client: PoolClient, line: CoreLine): Promise<void> {
  switch (line.section) {
    case 'cases': {
      // A case from before revisions counts as revision 1 here: the PostgreSQL store's compare-and-set needs a number.
      const item = line.record as unknown as Case;
      await client.query(`INSERT INTO cases (${CASE_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)`, caseValues(item, item.revision ?? 1));
      return;
    }
    case 'case-counters': await client.query('INSERT INTO case_counters (year, last) VALUES ($1, $2)', [line.year, line.last]); return;
    case 'case-state': if (line.lastDigestDay !== undefined) await client.query(upsertSetting, [DIGEST_KEY, line.lastDigestDay]); return;
    case 'conversations': await new PgConversationStore(client).save(line.address as unknown as ConversationAddress); return;
    case 'card-decisions': await new PgCardDecisionStore(client).put(line.record); return;
    case 'credential-warnings':
      await client.query('INSERT INTO credential_warnings (expires_on, threshold) SELECT $1, unnest($2::int[]) ON CONFLICT DO NOTHING', [line.expiresOn, line.thresholds]);
      return;
    case 'webhook-signatures':
      await client.query(`INSERT INTO seen_signatures (signature, idempotency_key, until) VALUES ($1, $2, $3)
        ON CONFLICT (signature) DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key, until = EXCLUDED.until`, [line.signature, line.key ?? null, line.until]);
      return;
    case 'card-signing-secret': await client.query(upsertSetting, [SECRET_KEY, line.secret]);
  }
}
