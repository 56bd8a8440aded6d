import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccessStores } from '../../src/features/access/stores.js';
import { readableId } from '../../src/features/access/readable-id.js';
import { storedQuestion, type FeedbackStore, type ProposalStore } from '../../src/features/knowledge/index.js';
import { silentLogger } from '../../src/shared/logger.js';
import { openAccessStores } from '../../src/storage/lowdb-access-stores.js';
import { LowdbFeedbackStore } from '../../src/storage/lowdb-feedback-store.js';
import { LowdbProposalStore } from '../../src/storage/lowdb-proposal-store.js';
import { exportData, importData } from '../../src/storage/move-data.js';
import { pgAccessStores } from '../../src/storage/postgres/access-stores.js';
import { PgFeedbackStore } from '../../src/storage/postgres/feedback-store.js';
import { PgProposalStore } from '../../src/storage/postgres/proposal-store.js';
import { decided, grant, jaan, request, siim, substitution, task } from '../contract/access-records.js';
import { useDataMoveRig } from '../support/use-data-move-rig.js';
import { describeWithPostgres } from '../support/postgres.js';

interface Desk { access: AccessStores; feedback: FeedbackStore; proposals: ProposalStore }
const at = new Date('2026-11-26T08:00:00Z');

/** A desk with history in every section: live and finished records, counters, audit, feedback, proposals. */
async function seed(desk: Desk): Promise<void> {
  const { access, feedback, proposals } = desk;
  const made = [];
  for (let n = 0; n < 3; n += 1) made.push(await access.requests.add(2026, (number) => request(readableId('LIG', 2026, number))));
  await access.requests.finish(decided(made[0]));
  await access.requests.finish(decided(made[1], jaan, false));
  await access.tasks.save(task('LIG-2026-00001/2', { kind: 'revoke', due: '2027-01-01' }));
  await access.tasks.finish(task('LIG-2026-00001/1', { state: 'done', closedBy: siim, closedAt: at.toISOString() }));
  await access.grants.save(grant('LIG-2026-00001:STAR_VAATAJA'));
  await access.grants.save(grant('old', { role: 'STAR_MUUTJA' }));
  await access.grants.end({ ...grant('old', { role: 'STAR_MUUTJA' }), endedAt: at.toISOString(), endedBy: siim });
  await access.substitutions.add(2026, (number) => substitution(readableId('ASE', 2026, number)));
  for (let n = 1; n <= 5; n += 1) await access.audit.append({ at: new Date(at.getTime() + n).toISOString(), actor: siim, action: 'granted', ref: `R${n}` });
  await access.state.set({ lastScanOn: '2026-11-25', lastDigestOn: '2026-11-24' });
  await feedback.recordFeedback({ articleId: 'star-parool', helpful: false, question: 'parool?', lang: 'et', at });
  await feedback.recordFeedback({ articleId: 'star-parool', helpful: true, question: 'parool', lang: 'et', at });
  await feedback.recordUnanswered(storedQuestion('Kuidas printerit ühendada?')!, at);
  const proposal = await proposals.propose({ articleId: 'star-parool', ...storedQuestion('parool kadus')!, origin: 'helpful', at });
  await proposals.decide(proposal.id, { status: 'rejected', by: { aadObjectId: 'b2b2', name: 'Siim' }, at });
  await proposals.propose({ articleId: 'star-vpn', ...storedQuestion('vpn ei tööta')!, origin: 'linked', at });
}

/** What a desk shows through its stores: the same on both engines after a move. */
async function view(desk: Desk) {
  const { access, feedback, proposals } = desk;
  const ids = ['LIG-2026-00001', 'LIG-2026-00002', 'LIG-2026-00003'];
  return {
    requests: await Promise.all(ids.map((id) => access.requests.get(id))),
    pending: (await access.requests.pending()).map((item) => item.id),
    tasks: [await access.tasks.get('LIG-2026-00001/1'), (await access.tasks.open()).map((item) => item.id)],
    grants: [(await access.grants.active()).map((item) => item.id).sort(), await access.grants.ofSubject('AAAA-MARI')],
    substitutions: await access.substitutions.current(),
    audit: await access.audit.recent(10),
    state: await access.state.get(),
    feedback: [await feedback.feedbackFor('star-parool'), await feedback.mostAskedUnanswered(10)],
    proposals: [await proposals.pending(10), await proposals.countPending()],
  };
}

/** The export file's records, in a stable order (engines list them in their own order). */
function linesOf(file: string): unknown[] {
  const lines = readFileSync(file, 'utf8').trim().split('\n').slice(1).map((line) => JSON.parse(line) as { section: string; record?: { id: string } });
  const key = (line: { section: string; record?: { id: string } }) => `${line.section} ${line.record?.id ?? JSON.stringify(line)}`;
  return lines.sort((a, b) => key(a).localeCompare(key(b)));
}

describeWithPostgres('moving a desk between lowdb and PostgreSQL (npm run data -- export / import)', (server) => {
  const move = useDataMoveRig<Desk>('tugibot-move-', {
    lowdb: async (dataDir) => ({ access: await openAccessStores(dataDir), feedback: await LowdbFeedbackStore.open(dataDir), proposals: await LowdbProposalStore.open(dataDir) }),
    postgres: (pool) => ({ access: pgAccessStores(pool), feedback: new PgFeedbackStore(pool), proposals: new PgProposalStore(pool) }),
  });
  const { lowdbConfig, onLowdb, onPostgres } = move;

  it('moves lowdb -> PostgreSQL -> lowdb without losing history or numbers', async () => {
    await onLowdb('first', seed);
    const before = await onLowdb('first', view);
    const url = await server().freshDatabase();
    const pgConfig = move.pgConfig(url);

    const exported = await exportData(lowdbConfig('first'), join(move.path, 'desk.jsonl'), silentLogger());
    expect(exported).toMatchObject({ 'access-requests': 3, 'access-tasks': 2, 'access-grants': 2, 'access-audit': 5, 'access-counters': 2, 'knowledge-proposals': 2 });
    expect(await importData(pgConfig, join(move.path, 'desk.jsonl'), silentLogger())).toEqual(exported);
    expect(await onPostgres(url, view)).toEqual(before);

    await exportData(pgConfig, join(move.path, 'back.jsonl'), silentLogger());
    expect(await onPostgres(url, async (desk) => (await desk.access.requests.add(2026, (number) => request(readableId('LIG', 2026, number)))).id)).toBe('LIG-2026-00004');
    await importData(lowdbConfig('second'), join(move.path, 'back.jsonl'), silentLogger());
    const after = await onLowdb('second', view);
    expect(after).toEqual(before);
    expect(await onLowdb('second', async (desk) => (await desk.access.substitutions.add(2026, (number) => substitution(readableId('ASE', 2026, number)))).id)).toBe('ASE-2026-00002');
    expect(await onLowdb('second', async (desk) => (await desk.access.requests.add(2026, (number) => request(readableId('LIG', 2026, number)))).id)).toBe('LIG-2026-00004');
  });

  it('refuses a store that already holds data, and a damaged file, writing nothing', async () => {
    await onLowdb('first', seed);
    const file = join(move.path, 'desk.jsonl');
    await exportData(lowdbConfig('first'), file, silentLogger());
    await expect(importData(lowdbConfig('first'), file, silentLogger())).rejects.toThrow(/already holds access or knowledge data/);
    const url = await server().freshDatabase();
    const pgConfig = move.pgConfig(url);
    await importData(pgConfig, file, silentLogger());
    await expect(importData(pgConfig, file, silentLogger())).rejects.toThrow(/already holds data \(access_requests\)/);

    const damaged = join(move.path, 'damaged.jsonl');
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.splice(4, 0, '{"section":"access-requests","finished":"yes","record":{"id":"x"}}');
    writeFileSync(damaged, lines.join('\n'));
    await expect(importData(lowdbConfig('empty'), damaged, silentLogger())).rejects.toThrow(/damaged\.jsonl line 5: finished: /);
    expect(await onLowdb('empty', (desk) => desk.access.requests.get('LIG-2026-00001'))).toBeUndefined();
    writeFileSync(damaged, 'hello\n');
    await expect(importData(lowdbConfig('empty'), damaged, silentLogger())).rejects.toThrow(/line 1 is not JSON/);
  });

  it('exports the same records from either engine', async () => {
    await onLowdb('first', seed);
    const url = await server().freshDatabase();
    const pgConfig = move.pgConfig(url);
    await exportData(lowdbConfig('first'), join(move.path, 'a.jsonl'), silentLogger());
    await importData(pgConfig, join(move.path, 'a.jsonl'), silentLogger());
    await exportData(pgConfig, join(move.path, 'b.jsonl'), silentLogger());
    expect(linesOf(join(move.path, 'b.jsonl'))).toEqual(linesOf(join(move.path, 'a.jsonl')));
  });
});
