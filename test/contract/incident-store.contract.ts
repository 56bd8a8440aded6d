import { IncidentRefTaken, type Incident } from '../../src/features/incidents/index.js';
import { incident, target, type IncidentStoresUnderTest } from './incident-records.js';
import type { StoreFactory } from './store-factories.js';

const ids = (items: Incident[]) => items.map((item) => item.id).sort();
const resolved = (item: Incident, at = '2026-12-07T10:00:00.000Z'): Incident => ({ ...item, version: item.version + 1, status: 'resolved', resolvedAt: at, updatedAt: at });

/** What every IncidentStore does, whichever engine keeps it (run from test/unit/storage/incident-store-contracts.test.ts). */
export function incidentStoreContract(factory: () => StoreFactory<IncidentStoresUnderTest>): void {
  describe('IncidentStore contract', () => {
    it('saves incidents and finds them by id and by ref (the newest live one), across a restart', async () => {
      const stores = factory();
      const { incidents } = await stores.open();
      const first = incident('RIKE-20261207-0001', { ref: 'alert-1' });
      const other = incident('RIKE-20261207-0002', { createdAt: '2026-12-07T08:30:00.000Z' });
      await incidents.save(first);
      await incidents.save(other);
      expect(await incidents.getLive(first.id)).toEqual(first);
      expect(await incidents.get(other.id)).toEqual(other);
      expect(await incidents.getLive('RIKE-none')).toBeUndefined();
      expect(ids(await incidents.live())).toEqual([first.id, other.id]);
      expect(await incidents.findByRef('alert-1')).toEqual(first);
      expect(await incidents.findByRef('alert-none')).toBeUndefined();
      // Resolved, then the same alert fires again: a new incident with the same ref is the one found.
      await incidents.save(resolved(first));
      const again = incident('RIKE-20261207-0003', { ref: 'alert-1', createdAt: '2026-12-07T11:00:00.000Z' });
      await incidents.save(again);
      expect((await incidents.findByRef('alert-1'))?.id).toBe(again.id);
      const restarted = (await stores.reopen()).incidents;
      expect(ids(await restarted.live())).toEqual([first.id, other.id, again.id]);
      expect(await restarted.getLive(first.id)).toEqual(resolved(first));
      expect((await restarted.findByRef('alert-1'))?.id).toBe(again.id);
      expect(await restarted.isArchived(first.id)).toBe(false);
    });

    it('keeps one open incident per ref: of two replicas opening the same alert at once, one is refused with IncidentRefTaken', async () => {
      const stores = factory();
      const one = (await stores.open()).incidents;
      const two = (await stores.peer()).incidents;
      // As the intake does: the audience first, then the incident.
      const open = async (store: typeof one, id: string) => {
        await store.saveBroadcast({ id, targets: [target(1)] });
        await store.save(incident(id, { ref: 'am-1' }));
      };
      const results = await Promise.allSettled([open(one, 'RIKE-20261207-00A1'), open(two, 'RIKE-20261207-00B2')]);
      expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toBeInstanceOf(IncidentRefTaken);
      const live = await one.live();
      expect(live).toHaveLength(1);
      const winner = live[0];
      expect(await two.findByRef('am-1')).toEqual(winner);
      // The refused incident's audience is not left behind.
      const loser = winner.id === 'RIKE-20261207-00A1' ? 'RIKE-20261207-00B2' : 'RIKE-20261207-00A1';
      expect(await one.broadcast(loser)).toBeUndefined();
      expect((await one.broadcast(winner.id))?.targets).toHaveLength(1);
      // Updating the open incident is no conflict; once it is resolved, the ref may open a new one.
      const updated = { ...winner, version: 2, severity: 'critical' as const };
      await two.save(updated);
      await expect(one.save(incident('RIKE-20261207-00C3', { ref: 'am-1', createdAt: '2026-12-07T09:00:00.000Z' }))).rejects.toBeInstanceOf(IncidentRefTaken);
      await one.save(resolved(updated));
      await two.save(incident('RIKE-20261207-00C3', { ref: 'am-1', createdAt: '2026-12-07T09:00:00.000Z' }));
      expect((await one.findByRef('am-1'))?.id).toBe('RIKE-20261207-00C3');
    });

    it('archives an incident with its audience dropped; it stays readable, is found by ref in the archive, and never changes', async () => {
      const stores = factory();
      const { incidents } = await stores.open();
      const first = incident('RIKE-20261207-0001', { ref: 'alert-7' });
      const later = incident('RIKE-20261207-0002', { ref: 'alert-7', createdAt: '2026-12-07T12:00:00.000Z' });
      for (const item of [first, later]) {
        await incidents.saveBroadcast({ id: item.id, targets: [target(1), target(2, 'channel')] });
        await incidents.save(resolved(item, item === first ? '2026-12-07T10:00:00.000Z' : '2026-12-07T13:00:00.000Z'));
      }
      expect(await incidents.findArchivedByRef('alert-7')).toBeUndefined();
      await incidents.archive(resolved(first));
      expect(await incidents.isArchived(first.id)).toBe(true);
      expect(await incidents.getLive(first.id)).toBeUndefined();
      expect(await incidents.get(first.id)).toEqual(resolved(first));
      expect(await incidents.broadcast(first.id)).toBeUndefined();
      expect((await incidents.broadcast(later.id))?.targets).toHaveLength(2);
      expect(ids(await incidents.live())).toEqual([later.id]);
      expect((await incidents.findArchivedByRef('alert-7'))?.id).toBe(first.id);
      await incidents.archive(resolved(later, '2026-12-07T13:00:00.000Z'));
      expect((await incidents.findArchivedByRef('alert-7'))?.id).toBe(later.id);
      expect(await incidents.findByRef('alert-7')).toBeUndefined();
      await expect(incidents.save({ ...resolved(first), title: 'muudetud' })).rejects.toThrow(/archived/);
      await incidents.archive({ ...resolved(first), title: 'teist korda' });
      const restarted = (await stores.reopen()).incidents;
      expect(await restarted.get(first.id)).toEqual(resolved(first));
      expect(await restarted.isArchived(later.id)).toBe(true);
      expect(await restarted.broadcast(later.id)).toBeUndefined();
      expect(await restarted.live()).toEqual([]);
    });

    it('saves an audience of 10,000 targets and reads it back; a change made by another replica is what is read next', async () => {
      const stores = factory();
      const { incidents } = await stores.open();
      const targets = [target(0, 'channel'), ...Array.from({ length: 9_999 }, (_, n) => target(n + 1))];
      await incidents.saveBroadcast({ id: 'RIKE-20261207-0001', targets, reach: { selected: 10_000, unreached: 1 } });
      const read = await incidents.broadcast('RIKE-20261207-0001');
      expect(read?.targets).toHaveLength(10_000);
      expect(read?.targets[0]).toEqual(targets[0]);
      expect(read?.targets[7_777]).toEqual(targets[7_777]);
      expect(read?.reach).toEqual({ selected: 10_000, unreached: 1 });
      const report = { address: target(0, 'channel').address, messageId: 'm-1', lang: 'et' as const, version: 1 };
      const peer = (await stores.peer()).incidents;
      await peer.saveBroadcast({ ...(read as NonNullable<typeof read>), targets: [...targets, target(10_000)], report });
      const seen = await incidents.broadcast('RIKE-20261207-0001');
      expect(seen?.report).toEqual(report);
      expect(seen?.targets).toHaveLength(10_001);
      expect(await incidents.broadcast('RIKE-none')).toBeUndefined();
      expect((await (await stores.reopen()).incidents.broadcast('RIKE-20261207-0001'))?.targets[10_000]).toEqual(target(10_000));
    });
  });
}
