import type { Incident, IncidentStore } from '../../src/features/incidents/index.js';
import type { StoreFactory } from './store-factories.js';

/** An incident as the feature builds one (the store is handed it; it decides nothing about it). */
export function incidentOf(id: string, extra: Partial<Incident> = {}): Incident {
  return {
    id, ref: `ref-${id}`, version: 1, systems: ['SKAIS'], severity: 'major', status: 'investigating', title: 'SKAIS', description: 'Uurime.',
    createdAt: '2026-12-07T10:00:00.000Z', updatedAt: '2026-12-07T10:00:00.000Z', history: [], ...extra,
  };
}

/** Compare-and-set saves of incidents and audiences (a step done once across replicas), whichever engine keeps them. */
export function incidentSaveIfContract(factory: () => StoreFactory<IncidentStore>): void {
  describe('IncidentStore saveIf / saveBroadcastIf contract', () => {
    it('numbers every save and saves only on the revision read; of many at once, from two writers, one wins', async () => {
      const stores = factory();
      const store = await stores.open();
      const peer = await stores.peer();
      expect(await store.saveIf(incidentOf('R1'), undefined)).toMatchObject({ id: 'R1', revision: 1 });
      expect(await store.saveIf(incidentOf('R1', { title: 'teine' }), undefined)).toBeUndefined();
      await store.save(incidentOf('R1', { version: 2 }));
      expect(await store.getLive('R1')).toMatchObject({ version: 2, revision: 2 });
      expect(await store.saveIf(incidentOf('R1', { version: 3 }), 1)).toBeUndefined();
      const attempts = Array.from({ length: 10 }, (_, n) => (n % 2 === 0 ? store : peer).saveIf(incidentOf('R1', { version: 3, title: `#${n}` }), 2));
      const won = (await Promise.all(attempts)).filter((saved) => saved !== undefined);
      expect(won).toHaveLength(1);
      expect(await store.getLive('R1')).toMatchObject({ revision: 3, title: won[0]?.title });
      const again = await stores.reopen();
      expect((await again.getLive('R1'))?.revision).toBe(3);
    });

    it('does the same for the audience', async () => {
      const stores = factory();
      const store = await stores.open();
      const peer = await stores.peer();
      await store.save(incidentOf('R2'));
      expect(await store.saveBroadcastIf({ id: 'R2', targets: [] }, undefined)).toMatchObject({ revision: 1 });
      await store.saveBroadcast({ id: 'R2', targets: [] });
      expect(await store.broadcast('R2')).toMatchObject({ revision: 2 });
      const reminder = (n: number) => ({ id: 'R2', targets: [], reminder: { at: '2026-12-07T11:00:00.000Z', by: `#${n}`, people: 3 } });
      const attempts = Array.from({ length: 10 }, (_, n) => (n % 2 === 0 ? store : peer).saveBroadcastIf(reminder(n), 2));
      expect((await Promise.all(attempts)).filter((saved) => saved !== undefined)).toHaveLength(1);
      expect(await store.saveBroadcastIf(reminder(99), 2)).toBeUndefined();
      expect(await store.broadcast('R2')).toMatchObject({ revision: 3 });
    });
  });
}
