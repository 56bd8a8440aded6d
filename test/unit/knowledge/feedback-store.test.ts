import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../../src/shared/logger.js';
import { DataDir } from '../../../src/storage/data-dir.js';
import { LowdbFeedbackStore } from '../../../src/storage/lowdb-feedback-store.js';

let path: string;
beforeEach(async () => {
  path = await mkdtemp(join(tmpdir(), 'kb-feedback-'));
});
afterEach(async () => {
  await rm(path, { recursive: true, force: true });
});

const at = new Date('2026-11-26T08:00:00Z');

describe('LowdbFeedbackStore', () => {
  it('keeps feedback per article and unanswered questions across restarts', async () => {
    const first = await DataDir.open(path, silentLogger());
    const store = await LowdbFeedbackStore.open(first);
    await store.recordFeedback({ articleId: 'star-parool', helpful: false, question: 'parool?', lang: 'et', at });
    await store.recordFeedback({ articleId: 'star-parool', helpful: true, question: 'parool?', lang: 'et', at });
    await store.recordFeedback({ articleId: 'star-parool', helpful: false, question: 'parool', lang: 'et', at });
    await store.recordFeedback({ articleId: 'star-koolitus-en', helpful: false, question: 'training', lang: 'en', at });
    await store.recordUnanswered('Kuidas printerit ühendada?', at);
    await store.recordUnanswered('kuidas printerit uhendada', new Date('2026-11-27T08:00:00Z'));
    await store.recordUnanswered('Minu isikukood on 38001085718, miks?', at);
    await first.close();

    const second = await DataDir.open(path, silentLogger());
    const reopened = await LowdbFeedbackStore.open(second);
    expect(reopened.feedbackFor('star-parool')).toEqual({ articleId: 'star-parool', helpful: 1, unhelpful: 2, lastAt: at.toISOString() });
    expect(reopened.mostUnhelpful(10).map((entry) => entry.articleId)).toEqual(['star-parool', 'star-koolitus-en']);
    expect(reopened.mostAskedUnanswered(10)).toEqual([
      { key: 'kuidas printerit uhendada', question: 'Kuidas printerit ühendada?', count: 2, lastAskedAt: '2026-11-27T08:00:00.000Z' },
      { key: 'minu isikukood on [isikukood], miks', question: 'Minu isikukood on [isikukood], miks?', count: 1, lastAskedAt: at.toISOString() },
    ]);
    expect(reopened.findUnanswered('kuidas printerit uhendada')?.count).toBe(2);
    expect(await reopened.removeUnanswered('kuidas printerit uhendada')).toBe(true);
    expect(await reopened.removeUnanswered('kuidas printerit uhendada')).toBe(false);
    expect(reopened.findUnanswered('kuidas printerit uhendada')).toBeUndefined();
    await second.close();
  });

  it('keeps a bounded number of unanswered questions, dropping the least asked', async () => {
    const dataDir = await DataDir.open(path, silentLogger());
    const store = await LowdbFeedbackStore.open(dataDir, { maxUnanswered: 20 });
    await store.recordUnanswered('korduv küsimus', at);
    await store.recordUnanswered('korduv küsimus', at);
    for (let n = 0; n < 25; n += 1) await store.recordUnanswered(`küsimus number ${n}`, new Date(at.getTime() + n));
    const all = store.mostAskedUnanswered(30);
    expect(all).toHaveLength(20);
    expect(all[0]).toMatchObject({ question: 'korduv küsimus', count: 2 });
    expect(all.some((entry) => entry.question === 'küsimus number 0')).toBe(false);
    await dataDir.close();
  });
});
