import type { DeliveryEntry, DeliveryStore } from '../../src/features/incidents/index.js';
import type { StoreFactory } from './store-factories.js';

/** An outbox entry as the delivery worker writes one (the store is handed it; it decides nothing about it). */
export function deliveryEntryOf(incidentId: string, key: string, extra: Partial<DeliveryEntry> = {}): DeliveryEntry {
  return {
    id: `${incidentId}|${key}`, incidentId, key, state: 'idle', deliveredVersion: 0, sendingVersion: 1, attempts: 0, updatedAt: '2026-12-07T10:00:00.000Z',
    address: { channel: 'msteams', serviceUrl: 'http://x', conversationId: `a:${key}`, kind: 'personal', bot: { id: '28:b' } },
    ...extra,
  };
}

/** The claim that makes one replica send an entry (HELPERS.md, session 4 agreement), whichever engine keeps the outbox. */
export function deliveryClaimContract(factory: () => StoreFactory<DeliveryStore>): void {
  describe('DeliveryStore claim contract', () => {
    it('numbers every write: put and claim set revision 1, then +1, and a claim needs the revision it read', async () => {
      const stores = factory();
      const store = await stores.open();
      const first = await store.claim(deliveryEntryOf('inc', 'a', { state: 'sending', leaseUntil: 5000, leaseOwner: 'w1' }), undefined);
      expect(first).toMatchObject({ revision: 1, state: 'sending', leaseUntil: 5000, leaseOwner: 'w1' });
      // "No entry yet" no longer holds.
      expect(await store.claim(deliveryEntryOf('inc', 'a'), undefined)).toBeUndefined();
      await store.put({ ...deliveryEntryOf('inc', 'a'), deliveredVersion: 1 });
      expect(await store.get('inc|a')).toMatchObject({ revision: 2, deliveredVersion: 1, state: 'idle' });
      // A stale revision loses and changes nothing.
      expect(await store.claim(deliveryEntryOf('inc', 'a', { state: 'sending' }), 1)).toBeUndefined();
      expect(await store.get('inc|a')).toMatchObject({ revision: 2, state: 'idle' });
      expect(await store.claim(deliveryEntryOf('inc', 'a', { state: 'sending', sendingVersion: 2 }), 2)).toMatchObject({ revision: 3, state: 'sending', sendingVersion: 2 });
      const again = await stores.reopen();
      expect(await again.get('inc|a')).toMatchObject({ revision: 3, sendingVersion: 2 });
      expect((await again.liveFor('inc')).map((entry) => entry.revision)).toEqual([3]);
    });

    it('of many claims on the same revision at the same moment, from two writers, exactly one wins', async () => {
      const stores = factory();
      const store = await stores.open();
      const peer = await stores.peer();
      await store.put(deliveryEntryOf('inc', 'b'));
      const claims = Array.from({ length: 12 }, (_, n) => (n % 2 === 0 ? store : peer).claim(deliveryEntryOf('inc', 'b', { state: 'sending', leaseOwner: `w${n}` }), 1));
      const won = (await Promise.all(claims)).filter((entry) => entry !== undefined);
      expect(won).toHaveLength(1);
      expect(await store.get('inc|b')).toMatchObject({ revision: 2, leaseOwner: won[0]?.leaseOwner });
      // New entries too: of claims with "no entry yet", one wins.
      const fresh = Array.from({ length: 6 }, (_, n) => (n % 2 === 0 ? store : peer).claim(deliveryEntryOf('inc', 'c', { leaseOwner: `w${n}` }), undefined));
      expect((await Promise.all(fresh)).filter((entry) => entry !== undefined)).toHaveLength(1);
    });
  });
}
