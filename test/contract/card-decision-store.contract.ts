import type { CardDecisionStore } from '../../src/shared/card-decisions.js';
import type { StoreFactory } from './store-factories.js';


/**
 * What every CardDecisionStore does, whichever engine keeps it: a card decides once, the first
 * decision stays, and it survives a restart. Run from test/unit/storage/store-contracts.test.ts.
 */
export function cardDecisionStoreContract(factory: () => StoreFactory<CardDecisionStore>): void {
  describe('CardDecisionStore contract', () => {
    it('records a decision once; the first stays, even when two arrive at the same moment', async () => {
      const stores = factory();
      const store = await stores.open();
      expect(await store.get('card-1')).toBeUndefined();
      const results = await Promise.all([
        store.put({ id: 'card-1', by: 'Mari', verb: 'cases.take', at: '2026-12-01T08:00:00.000Z' }),
        store.put({ id: 'card-1', by: 'Jaan', verb: 'cases.take', at: '2026-12-01T08:00:00.001Z' }),
      ]);
      expect(results.sort()).toEqual([false, true]);
      const kept = await store.get('card-1');
      expect(['Mari', 'Jaan']).toContain(kept?.by);
      expect(await store.put({ id: 'card-1', by: 'Kati', verb: 'cases.take', at: '2026-12-01T09:00:00.000Z' })).toBe(false);
      const again = await stores.reopen();
      expect(await again.get('card-1')).toEqual(kept);
      expect(await again.put({ id: 'card-2', by: 'Kati', verb: 'cases.rate', at: '2026-12-01T09:00:00.000Z' })).toBe(true);
    });
  });
}
