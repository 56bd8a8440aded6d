import type { DeliveryEntry, DeliveryRecord } from '../../src/features/incidents/index.js';
import { progressOf } from '../../src/features/incidents/delivery-progress.js';
import { entry, target, withoutRevision, type IncidentStoresUnderTest } from './incident-records.js';
import type { StoreFactory } from './store-factories.js';

const A = 'RIKE-20261207-000A';
const B = 'RIKE-20261207-000B';
const byKey = (items: DeliveryEntry[]) => [...items].sort((x, y) => (x.key < y.key ? -1 : 1)).map(withoutRevision);

function record(id: string, note: string): DeliveryRecord {
  return {
    id, version: 2, archivedAt: '2026-12-07T12:00:00.000Z', progress: { version: 2, total: 1, delivered: 1, pending: 0, failed: 0, dropped: 0, reasons: {} },
    targets: [{ key: 'personal:1', kind: 'personal', conversationId: 'a:chat-1', messageId: 'm-1', outcome: 'delivered', deliveredVersion: 2, failure: note }],
  };
}

/** What every DeliveryStore (the outbox) does, whichever engine keeps it. */
export function deliveryStoreContract(factory: () => StoreFactory<IncidentStoresUnderTest>): void {
  describe('DeliveryStore contract', () => {
    it('puts, reads and drops entries per incident, across a restart', async () => {
      const stores = factory();
      const { deliveries } = await stores.open();
      const entries = [entry(A, 1), entry(A, 2), entry(A, 3), entry(B, 1), entry(B, 2)];
      for (const item of entries) await deliveries.put(item);
      const sending = { ...entry(A, 2), state: 'sending' as const, attempts: 1, nextAttemptAt: 1_700_000_000_000 };
      await deliveries.put(sending);
      expect(withoutRevision(await deliveries.get(sending.id))).toEqual(sending);
      expect(await deliveries.get(`${A}|personal:9`)).toBeUndefined();
      expect(byKey(await deliveries.liveFor(A))).toEqual([entries[0], sending, entries[2]]);
      expect([...await deliveries.liveIncidentIds()].sort()).toEqual([A, B]);
      const restarted = (await stores.reopen()).deliveries;
      expect(byKey(await restarted.liveFor(B))).toEqual([entries[3], entries[4]]);
      expect(await restarted.dropLive(A)).toBe(3);
      expect(await restarted.liveFor(A)).toEqual([]);
      expect(await restarted.get(sending.id)).toBeUndefined();
      expect(await restarted.liveIncidentIds()).toEqual([B]);
      expect(await restarted.dropLive(A)).toBe(0);
    });

    it('counts progress as progressOf does over the same entries, for the current and an earlier version', async () => {
      const stores = factory();
      const { deliveries } = await stores.open();
      const entries = [
        entry(A, 1, { deliveredVersion: 2, messageId: 'm1' }),
        entry(A, 2, { deliveredVersion: 1, messageId: 'm2', sendingVersion: 2, state: 'sending', attempts: 1 }),
        entry(A, 3, { state: 'dropped', failure: 'blocked' }),
        entry(A, 4, { state: 'dropped' }),
        entry(A, 5, { failedVersion: 2, failure: 'http-400', sendingVersion: 2 }),
        entry(A, 6, { failedVersion: 1, failure: 'http-500', deliveredVersion: 0 }),
        entry(A, 7, { deliveredVersion: 1, failedVersion: 2, failure: 'http-400', sendingVersion: 2 }),
        entry(A, 8, { nextAttemptAt: 1_700_000_000_000, attempts: 2 }),
        entry(B, 1, { deliveredVersion: 2 }),
      ];
      for (const item of entries) await deliveries.put(item);
      // Moving an entry between outcomes moves its count.
      await deliveries.put({ ...entries[1], state: 'idle', deliveredVersion: 2 });
      entries[1] = { ...entries[1], state: 'idle', deliveredVersion: 2 };
      const targets = Array.from({ length: 10 }, (_, n) => target(n + 1));
      const mine = new Map(entries.filter((item) => item.incidentId === A).map((item) => [item.key, item]));
      for (const version of [1, 2]) {
        const expected = progressOf(version, targets, (key) => mine.get(key));
        expect(await deliveries.progress(A, version, targets.length)).toEqual(expected);
      }
      expect(await deliveries.progress(A, 2, 10)).toMatchObject({ delivered: 2, failed: 2, dropped: 2, pending: 4, reasons: { blocked: 1, dropped: 1, 'http-400': 2 } });
      expect(await (await stores.reopen()).deliveries.progress('RIKE-none', 1, 3)).toEqual({ version: 1, total: 3, delivered: 0, pending: 3, failed: 0, dropped: 0, reasons: {} });
    });

    it('claims compare-and-set on the revision: of two replicas claiming the same entry at once exactly one wins; every write raises the revision', async () => {
      const stores = factory();
      const { deliveries } = await stores.open();
      const peer = (await stores.peer()).deliveries;
      const sending = (owner: string, leaseUntil: number) => entry(A, 1, { state: 'sending', attempts: 1, leaseUntil, leaseOwner: owner });
      const first = await Promise.all([deliveries.claim(sending('one', 1_000), undefined), peer.claim(sending('two', 2_000), undefined)]);
      const won = first.filter((claimed) => claimed !== undefined);
      expect(won).toHaveLength(1);
      expect(won[0]?.revision).toBe(1);
      expect(await deliveries.get(entry(A, 1).id)).toEqual(won[0]);
      expect(await deliveries.claim(sending('late', 3_000), undefined)).toBeUndefined();
      // Both read revision 1 and reach for it: one gets revision 2.
      const second = await Promise.all([deliveries.claim(sending('one', 4_000), 1), peer.claim(sending('two', 5_000), 1)]);
      expect(second.filter((claimed) => claimed?.revision === 2)).toHaveLength(1);
      expect(second.filter((claimed) => claimed === undefined)).toHaveLength(1);
      const stored = await peer.get(entry(A, 1).id);
      expect(stored).toEqual(second.find((claimed) => claimed !== undefined));
      expect(await deliveries.claim(sending('stale', 6_000), 1)).toBeUndefined();
      expect(await deliveries.get(entry(A, 1).id)).toEqual(stored);
      // A plain put writes whatever is stored and raises the revision too.
      await deliveries.put({ ...entry(A, 1, { deliveredVersion: 1, messageId: 'm-1' }), revision: 99 });
      expect((await deliveries.get(entry(A, 1).id))?.revision).toBe(3);
      expect(await deliveries.claim(sending('old', 7_000), 2)).toBeUndefined();
      const fourth = await peer.claim({ ...entry(A, 1, { deliveredVersion: 1, messageId: 'm-1' }), state: 'sending', leaseUntil: 8_000 }, 3);
      expect(fourth).toMatchObject({ revision: 4, state: 'sending', leaseUntil: 8_000, messageId: 'm-1' });
      // (lowdb, one process, forgets leases as it opens: whoever held one is gone.)
      expect((await (await stores.reopen()).deliveries.liveFor(A))[0]).toMatchObject({ revision: 4, state: 'sending', messageId: 'm-1' });
    });

    it('keeps one delivery record per incident: the first stays, across a restart', async () => {
      const stores = factory();
      const { deliveries } = await stores.open();
      expect(await deliveries.hasRecord(A)).toBe(false);
      await deliveries.record(record(A, 'first'));
      await deliveries.record(record(A, 'second'));
      expect(await deliveries.hasRecord(A)).toBe(true);
      expect(await deliveries.getRecord(A)).toEqual(record(A, 'first'));
      const restarted = (await stores.reopen()).deliveries;
      expect(await restarted.getRecord(A)).toEqual(record(A, 'first'));
      expect(await restarted.getRecord(B)).toBeUndefined();
      expect(await restarted.hasRecord(B)).toBe(false);
    });
  });
}
