import { loadConfig } from '../../../src/config.js';
import { IncidentService } from '../../../src/features/incidents/incident-service.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { KeyedLock } from '../../../src/shared/keyed-lock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { LowdbConversationStore } from '../../../src/storage/lowdb-conversation-store.js';
import { openLowdbIncidentStores } from '../../../src/storage/open-lowdb-stores.js';
import { useTempDataDir } from '../../support/use-temp-data-dir.js';

/**
 * A specialist's update carries the version its form was built from; intake compares it with the
 * stored incident under its lock, so of two updates built from one version only the first is applied.
 */
describe('intake of an update built from an incident version', () => {
  const temp = useTempDataDir('tugibot-built-from-');
  const notice = { systems: ['SKAIS'], severity: 'major' as const, status: 'investigating' as const, title: 'SKAIS on aeglane', description: 'Uurime.' };
  const siim = { source: 'teams' as const, aadObjectId: 'b2b2b2b2-0000-4000-8000-000000000002', name: 'Siim Spetsialist' };
  const mari = { source: 'teams' as const, aadObjectId: 'c3c3c3c3-0000-4000-8000-000000000003', name: 'Mari Maasikas' };

  async function openService() {
    const dataDir = await temp.open();
    const stores = await openLowdbIncidentStores(dataDir);
    const service = new IncidentService({
      config: loadConfig({ DATA_DIR: temp.path, NOTICE_AUTO_PUBLISH: 'SKAIS:critical' }), clock: new ManualClock('2026-12-08T08:00:00.000Z'), logger: silentLogger(), store: stores.incidents,
      receipts: stores.receipts, subscriptions: stores.subscriptions, conversations: await LowdbConversationStore.open(dataDir), wake: () => undefined, locks: new KeyedLock(),
    });
    return { service, stores };
  }

  it('applies one of two updates confirmed at once from the same version and refuses the other, naming who changed it', async () => {
    const { service, stores } = await openService();
    const { incident } = await service.intake(notice, { by: siim });
    const update = (by: typeof siim, title: string, key: string) =>
      service.intake({ ...notice, ref: incident!.ref, title }, { by, idempotencyKey: key, bodyHash: title, builtFrom: { id: incident!.id, version: 1 } });
    const results = await Promise.allSettled([update(siim, 'Siimu pealkiri', 'teams:a'), update(mari, 'Mari pealkiri', 'teams:b')]);
    expect(results.map((result) => result.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = results.find((result) => result.status === 'rejected') as PromiseRejectedResult;
    const applied = results.find((result) => result.status === 'fulfilled') as PromiseFulfilledResult<Awaited<ReturnType<typeof update>>>;
    expect(refused.reason).toMatchObject({ code: 'INCIDENT_NOTICE_CHANGED', vars: { id: incident!.id, name: applied.value.incident!.history[1].by.name } });
    expect(await stores.incidents.getLive(incident!.id)).toMatchObject({ version: 2, title: applied.value.incident!.title });
    // The refused click left no receipt: it is not answered as "already sent" later.
    expect(await stores.receipts.get(results[0].status === 'rejected' ? 'teams:a' : 'teams:b')).toBeUndefined();
  });

  it('refuses an update without a version (a card made before versions were signed) and leaves monitoring\'s updates alone', async () => {
    const { service, stores } = await openService();
    const { incident } = await service.intake({ ...notice, ref: 'mon-1', severity: 'critical' }, { by: { source: 'webhook' } });
    await expect(service.intake({ ...notice, ref: 'mon-1', title: 'Uus' }, { by: siim, builtFrom: { id: incident!.id, version: undefined } })).rejects.toMatchObject({ code: 'INCIDENT_NOTICE_CHANGED' });
    const update = await service.intake({ ...notice, ref: 'mon-1', severity: 'critical', status: 'identified' }, { by: { source: 'webhook' } });
    expect(update.outcome).toBe('updated');
    expect(await stores.incidents.getLive(incident!.id)).toMatchObject({ version: 2, status: 'identified' });
  });
  it('refuses to publish monitoring\'s draft from a card older than its latest update, under intake\'s lock', async () => {
    const { service, stores } = await openService();
    const { incident } = await service.intake({ ...notice, ref: 'mon-2' }, { by: { source: 'webhook' } });
    expect(incident).toMatchObject({ stage: 'draft', version: 1 });
    await service.intake({ ...notice, ref: 'mon-2', status: 'identified' }, { by: { source: 'webhook' } });
    const texts = { title: 'Kaardi pealkiri', description: 'Kaardi kirjeldus.' };
    await expect(service.publishDraft(incident!.id, texts, siim, undefined, 1)).rejects.toMatchObject({ code: 'INCIDENT_NOTICE_CHANGED', vars: { id: incident!.id } });
    await expect(service.publishDraft(incident!.id, texts, siim, undefined, undefined)).rejects.toMatchObject({ code: 'INCIDENT_NOTICE_CHANGED' });
    expect(await stores.incidents.getLive(incident!.id)).toMatchObject({ stage: 'draft', version: 2 });
    expect((await service.publishDraft(incident!.id, texts, siim, undefined, 2)).outcome).toBe('published');
    expect(await stores.incidents.getLive(incident!.id)).toMatchObject({ stage: 'published', title: 'Kaardi pealkiri' });
  });
});
