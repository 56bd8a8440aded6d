import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../src/shared/logger.js';
import { DataDir } from '../../../src/storage/data-dir.js';
import { LowdbProposalStore } from '../../../src/storage/lowdb-proposal-store.js';

let path: string;
beforeEach(async () => {
  path = await mkdtemp(join(tmpdir(), 'kb-proposals-'));
});
afterEach(async () => {
  await rm(path, { recursive: true, force: true });
});

const at = new Date('2026-11-26T08:00:00Z');
const siim = { aadObjectId: 'b2b2', name: 'Siim Spetsialist' };

describe('LowdbProposalStore', () => {
  it('collapses the same question for the same article, masks personal codes and keeps it across restarts', async () => {
    const first = await DataDir.open(path, silentLogger());
    const store = await LowdbProposalStore.open(first);
    const one = await store.propose({ articleId: 'star-parool', question: 'Parool 38001085718 ei tööta?', origin: 'helpful', at });
    const again = await store.propose({ articleId: 'star-parool', question: 'parool 38001085718 ei toota', origin: 'linked', at: new Date('2026-11-27T08:00:00Z') });
    const other = await store.propose({ articleId: 'star-koolitus', question: 'parool 38001085718 ei toota', origin: 'helpful', at });
    expect(again.id).toBe(one.id);
    expect(other.id).not.toBe(one.id);
    expect(one.question).toBe('Parool [isikukood] ei tööta?');
    await first.close();

    const second = await DataDir.open(path, silentLogger());
    const reopened = await LowdbProposalStore.open(second);
    expect(reopened.pending(10).map((proposal) => [proposal.articleId, proposal.origins])).toEqual([
      ['star-parool', { helpful: 1, linked: 1 }],
      ['star-koolitus', { helpful: 1, linked: 0 }],
    ]);
    await second.close();
  });

  it('decides a pending proposal once; a decided question is not proposed again', async () => {
    const dataDir = await DataDir.open(path, silentLogger());
    const store = await LowdbProposalStore.open(dataDir);
    const proposal = await store.propose({ articleId: 'star-parool', question: 'parool kadus', origin: 'helpful', at });
    const rejected = await store.decide(proposal.id, { status: 'rejected', by: siim, at });
    expect(rejected).toMatchObject({ status: 'rejected', decidedBy: siim, decidedAt: at.toISOString() });
    expect(await store.decide(proposal.id, { status: 'accepted', by: siim, at })).toBeUndefined();
    expect(await store.decide('no-such-id', { status: 'accepted', by: siim, at })).toBeUndefined();
    const again = await store.propose({ articleId: 'star-parool', question: 'Parool kadus!', origin: 'helpful', at });
    expect(again).toMatchObject({ id: proposal.id, status: 'rejected' });
    expect(store.pending(10)).toEqual([]);
    expect(store.countPending()).toBe(0);
    await dataDir.close();
  });

  it('stays bounded: the least proposed pending and the oldest decided go first', async () => {
    const dataDir = await DataDir.open(path, silentLogger());
    const store = await LowdbProposalStore.open(dataDir, { maxPending: 3, maxDecided: 1 });
    await store.propose({ articleId: 'a', question: 'often', origin: 'helpful', at });
    await store.propose({ articleId: 'a', question: 'often', origin: 'helpful', at });
    for (const question of ['one', 'two', 'three']) await store.propose({ articleId: 'a', question, origin: 'helpful', at: new Date(at.getTime() + question.length) });
    expect(store.pending(10).map((proposal) => proposal.question).sort()).toEqual(['often', 'three', 'two']);
    expect(store.countPending()).toBe(3);
    const [first, second] = store.pending(2);
    await store.decide(first.id, { status: 'accepted', by: siim, at });
    await store.decide(second.id, { status: 'accepted', by: siim, at: new Date(at.getTime() + 1000) });
    expect(store.get(first.id)).toBeUndefined();
    expect(store.get(second.id)?.status).toBe('accepted');
    await dataDir.close();
  });
});
