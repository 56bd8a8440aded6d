import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatCaseNumber, type Case, type CaseStore } from '../../src/features/cases/index.js';
import type { CredentialWarningStore } from '../../src/features/credentials/index.js';
import type { SeenSignatures } from '../../src/http/replay-guard.js';
import type { CardDecisionStore } from '../../src/shared/card-decisions.js';
import type { ConversationStore } from '../../src/shared/conversations.js';
import { silentLogger } from '../../src/shared/logger.js';
import type { ConversationAddress } from '../../src/shared/messaging.js';
import { LowdbCardDecisionStore } from '../../src/storage/lowdb-card-decisions.js';
import { LowdbCaseStore } from '../../src/storage/lowdb-case-store.js';
import { LowdbConversationStore } from '../../src/storage/lowdb-conversation-store.js';
import { LowdbCredentialStore } from '../../src/storage/lowdb-credential-store.js';
import { LowdbSeenSignatures } from '../../src/storage/lowdb-seen-signatures.js';
import { exportData, importData } from '../../src/storage/move-data.js';
import { sharedSecret } from '../../src/storage/postgres/open-postgres-stores.js';
import { PgCardDecisionStore } from '../../src/storage/postgres/pg-card-decision-store.js';
import { PgCaseStore } from '../../src/storage/postgres/pg-case-store.js';
import { PgConversationStore } from '../../src/storage/postgres/pg-conversation-store.js';
import { PgCredentialStore, PgSeenSignatures } from '../../src/storage/postgres/pg-small-stores.js';
import { caseOf } from '../contract/case-store.contract.js';
import { useDataMoveRig } from '../support/use-data-move-rig.js';
import { describeWithPostgres } from '../support/postgres.js';

interface Desk {
  cases: CaseStore; conversations: ConversationStore; decisions: CardDecisionStore; credentials: CredentialWarningStore; signatures: SeenSignatures;
  secret(): Promise<string>;
}
const NOW = 1_800_000_000;
const CHANNEL = '19:desk@thread.tacv2';
const person = (n: number, extra: Partial<ConversationAddress> = {}): ConversationAddress => ({
  channel: 'msteams', serviceUrl: 'https://smba.example/emea/', conversationId: `a:chat-${n}`, kind: 'personal', tenantId: 't', locale: 'et-EE',
  bot: { id: '28:bot' }, user: { teamsId: `29:user-${n}`, aadObjectId: `aaaa0000-0000-4000-8000-${String(n).padStart(12, '0')}` }, ...extra,
});
const channel: ConversationAddress = { channel: 'msteams', serviceUrl: 'https://smba.example/emea/', conversationId: `${CHANNEL};messageid=1`, kind: 'channel', channelId: CHANNEL, teamId: 'team', bot: { id: '28:bot' } };
const open = (store: CaseStore, requester: string, year = 2026, extra: Partial<Case> = {}) =>
  store.create(year, (sequence) => caseOf(formatCaseNumber(year, sequence), requester, extra));

/** A desk with every core store used: open and closed cases over two years, chats, a channel, decisions, warnings, a signature. */
async function seed(desk: Desk): Promise<void> {
  const { cases } = desk;
  const first = await open(cases, 'AAAA-MARI');
  await open(cases, 'other');
  const threaded = await open(cases, 'AAAA-MARI', 2026, { thread: { address: channel, messageId: 'm-3' } });
  await cases.save({ ...first, status: 'closed', closedAt: '2026-12-07T11:00:00Z' });
  await cases.save({ ...threaded, status: 'in_progress', assignee: { aadObjectId: 'siim', name: 'Siim' } });
  await open(cases, 'old', 2025);
  await cases.claimDigestDay('2026-12-06');
  await desk.conversations.save(person(1));
  await desk.conversations.save(person(2));
  await desk.conversations.save(person(1, { conversationId: 'a:chat-1-again' }));
  await desk.conversations.save(person(1, { locale: 'en-US' }));
  await desk.conversations.save(channel);
  await desk.decisions.put({ id: 'card-1', by: 'Siim', verb: 'approve', at: '2026-12-07T10:00:00Z' });
  await desk.credentials.markWarned('2027-01-31', [30, 7]);
  await desk.signatures.remember('sig-1', { key: 'idem-1', until: NOW + 100 }, NOW);
  await desk.secret();
}

/** What the desk shows through its stores: the same after every move. */
async function view(desk: Desk) {
  const { cases } = desk;
  return {
    cases: await Promise.all(['TUGI-2026-00001', 'TUGI-2026-00002', 'TUGI-2026-00003', 'TUGI-2025-00001'].map((id) => cases.get(id))),
    open: (await cases.listOpen()).map((item) => item.id),
    mine: (await cases.findOpenByRequester('aaaa-mari')).map((item) => item.id),
    thread: (await cases.findByThread('m-3'))?.id,
    digest: await cases.lastDigestDay(),
    people: [await desk.conversations.personalFor('aaaa0000-0000-4000-8000-000000000001'), await desk.conversations.personalFor('aaaa0000-0000-4000-8000-000000000002')],
    everyone: (await desk.conversations.allPersonal()).map((address) => address.conversationId).sort(),
    channel: await desk.conversations.channel(CHANNEL),
    decision: await desk.decisions.get('card-1'),
    warned: await desk.credentials.warned('2027-01-31'),
    signature: await desk.signatures.find('sig-1', NOW),
    secret: await desk.secret(),
  };
}

/** The export file's lines but the header, sorted: each engine lists them in its own order. */
function sortedLines(file: string): unknown[] {
  type Line = { section: string; record?: { id: string }; address?: { conversationId: string } };
  const key = (line: Line) => `${line.section} ${line.record?.id ?? line.address?.conversationId ?? JSON.stringify(line)}`;
  return readFileSync(file, 'utf8').trim().split('\n').slice(1).map((text) => JSON.parse(text) as Line).sort((a, b) => key(a).localeCompare(key(b)));
}

describeWithPostgres('moving cases, conversations, decisions and warnings between lowdb and PostgreSQL', (server) => {
  const move = useDataMoveRig<Desk>('tugibot-move-core-', {
    lowdb: async (dataDir) => ({
      cases: await LowdbCaseStore.open(dataDir), conversations: await LowdbConversationStore.open(dataDir), decisions: await LowdbCardDecisionStore.open(dataDir),
      credentials: await LowdbCredentialStore.open(dataDir), signatures: await LowdbSeenSignatures.open(dataDir), secret: () => dataDir.cardSigningSecret(),
    }),
    postgres: (pool) => ({
      cases: new PgCaseStore(pool), conversations: new PgConversationStore(pool), decisions: new PgCardDecisionStore(pool),
      credentials: new PgCredentialStore(pool), signatures: new PgSeenSignatures(pool), secret: () => sharedSecret(pool, 'card-signing-secret'),
    }),
  });
  const { lowdbConfig, pgConfig, onLowdb, onPostgres } = move;

  it('moves lowdb -> PostgreSQL -> lowdb identical; the next case opened after each move gets the next number', async () => {
    await onLowdb('first', seed);
    const before = await onLowdb('first', view);
    expect(before.people[0]?.conversationId).toBe('a:chat-1-again');
    const url = await server().freshDatabase();
    const exported = await exportData(lowdbConfig('first'), join(move.path, 'desk.jsonl'), silentLogger());
    expect(exported).toMatchObject({ cases: 4, 'case-counters': 2, 'case-state': 1, conversations: 4, 'card-decisions': 1, 'credential-warnings': 1, 'webhook-signatures': 1, 'card-signing-secret': 1 });
    expect(await importData(pgConfig(url), join(move.path, 'desk.jsonl'), silentLogger())).toEqual(exported);
    expect(await onPostgres(url, view)).toEqual(before);

    await exportData(pgConfig(url), join(move.path, 'back.jsonl'), silentLogger());
    expect(sortedLines(join(move.path, 'back.jsonl'))).toEqual(sortedLines(join(move.path, 'desk.jsonl')));
    expect(await onPostgres(url, async (desk) => (await open(desk.cases, 'x')).id)).toBe('TUGI-2026-00004');
    await importData(lowdbConfig('second'), join(move.path, 'back.jsonl'), silentLogger());
    expect(await onLowdb('second', view)).toEqual(before);
    expect(await onLowdb('second', async (desk) => [(await open(desk.cases, 'x')).id, (await open(desk.cases, 'y', 2025)).id])).toEqual(['TUGI-2026-00004', 'TUGI-2025-00002']);
    // A moved case still takes its next change (compare-and-set on the revision it came with), and a decided card stays decided.
    expect(await onLowdb('second', async (desk) => {
      const item = await desk.cases.get('TUGI-2026-00003') as Case;
      return [(await desk.cases.save({ ...item, waitingFor: 'x' })).revision, await desk.decisions.put({ id: 'card-1', by: 'Mari', verb: 'reject', at: 'now' })];
    })).toEqual([3, false]);
  });

  it('refuses a target that holds cases or conversations, and a file with a case twice or a wrong finished flag, writing nothing', async () => {
    await onLowdb('first', seed);
    const file = join(move.path, 'desk.jsonl');
    await exportData(lowdbConfig('first'), file, silentLogger());
    await onLowdb('taken', async (desk) => { await open(desk.cases, 'x'); });
    await expect(importData(lowdbConfig('taken'), file, silentLogger())).rejects.toThrow(/already holds cases: import into an empty data folder/);
    await onLowdb('talked', (desk) => desk.conversations.save(person(9)));
    await expect(importData(lowdbConfig('talked'), file, silentLogger())).rejects.toThrow(/already holds conversations/);
    const url = await server().freshDatabase();
    await onPostgres(url, (desk) => desk.conversations.save(person(9)));
    await expect(importData(pgConfig(url), file, silentLogger())).rejects.toThrow(/already holds data \(conversations\)/);

    const lines = readFileSync(file, 'utf8').trim().split('\n');
    const caseLine = lines.find((line) => line.includes('"section":"cases"')) as string;
    const damaged = join(move.path, 'damaged.jsonl');
    writeFileSync(damaged, [...lines, caseLine].join('\n'));
    await expect(importData(lowdbConfig('empty'), damaged, silentLogger())).rejects.toThrow(/cases holds TUGI-20\d\d-\d{5} twice/);
    const flipped = caseLine.includes('"finished":true') ? caseLine.replace('"finished":true', '"finished":false') : caseLine.replace('"finished":false', '"finished":true');
    writeFileSync(damaged, lines.map((line) => (line === caseLine ? flipped : line)).join('\n'));
    await expect(importData(lowdbConfig('empty'), damaged, silentLogger())).rejects.toThrow(/line \d+: finished: finished must be true exactly when the case is closed/);
    writeFileSync(damaged, lines.map((line) => line.replace('"requester":{"aadObjectId":"AAAA-MARI"', '"requester":{"aadObjectId":7')).join('\n'));
    await expect(importData(pgConfig(await server().freshDatabase()), damaged, silentLogger())).rejects.toThrow(/record\.requester\.aadObjectId/);
    expect(await onLowdb('empty', async (desk) => [await desk.cases.listOpen(), await desk.conversations.allPersonal(), await desk.cases.get('TUGI-2026-00001')])).toEqual([[], [], undefined]);
  });
});
