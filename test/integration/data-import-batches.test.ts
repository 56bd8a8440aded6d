import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { ConversationAddress } from '../../src/shared/messaging.js';
import { writeExportFile, type ExportLine } from '../../src/storage/export-format.js';
import { exportData, importData } from '../../src/storage/move-data.js';
import { importPostgres } from '../../src/storage/postgres/export.js';
import { migrate } from '../../src/storage/postgres/migrate.js';
import { PG_MIGRATIONS } from '../../src/storage/postgres/migrations/index.js';
import { PgConversationStore } from '../../src/storage/postgres/pg-conversation-store.js';
import { openPool, type Pool } from '../../src/storage/postgres/pool.js';
import { describeWithPostgres } from '../support/postgres.js';

// 10,000 cases of 7 columns need 70,000 parameters: more than one INSERT may carry (65,535).
const CASES = 10_000;
const OTHERS = 1_200;

const closedCase = (n: number, extra: Record<string, unknown> = {}) => {
  const at = new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString();
  return {
    id: `TUGI-2025-${String(n + 1).padStart(6, '0')}`, revision: 1, status: 'closed', requester: { aadObjectId: `aaaa-${n % 97}`, name: 'Mari' },
    description: `Pöördumine ${n}: avaldus ei salvestu.`, openedAt: at, closedAt: at, history: [{ event: 'close', by: { aadObjectId: 'siim' }, at }], ...extra,
  };
};
const person = (n: number): ConversationAddress => ({
  channel: 'msteams', serviceUrl: 'https://smba.example/emea/', conversationId: `a:chat-${n}`, kind: 'personal', tenantId: 't', locale: 'et-EE',
  bot: { id: '28:bot' }, user: { teamsId: `29:user-${n}`, aadObjectId: `aaaa0000-0000-4000-8000-${String(n).padStart(12, '0')}` },
});

/**
 * Long runs of one kind: closed cases in number order, then people's chats and archived incidents
 * listed against their ids' order, so the numbers the import takes from sequences show in the export.
 */
function* desk(badCase?: number): Generator<ExportLine> {
  for (let n = 0; n < CASES; n += 1) {
    yield { section: 'cases', finished: true, record: closedCase(n, n === badCase ? { description: 'a\u0000b' } : {}) } as ExportLine;
  }
  for (let n = OTHERS; n > 0; n -= 1) yield { section: 'conversations', address: person(n) } as ExportLine;
  for (let n = OTHERS; n > 0; n -= 1) {
    const record = { id: `inc-${String(n).padStart(5, '0')}`, ref: `INC-${n}`, status: 'resolved', createdAt: '2026-01-01T00:00:00.000Z', revision: 1 };
    yield { section: 'incidents', finished: true, record } as ExportLine;
  }
}

async function* feedbackEvents(bad: number): AsyncGenerator<ExportLine> {
  yield* desk();
  for (let n = 0; n < 3_000; n += 1) {
    const at = n === bad ? 'not a time' : new Date(Date.UTC(2026, 0, 1) + n * 1000).toISOString();
    yield { section: 'knowledge-feedback-events', record: { id: `e-${n}`, articleId: 'star-parool', helpful: n % 2 === 0, question: 'parool', lang: 'et', at } };
  }
}

async function* fromArray(lines: Iterable<ExportLine>): AsyncGenerator<ExportLine> {
  yield* lines;
}

const body = (file: string, sections: string[]) =>
  readFileSync(file, 'utf8').trim().split('\n').slice(1).map((text) => JSON.parse(text) as { section: string }).filter((line) => sections.includes(line.section));

describeWithPostgres('importing long runs of one kind into PostgreSQL in batches', (server) => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'tugibot-import-batches-')); });
  afterEach(() => { rmSync(dir, { recursive: true, force: true }); });
  const pgConfig = (url: string) => loadConfig({ DATA_DIR: join(dir, 'unused'), STORE: 'postgres', DATABASE_URL: url });

  async function onDatabase<T>(url: string, work: (pool: Pool) => Promise<T>): Promise<T> {
    const pool = await openPool(url, 'test', silentLogger());
    try {
      await migrate(pool, PG_MIGRATIONS, silentLogger());
      return await work(pool);
    } finally {
      await pool.end();
    }
  }
  const countsOf = (url: string, tables: string[]) => onDatabase(url, async (pool) =>
    Promise.all(tables.map(async (table) => Number((await pool.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`)).rows[0]?.n))));

  it('round-trips a run of cases longer than one INSERT\'s parameter limit, and the chats and archived incidents in the file\'s order', async () => {
    const file = join(dir, 'desk.jsonl');
    await writeExportFile(file, 'lowdb', fromArray(desk()));
    const sections = ['cases', 'conversations', 'incidents'];
    const url = await server().freshDatabase();
    expect(await importData(pgConfig(url), file, silentLogger())).toEqual({ cases: CASES, conversations: OTHERS, incidents: OTHERS });
    await exportData(pgConfig(url), join(dir, 'back.jsonl'), silentLogger());
    expect(body(join(dir, 'back.jsonl'), sections)).toEqual(body(file, sections));
    // The whole run in one statement: the rows travel in one parameter, so the limit does not apply.
    const whole = await server().freshDatabase();
    await onDatabase(whole, (pool) => importPostgres(pool, fromArray(desk()), CASES));
    await exportData(pgConfig(whole), join(dir, 'whole.jsonl'), silentLogger());
    expect(body(join(dir, 'whole.jsonl'), sections)).toEqual(body(file, sections));
    expect(await countsOf(whole, ['cases', 'conversations', 'incidents'])).toEqual([CASES, OTHERS, OTHERS]);
  }, 120_000);

  it('writes nothing when a line in the middle of a long run fails in PostgreSQL', async () => {
    const file = join(dir, 'damaged.jsonl');
    // A NUL character passes the file's check but not PostgreSQL; the rows before it went out in earlier statements.
    await writeExportFile(file, 'lowdb', fromArray(desk(CASES / 2)));
    const url = await server().freshDatabase();
    await expect(importData(pgConfig(url), file, silentLogger())).rejects.toThrow(/Unicode|0x00/);
    expect(await countsOf(url, ['cases', 'conversations', 'incidents'])).toEqual([0, 0, 0]);

    await writeExportFile(file, 'lowdb', feedbackEvents(1_500));
    await expect(importData(pgConfig(url), file, silentLogger())).rejects.toThrow(/invalid input syntax for type timestamp/);
    expect(await countsOf(url, ['cases', 'conversations', 'incidents', 'knowledge_feedback_events'])).toEqual([0, 0, 0, 0]);
  }, 120_000);

  it('updates a key repeated within a run as one statement per line did', async () => {
    const url = await server().freshDatabase();
    const again = { ...person(1), locale: 'en-US' };
    const lines: ExportLine[] = [
      { section: 'conversations', address: person(1) }, { section: 'conversations', address: person(2) }, { section: 'conversations', address: again },
      { section: 'webhook-signatures', signature: 'sig-1', until: 1 }, { section: 'webhook-signatures', signature: 'sig-1', key: 'idem', until: 2 },
    ] as ExportLine[];
    await onDatabase(url, (pool) => importPostgres(pool, fromArray(lines)));
    expect(await onDatabase(url, async (pool) => [
      await new PgConversationStore(pool).personalFor(again.user?.aadObjectId as string),
      (await pool.query('SELECT conversation_id, created, changed FROM conversations ORDER BY conversation_id')).rows,
      (await pool.query('SELECT signature, idempotency_key, until FROM seen_signatures')).rows,
    ])).toEqual([again, [{ conversation_id: 'a:chat-1', created: '1', changed: '3' }, { conversation_id: 'a:chat-2', created: '2', changed: '2' }],
      [{ signature: 'sig-1', idempotency_key: 'idem', until: '2' }]]);
  });
});
