import type { FeedbackStore } from '../../src/features/knowledge/index.js';
import { storedQuestion } from '../../src/features/knowledge/index.js';
import type { OpenRig, StoreRig } from './store-rig.js';

export interface FeedbackLimits { maxUnanswered: number }

const at = new Date('2026-11-26T08:00:00Z');
const later = (ms: number) => new Date(at.getTime() + ms);
const q = (text: string) => storedQuestion(text)!;

/** What every FeedbackStore promises; run against each implementation. */
export function feedbackStoreContract(name: string, open: OpenRig<FeedbackStore, FeedbackLimits>): void {
  describe(`FeedbackStore contract: ${name}`, () => {
    let rig: StoreRig<FeedbackStore>;
    afterEach(async () => { await rig?.close(); });

    it('counts clicks per article and keeps them across a restart', async () => {
      rig = await open();
      const { store } = rig;
      await store.recordFeedback({ articleId: 'star-parool', helpful: false, question: 'parool?', lang: 'et', at });
      await store.recordFeedback({ articleId: 'star-parool', helpful: true, question: 'parool?', lang: 'et', at: later(1000) });
      await store.recordFeedback({ articleId: 'star-parool', helpful: false, question: 'parool', lang: 'et', at: later(2000) });
      await store.recordFeedback({ articleId: 'star-koolitus-en', helpful: false, question: 'training', lang: 'en', at });
      await store.recordFeedback({ articleId: 'star-vpn', helpful: true, question: 'vpn', lang: 'et', at });
      const reopened = await rig.reopen();
      expect(await reopened.feedbackFor('star-parool')).toEqual({ articleId: 'star-parool', helpful: 1, unhelpful: 2, lastAt: later(2000).toISOString() });
      expect(await reopened.feedbackFor('no-such')).toBeUndefined();
      expect((await reopened.mostUnhelpful(10)).map((entry) => entry.articleId)).toEqual(['star-parool', 'star-koolitus-en']);
      expect((await reopened.mostUnhelpful(1)).map((entry) => entry.articleId)).toEqual(['star-parool']);
    });

    it('orders unhelpful articles by "no" clicks, then fewer "yes", then the latest', async () => {
      rig = await open();
      const { store } = rig;
      const click = (articleId: string, helpful: boolean, ms: number) => store.recordFeedback({ articleId, helpful, question: 'x', lang: 'et', at: later(ms) });
      await click('a', false, 1); await click('a', true, 2);
      await click('b', false, 3);
      await click('c', false, 0);
      expect((await store.mostUnhelpful(10)).map((entry) => entry.articleId)).toEqual(['b', 'c', 'a']);
    });

    it('counts an unanswered question under its key, keeps the first wording, and orders by count then latest', async () => {
      rig = await open();
      const { store } = rig;
      await store.recordUnanswered(q('Kuidas printerit ühendada?'), at);
      await store.recordUnanswered(q('kuidas printerit uhendada'), later(86_400_000));
      await store.recordUnanswered(q('Minu isikukood on 38001085718, miks?'), at);
      await store.recordUnanswered(q('vpn ei tööta'), later(5));
      const reopened = await rig.reopen();
      expect(await reopened.mostAskedUnanswered(10)).toEqual([
        { key: 'kuidas printerit uhendada', question: 'Kuidas printerit ühendada?', count: 2, lastAskedAt: later(86_400_000).toISOString() },
        { key: 'vpn ei toota', question: 'vpn ei tööta', count: 1, lastAskedAt: later(5).toISOString() },
        { key: 'minu isikukood on [isikukood], miks', question: 'Minu isikukood on [isikukood], miks?', count: 1, lastAskedAt: at.toISOString() },
      ]);
      expect((await reopened.findUnanswered('kuidas printerit uhendada'))?.count).toBe(2);
      expect(await reopened.removeUnanswered('kuidas printerit uhendada')).toBe(true);
      expect(await reopened.removeUnanswered('kuidas printerit uhendada')).toBe(false);
      expect(await reopened.findUnanswered('kuidas printerit uhendada')).toBeUndefined();
      expect(await reopened.mostAskedUnanswered(1)).toHaveLength(1);
    });

    it('keeps a bounded list of unanswered questions, dropping the least asked, then the oldest', async () => {
      rig = await open({ maxUnanswered: 20 });
      const { store } = rig;
      await store.recordUnanswered(q('korduv küsimus'), at);
      await store.recordUnanswered(q('korduv küsimus'), at);
      for (let n = 0; n < 25; n += 1) await store.recordUnanswered(q(`küsimus number ${n}`), later(n + 1));
      const all = await store.mostAskedUnanswered(30);
      expect(all).toHaveLength(20);
      expect(all[0]).toMatchObject({ question: 'korduv küsimus', count: 2 });
      expect(all.some((entry) => entry.question === 'küsimus number 0')).toBe(false);
      expect(all.some((entry) => entry.question === 'küsimus number 24')).toBe(true);
    });

    it('loses no count when the same question and article are recorded at the same moment', async () => {
      rig = await open();
      const { store } = rig;
      const other = rig.second ? await rig.second() : store;
      await Promise.all(Array.from({ length: 20 }, (_, n) => (n % 2 ? other : store).recordUnanswered(q('sama küsimus'), later(n))));
      await Promise.all(Array.from({ length: 20 }, (_, n) => (n % 2 ? other : store).recordFeedback({ articleId: 'a', helpful: n % 4 === 0, question: 'x', lang: 'et', at })));
      expect((await store.findUnanswered('sama kusimus'))?.count).toBe(20);
      expect(await store.feedbackFor('a')).toMatchObject({ helpful: 5, unhelpful: 15 });
    });
  });
}
