import type { NewProposal, ProposalStore } from '../../src/features/knowledge/index.js';
import { storedQuestion } from '../../src/features/knowledge/index.js';
import type { OpenRig, StoreRig } from './store-rig.js';

export interface ProposalLimits { maxDecided: number; maxPending: number }

const at = new Date('2026-11-26T08:00:00Z');
const later = (ms: number) => new Date(at.getTime() + ms);
const siim = { aadObjectId: 'b2b2', name: 'Siim Spetsialist' };
const mari = { aadObjectId: 'c3c3', name: 'Mari Maasikas' };

const proposal = (articleId: string, text: string, origin: NewProposal['origin'] = 'helpful', when = at): NewProposal =>
  ({ articleId, ...storedQuestion(text)!, origin, at: when });

/** What every ProposalStore promises; run against each implementation. */
export function proposalStoreContract(name: string, open: OpenRig<ProposalStore, ProposalLimits>): void {
  describe(`ProposalStore contract: ${name}`, () => {
    let rig: StoreRig<ProposalStore>;
    afterEach(async () => { await rig?.close(); });

    it('collapses the same key for the same article, keeps the first wording, and keeps it across a restart', async () => {
      rig = await open();
      const { store } = rig;
      const one = await store.propose(proposal('star-parool', 'Parool 38001085718 ei tööta?'));
      const again = await store.propose(proposal('star-parool', 'parool 38001085718 ei toota', 'linked', later(86_400_000)));
      const other = await store.propose(proposal('star-koolitus', 'parool 38001085718 ei toota'));
      expect(again.id).toBe(one.id);
      expect(other.id).not.toBe(one.id);
      expect(one).toMatchObject({ question: 'Parool [isikukood] ei tööta?', key: 'parool [isikukood] ei toota', status: 'pending', firstAt: at.toISOString() });
      expect(again).toMatchObject({ question: 'Parool [isikukood] ei tööta?', origins: { helpful: 1, linked: 1 }, lastAt: later(86_400_000).toISOString() });
      const reopened = await rig.reopen();
      expect((await reopened.pending(10)).map((item) => [item.articleId, item.origins])).toEqual([
        ['star-parool', { helpful: 1, linked: 1 }],
        ['star-koolitus', { helpful: 1, linked: 0 }],
      ]);
      expect(await reopened.get(one.id)).toEqual(again);
      expect(await reopened.get('no-such-id')).toBeUndefined();
    });

    it('lists pending proposals most proposed first, then the latest, up to the limit', async () => {
      rig = await open();
      const { store } = rig;
      await store.propose(proposal('a', 'old', 'helpful', later(1)));
      await store.propose(proposal('a', 'new', 'helpful', later(2)));
      await store.propose(proposal('a', 'twice', 'helpful', later(0)));
      await store.propose(proposal('a', 'twice', 'linked', later(0)));
      expect((await store.pending(10)).map((item) => item.question)).toEqual(['twice', 'new', 'old']);
      expect((await store.pending(2)).map((item) => item.question)).toEqual(['twice', 'new']);
      expect(await store.countPending()).toBe(3);
    });

    it('decides a pending proposal once; a decided question is not proposed again', async () => {
      rig = await open();
      const { store } = rig;
      const first = await store.propose(proposal('star-parool', 'parool kadus'));
      const rejected = await store.decide(first.id, { status: 'rejected', by: siim, at });
      expect(rejected).toMatchObject({ status: 'rejected', decidedBy: siim, decidedAt: at.toISOString() });
      expect(await store.decide(first.id, { status: 'accepted', by: mari, at })).toBeUndefined();
      expect(await store.decide('no-such-id', { status: 'accepted', by: siim, at })).toBeUndefined();
      const again = await store.propose(proposal('star-parool', 'Parool kadus!'));
      expect(again).toMatchObject({ id: first.id, status: 'rejected', decidedBy: siim });
      expect(await store.pending(10)).toEqual([]);
      expect(await store.countPending()).toBe(0);
      await expect((await rig.reopen()).get(first.id)).resolves.toMatchObject({ status: 'rejected' });
    });

    it('hands out copies: changing a returned proposal changes nothing stored', async () => {
      rig = await open();
      const { store } = rig;
      const made = await store.propose(proposal('a', 'koopia'));
      made.origins.helpful = 99;
      const read = (await store.get(made.id))!;
      read.status = 'accepted';
      expect(await store.get(made.id)).toMatchObject({ status: 'pending', origins: { helpful: 1, linked: 0 } });
    });

    it('of two decisions at the same moment exactly one wins; concurrent proposals of one question are one proposal', async () => {
      rig = await open();
      const { store } = rig;
      const other = rig.second ? await rig.second() : store;
      const made = await Promise.all(Array.from({ length: 10 }, (_, n) => (n % 2 ? other : store).propose(proposal('a', 'sama küsimus', n % 3 ? 'helpful' : 'linked'))));
      expect(new Set(made.map((item) => item.id)).size).toBe(1);
      const [stored] = await store.pending(10);
      expect(stored.origins.helpful + stored.origins.linked).toBe(10);
      const outcomes = await Promise.all([
        store.decide(stored.id, { status: 'accepted', by: siim, at }),
        other.decide(stored.id, { status: 'rejected', by: mari, at }),
      ]);
      expect(outcomes.filter((outcome) => outcome !== undefined)).toHaveLength(1);
    });

    it('stays bounded: the least proposed pending and the oldest decided go first', async () => {
      rig = await open({ maxPending: 3, maxDecided: 1 });
      const { store } = rig;
      await store.propose(proposal('a', 'often'));
      await store.propose(proposal('a', 'often'));
      // Distinct times: among equally proposed ones the oldest goes (ties beyond that are the store's choice).
      for (const [index, question] of ['one', 'two', 'three'].entries()) await store.propose(proposal('a', question, 'helpful', later(index + 1)));
      expect((await store.pending(10)).map((item) => item.question).sort()).toEqual(['often', 'three', 'two']);
      expect(await store.countPending()).toBe(3);
      const [first, second] = await store.pending(2);
      await store.decide(first.id, { status: 'accepted', by: siim, at });
      await store.decide(second.id, { status: 'accepted', by: siim, at: later(1000) });
      expect(await store.get(first.id)).toBeUndefined();
      expect((await store.get(second.id))?.status).toBe('accepted');
    });
  });
}
