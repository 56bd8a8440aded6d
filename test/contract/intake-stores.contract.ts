import type { AppInstall } from '../../src/features/incidents/index.js';
import type { IncidentStoresUnderTest } from './incident-records.js';
import type { StoreFactory } from './store-factories.js';

const MARI = 'AAAAAAAA-1111-4222-8333-444444444444';
const INCIDENT = 'RIKE-20261207-0001';

function install(id: string, extra: Partial<AppInstall> = {}): AppInstall {
  return { id, state: 'pending', incidents: [INCIDENT], attempts: 0, updatedAt: '2026-12-07T08:00:00.000Z', ...extra };
}

/** Receipts, subscriptions, acknowledgements and installs, whichever engine keeps them. */
export function intakeStoresContract(factory: () => StoreFactory<IncidentStoresUnderTest>): void {
  describe('ReceiptStore, SubscriptionStore, AckStore and InstallStore contracts', () => {
    it('keeps the first answer to an idempotency key: a second receipt for the key is refused', async () => {
      const stores = factory();
      const { receipts } = await stores.open();
      const first = { id: 'key-1', bodyHash: 'h1', answer: { id: INCIDENT, ref: 'am-1', status: 'investigating' }, at: '2026-12-07T08:00:00.000Z', by: 'Mari' };
      expect(await receipts.get('key-1')).toBeUndefined();
      await receipts.put(first);
      await expect(Promise.resolve().then(() => receipts.put({ ...first, bodyHash: 'h2' }))).rejects.toThrow();
      expect(await receipts.get('key-1')).toEqual(first);
      expect(await (await stores.reopen()).receipts.get('key-1')).toEqual(first);
    });

    it('follows every system until a person chooses; the choice is kept by Entra id in any case, without repeats', async () => {
      const stores = factory();
      const { subscriptions } = await stores.open();
      expect(await subscriptions.followed(MARI)).toEqual(['SKAIS', 'STAR', 'other']);
      await subscriptions.save(MARI, ['STAR', 'STAR']);
      expect(await subscriptions.followed(MARI.toLowerCase())).toEqual(['STAR']);
      await subscriptions.save(MARI.toLowerCase(), []);
      const restarted = (await stores.reopen()).subscriptions;
      expect(await restarted.followed(MARI)).toEqual([]);
      expect(await restarted.followed('someone-else')).toEqual(['SKAIS', 'STAR', 'other']);
    });

    it('counts an acknowledgement once per person and incident, also when two replicas take two presses at once', async () => {
      const stores = factory();
      const { acks } = await stores.open();
      const peer = (await stores.peer()).acks;
      const press = (at: string) => ({ id: `${INCIDENT}|${MARI}`, incidentId: INCIDENT, aadObjectId: MARI, at });
      const results = await Promise.all([acks.add(press('2026-12-07T08:00:00.000Z')), peer.add(press('2026-12-07T08:00:00.001Z'))]);
      expect(results.sort()).toEqual([false, true]);
      expect(await acks.add(press('2026-12-07T09:00:00.000Z'))).toBe(false);
      expect(await acks.add({ id: 'x', incidentId: INCIDENT, aadObjectId: 'other-person', at: '2026-12-07T09:00:00.000Z' })).toBe(true);
      const stored = await acks.get(INCIDENT, MARI.toLowerCase());
      expect(stored).toMatchObject({ id: `${INCIDENT}|${MARI.toLowerCase()}`, incidentId: INCIDENT, aadObjectId: MARI.toLowerCase() });
      expect(['2026-12-07T08:00:00.000Z', '2026-12-07T08:00:00.001Z']).toContain(stored?.at);
      const restarted = (await stores.reopen()).acks;
      const all = await restarted.forIncident(INCIDENT);
      expect([...all.keys()].sort()).toEqual([MARI.toLowerCase(), 'other-person']);
      expect(all.get(MARI.toLowerCase())).toEqual(stored);
      expect((await restarted.forIncident('RIKE-none')).size).toBe(0);
      expect(await restarted.get(INCIDENT, 'nobody')).toBeUndefined();
    });

    it('keeps one install record per person, replaced as it changes, across a restart', async () => {
      const stores = factory();
      const installs = (await stores.open()).installs;
      if (!installs) throw new Error('this engine keeps no installs');
      await installs.put(install('person-1'));
      await installs.put(install('person-2', { incidents: [INCIDENT, 'RIKE-2'] }));
      const done = install('person-1', { state: 'installed', outcome: 'installed', chatId: 'a:chat-1', via: { serviceUrl: 'https://smba.example/', botId: '28:bot' } });
      await installs.put(done);
      expect(await installs.get('person-1')).toEqual(done);
      expect(await installs.get('person-9')).toBeUndefined();
      const restarted = (await stores.reopen()).installs;
      const all = [...await restarted!.all()].sort((a, b) => a.id.localeCompare(b.id));
      expect(all).toEqual([done, install('person-2', { incidents: [INCIDENT, 'RIKE-2'] })]);
    });

    it('lets one of two simultaneous claims on a person win, and none on a changed record', async () => {
      const installs = (await factory().open()).installs;
      if (!installs) throw new Error('this engine keeps no installs');
      const before = install('person-1');
      await installs.put(before);
      const claimed = (by: string) => install('person-1', { leaseUntil: 1_000, failure: by, updatedAt: '2026-12-07T08:00:01.000Z' });
      const results = await Promise.all([installs.claim(claimed('a'), before.updatedAt), installs.claim(claimed('b'), before.updatedAt)]);
      expect(results.filter(Boolean)).toHaveLength(1);
      expect((await installs.get('person-1'))?.failure).toBe(results[0] ? 'a' : 'b');
      expect(await installs.claim(claimed('c'), before.updatedAt)).toBe(false);
      expect(await installs.claim(install('person-9'), before.updatedAt)).toBe(false);
    });
  });
}
