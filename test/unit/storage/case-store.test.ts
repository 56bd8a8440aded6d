import type { Case } from '../../../src/features/cases/index.js';
import { LowdbCaseStore } from '../../../src/storage/lowdb-case-store.js';
import { useTempDataDir } from '../../support/use-temp-data-dir.js';

function caseOf(n: number, requester: string, extra: Partial<Case> = {}): Case {
  return {
    id: `TUGI-2026-${String(n).padStart(5, '0')}`, version: 1, status: 'new', requester: { aadObjectId: requester, name: requester },
    system: 'SKAIS', kind: 'question', urgency: 'normal', description: 'Ei tööta.', shownArticles: [],
    openedAt: `2026-12-07T10:00:${String(n % 60).padStart(2, '0')}Z`, dueAt: '2026-12-08T10:00:00Z', history: [], ...extra,
  } as unknown as Case;
}

describe('LowdbCaseStore: a person\'s open cases', () => {
  const temp = useTempDataDir('tugibot-cases-');

  it('are found by requester (any case of the id), follow closing, and are found again after a restart', async () => {
    let dataDir = await temp.open();
    let store = await LowdbCaseStore.open(dataDir);
    for (let n = 1; n <= 30; n += 1) await store.save(caseOf(n, n % 3 === 0 ? 'AAAA-MARI' : `other-${n}`));
    const ids = (found: Case[]) => found.map((item) => item.id);
    expect(ids((await store.findOpenByRequester('aaaa-mari')))).toEqual(['TUGI-2026-00003', 'TUGI-2026-00006', 'TUGI-2026-00009', 'TUGI-2026-00012', 'TUGI-2026-00015', 'TUGI-2026-00018', 'TUGI-2026-00021', 'TUGI-2026-00024', 'TUGI-2026-00027', 'TUGI-2026-00030']);
    await store.save(caseOf(6, 'AAAA-MARI', { status: 'closed', closedAt: '2026-12-07T11:00:00Z', revision: 1 }));
    expect(ids((await store.findOpenByRequester('AAAA-MARI')))).not.toContain('TUGI-2026-00006');
    expect((await store.findOpenByRequester('AAAA-MARI'))).toHaveLength(9);
    // What is returned is a copy: changing it changes nothing stored.
    (await store.findOpenByRequester('aaaa-mari'))[0].description = 'muudetud';
    expect((await store.findOpenByRequester('aaaa-mari'))[0].description).toBe('Ei tööta.');
    expect((await store.findOpenByRequester('nobody'))).toEqual([]);
    await dataDir.close();

    dataDir = await temp.open();
    store = await LowdbCaseStore.open(dataDir);
    expect((await store.findOpenByRequester('aaaa-mari'))).toHaveLength(9);
    await dataDir.close();
  });
});
