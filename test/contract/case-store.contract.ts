import { CaseConflict, formatCaseNumber, type Case, type CaseStore } from '../../src/features/cases/index.js';
import type { StoreFactory } from './store-factories.js';

/** A case as the feature builds one (the store is handed it; it decides nothing about it). */
export function caseOf(id: string, requester: string, extra: Partial<Case> = {}): Case {
  return {
    id, version: 1, status: 'new', requester: { aadObjectId: requester, name: requester }, system: 'SKAIS', kind: 'usage', urgency: 'normal',
    description: 'Ei tööta.', shownArticles: [], openedAt: `2026-12-07T10:00:${id.slice(-2)}Z`, dueAt: '2026-12-08T10:00:00Z',
    reminders: {}, history: [], messages: [], ...extra,
  };
}

const open = (store: CaseStore, n: number, requester = 'AAAA-MARI', year = 2026) =>
  store.create(year, (sequence) => caseOf(formatCaseNumber(year, sequence), requester, { description: `#${n}` }));

/** What every CaseStore does, whichever engine keeps it. */
export function caseStoreContract(factory: () => StoreFactory<CaseStore>): void {
  describe('CaseStore contract', () => {
    it('numbers cases per year, sequentially and without gaps, also when 40 open at once; a restart continues', async () => {
      const stores = factory();
      const store = await stores.open();
      const opened = await Promise.all(Array.from({ length: 40 }, (_, n) => open(store, n, `person-${n % 7}`)));
      expect(opened.map((item) => item.id).sort()).toEqual(Array.from({ length: 40 }, (_, n) => formatCaseNumber(2026, n + 1)));
      expect(opened.every((item) => item.revision === 1)).toBe(true);
      expect((await open(store, 0, 'x', 2027)).id).toBe('TUGI-2027-00001');
      const again = await stores.reopen();
      expect((await open(again, 41)).id).toBe('TUGI-2026-00041');
      expect((await again.get('TUGI-2026-00007'))?.description).toBe(opened.find((item) => item.id === 'TUGI-2026-00007')?.description);
    });

    it('saves compare-and-set: of two writers that read the same revision exactly one wins; the other gets CaseConflict', async () => {
      const stores = factory();
      const store = await stores.open();
      const other = await stores.peer();
      const item = await open(store, 1);
      const results = await Promise.allSettled([
        store.save({ ...item, status: 'in_progress', assignee: { aadObjectId: 'siim', name: 'Siim' } }),
        other.save({ ...item, status: 'in_progress', assignee: { aadObjectId: 'mari', name: 'Mari' } }),
      ]);
      expect(results.filter((result) => result.status === 'fulfilled')).toHaveLength(1);
      const lost = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
      expect(lost.reason).toBeInstanceOf(CaseConflict);
      const stored = await store.get(item.id);
      expect(stored?.revision).toBe(2);
      await expect(store.save(item)).rejects.toBeInstanceOf(CaseConflict);
      await expect(store.save(caseOf(item.id, 'someone'))).rejects.toBeInstanceOf(CaseConflict);
      expect((await store.save({ ...(stored as Case), waitingFor: 'x' })).revision).toBe(3);
    });

    it('finds open cases by requester (any case of the id), by thread, and lists them oldest first; closing moves a case out', async () => {
      const stores = factory();
      const store = await stores.open();
      const items: Case[] = [];
      for (let n = 1; n <= 6; n += 1) items.push(await open(store, n, n % 2 === 0 ? 'AAAA-MARI' : `other-${n}`));
      const ids = (found: Case[]) => found.map((item) => item.id);
      expect(ids(await store.findOpenByRequester('aaaa-mari'))).toEqual(['TUGI-2026-00002', 'TUGI-2026-00004', 'TUGI-2026-00006']);
      const threaded = await store.save({ ...items[3], thread: { address: { channel: 'msteams', serviceUrl: 'http://x', conversationId: '19:c', kind: 'channel', bot: { id: 'b' } }, messageId: 'm-4' } });
      expect((await store.findByThread('m-4'))?.id).toBe('TUGI-2026-00004');
      expect(await store.findByThread('m-none')).toBeUndefined();
      const closed = await store.save({ ...threaded, status: 'closed', closedAt: '2026-12-07T11:00:00Z' });
      expect(ids(await store.findOpenByRequester('AAAA-MARI'))).toEqual(['TUGI-2026-00002', 'TUGI-2026-00006']);
      expect(await store.findByThread('m-4')).toBeUndefined();
      expect(ids(await store.listOpen())).toEqual(['TUGI-2026-00001', 'TUGI-2026-00002', 'TUGI-2026-00003', 'TUGI-2026-00005', 'TUGI-2026-00006']);
      expect((await store.get('TUGI-2026-00004'))?.status).toBe('closed');
      await expect(store.save({ ...closed, description: 'changed after closing' })).rejects.toBeInstanceOf(CaseConflict);
      // What is returned is a copy: changing it changes nothing stored.
      (await store.findOpenByRequester('aaaa-mari'))[0].description = 'muudetud';
      expect((await store.findOpenByRequester('aaaa-mari'))[0].description).toBe('#2');
      const again = await stores.reopen();
      expect(ids(await again.findOpenByRequester('aaaa-mari'))).toEqual(['TUGI-2026-00002', 'TUGI-2026-00006']);
      expect(await again.findOpenByRequester('nobody')).toEqual([]);
    });

    it('rewrites closed cases (retention) and keeps the day of the last digest', async () => {
      const stores = factory();
      const store = await stores.open();
      for (let n = 1; n <= 3; n += 1) {
        const item = await open(store, n);
        if (n < 3) await store.save({ ...item, status: 'closed', closedAt: '2026-12-07T11:00:00Z' });
      }
      const changed = await store.rewriteClosed((item) => (item.id === 'TUGI-2026-00001' ? { ...item, description: '***', maskedAt: '2027-12-08T00:00:00Z' } : undefined));
      expect(changed).toEqual(['TUGI-2026-00001']);
      expect((await store.get('TUGI-2026-00001'))?.description).toBe('***');
      expect((await store.get('TUGI-2026-00002'))?.description).toBe('#2');
      expect(await store.lastDigestDay()).toBeUndefined();
      await store.setLastDigestDay('2026-12-07');
      expect(await (await stores.reopen()).lastDigestDay()).toBe('2026-12-07');
    });

    it('rewrites a closed case once when two writers run retention at the same moment', async () => {
      const stores = factory();
      const store = await stores.open();
      const other = await stores.peer();
      const item = await open(store, 1);
      await store.save({ ...item, status: 'closed', closedAt: '2026-12-07T11:00:00Z' });
      const mask = (closed: Case) => (closed.maskedAt ? undefined : { ...closed, maskedAt: '2027-12-08T00:00:00Z', history: [...closed.history, { event: 'retention' as const, from: 'closed' as const, to: 'closed' as const, by: { aadObjectId: 'system', name: 'tugibot' }, at: '2027-12-08T00:00:00Z' }] });
      const changed = await Promise.all([store.rewriteClosed(mask), other.rewriteClosed(mask), store.rewriteClosed(mask)]);
      expect(changed.flat()).toEqual([item.id]);
      expect((await store.get(item.id))?.history.filter((entry) => entry.event === 'retention')).toHaveLength(1);
    });

    it('lets exactly one of several claimers take a day\'s digest, and a day given back be claimed again', async () => {
      const stores = factory();
      const store = await stores.open();
      const other = await stores.peer();
      expect(await store.claimDigestDay('2026-12-07')).toEqual({ claimed: true });
      const claims = await Promise.all([store.claimDigestDay('2026-12-08'), other.claimDigestDay('2026-12-08'), store.claimDigestDay('2026-12-08')]);
      expect(claims.filter((claim) => claim.claimed)).toEqual([{ claimed: true, previous: '2026-12-07' }]);
      expect(await other.claimDigestDay('2026-12-08')).toEqual({ claimed: false });
      await other.setLastDigestDay('2026-12-07');
      expect(await store.claimDigestDay('2026-12-08')).toEqual({ claimed: true, previous: '2026-12-07' });
      await store.setLastDigestDay(undefined);
      expect(await other.lastDigestDay()).toBeUndefined();
    });
  });
}
