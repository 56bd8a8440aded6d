import { loadConfig } from '../../../src/config.js';
import { IncidentService } from '../../../src/features/incidents/incident-service.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { KeyedLock } from '../../../src/shared/keyed-lock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { DataDir } from '../../../src/storage/data-dir.js';
import { LowdbConversationStore } from '../../../src/storage/lowdb-conversation-store.js';
import { openLowdbIncidentStores } from '../../../src/storage/open-lowdb-stores.js';
import { useTempDataDir } from '../../support/use-temp-data-dir.js';

/**
 * Two replicas take the same new alert at the same moment. Each has its own intake lock (locks are
 * per process), so both find no incident for the ref and open one; the store keeps one open
 * incident per ref and refuses the second, and that replica reads again and updates the first.
 */
describe('the intake on two replicas', () => {
  const temp = useTempDataDir('tugibot-intake-replicas-');
  let dataDir: DataDir;
  beforeEach(async () => { dataDir = await temp.open(); });

  it('opens one incident for an alert both replicas take at once; the other replica\'s intake updates it instead of failing', async () => {
    const stores = await openLowdbIncidentStores(dataDir);
    const conversations = await LowdbConversationStore.open(dataDir);
    const config = loadConfig({ DATA_DIR: temp.path, NOTICE_AUTO_PUBLISH: 'STAR:major' });
    const replica = () => new IncidentService({
      config, clock: new ManualClock('2026-12-07T08:00:00.000Z'), logger: silentLogger(), store: stores.incidents, receipts: stores.receipts,
      subscriptions: stores.subscriptions, conversations, wake: () => undefined, locks: new KeyedLock(),
    });
    const [one, two] = [replica(), replica()];
    const alert = { ref: 'am-star', systems: ['STAR'], severity: 'major' as const, status: 'investigating' as const, title: 'STAR ei salvesta', description: 'Uurime.' };
    const inputs = [alert, { ...alert, severity: 'critical' as const }];
    const results = await Promise.all([one.intake(inputs[0], { by: { source: 'webhook' } }), two.intake(inputs[1], { by: { source: 'webhook' } })]);
    expect(results.map((result) => result.outcome).sort()).toEqual(['created', 'updated']);
    const live = await stores.incidents.live();
    expect(live).toHaveLength(1);
    expect(results.every((result) => result.answer.id === live[0].id)).toBe(true);
    // Whichever replica lost the race applied its alert as an update of the winner's incident.
    const updater = results.findIndex((result) => result.outcome === 'updated');
    expect(live[0]).toMatchObject({ version: 2, severity: inputs[updater].severity, ref: 'am-star' });
  });
});
