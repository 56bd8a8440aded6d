import { loadConfig } from '../../../src/config.js';
import { registerIncidents, type IncidentStores } from '../../../src/features/incidents/index.js';
import { openIncident } from '../../../src/features/incidents/incident.js';
import { deliveryId, type DeliveryTarget } from '../../../src/features/incidents/incident-store.js';
import type { Maintenance } from '../../../src/features/incidents/maintenance.js';
import { MaintenancePlanner } from '../../../src/features/incidents/maintenance-planner.js';
import { StartReminders } from '../../../src/features/incidents/maintenance-reminder.js';
import { Pacer } from '../../../src/features/incidents/pacer.js';
import { CardSigner } from '../../../src/shared/card-signer.js';
import { ManualClock } from '../../../src/shared/clock.js';
import { emptyDirectory } from '../../../src/shared/directory.js';
import { FileShelf } from '../../../src/shared/file-shelf.js';
import { KeyedLock } from '../../../src/shared/keyed-lock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import type { CardAction, Reply, TurnTools } from '../../../src/shared/messaging.js';
import { Router } from '../../../src/shared/router.js';
import { DataDir } from '../../../src/storage/data-dir.js';
import { LowdbAckStore } from '../../../src/storage/lowdb-ack-store.js';
import { LowdbConversationStore } from '../../../src/storage/lowdb-conversation-store.js';
import { LowdbReceiptStore, LowdbSubscriptionStore } from '../../../src/storage/lowdb-incident-intake-store.js';
import { LowdbIncidentStore } from '../../../src/storage/lowdb-incident-store.js';
import { LowdbOutboxStore } from '../../../src/storage/lowdb-outbox-store.js';
import { RecordingMessenger } from './incidents-kit.js';
import { useTempDataDir } from '../../support/use-temp-data-dir.js';

/**
 * Work that must happen once whichever replica does it (issue 13, item 3): two "replicas" share
 * the stores (real lowdb files) but not their locks, as two processes on one database would.
 */
describe('periodic incident work runs once across replicas', () => {
  const temp = useTempDataDir('tugibot-once-');
  let dataDir: DataDir;
  beforeEach(async () => { dataDir = await temp.open(); });

  const address = (n: number) => ({ channel: 'msteams', serviceUrl: 'http://x', conversationId: `a:${n}`, kind: 'personal' as const, bot: { id: '28:b' }, user: { teamsId: `29:${n}`, aadObjectId: `person-${n}` } });
  const sentTo = (messenger: RecordingMessenger) => messenger.calls.filter((call) => call.kind === 'send').map((call) => call.conversationId).sort();

  it('two replicas ticking at a maintenance\'s start move it on once and send each start reminder once', async () => {
    const store = await LowdbIncidentStore.open(dataDir);
    const deliveries = await LowdbOutboxStore.open(dataDir);
    const receipts = await LowdbReceiptStore.open(dataDir);
    const by = { source: 'teams' as const, name: 'Siim Spetsialist' };
    const opened = openIncident({ systems: ['SKAIS'], severity: 'minor', status: 'identified', title: 'SKAIS hooldus', description: 'Hooldus.', startsAt: '2026-12-09T16:00:00.000Z', expectedEnd: '2026-12-09T18:00:00.000Z' }, { id: 'HOOLDUS-1', now: new Date('2026-12-07T08:00:00Z'), by });
    const item: Maintenance = { ...opened, startsAt: '2026-12-09T16:00:00.000Z', expectedEnd: '2026-12-09T18:00:00.000Z', kind: 'maintenance', stage: 'published', version: 2, maintenance: { lead: '24h', announceAt: '2026-12-08T16:00:00.000Z', phase: 'announced', plannedBy: {} } };
    const targets: DeliveryTarget[] = Array.from({ length: 8 }, (_, n) => ({ key: `personal:a:${n}`, kind: 'personal', address: address(n), lang: 'et' }));
    await store.saveBroadcast({ id: item.id, targets });
    await store.save(item);
    for (const [n, target] of targets.entries()) {
      await deliveries.put({ id: deliveryId(item.id, target.key), incidentId: item.id, key: target.key, address: address(n), state: 'idle', messageId: `m${n}`, deliveredVersion: 3, sendingVersion: 3, attempts: 0, updatedAt: item.updatedAt });
    }
    const messenger = new RecordingMessenger();
    const replica = () => {
      const locks = new KeyedLock();
      const reminders = new StartReminders({ store, deliveries, messenger, pacer: new Pacer({ perSecond: 1000, perConversation: 1000 }), locks, logger: silentLogger(), stopped: () => false, batch: 2 });
      const planner = new MaintenancePlanner({
        store, receipts, service: { audienceFor: async () => targets }, locks, clock: new ManualClock('2026-12-09T16:00:00Z'), logger: silentLogger(), wake: () => undefined, remind: (id) => reminders.run(id),
      });
      return { planner, reminders };
    };
    const replicas = [replica(), replica()];
    await Promise.all(replicas.map(({ planner }) => planner.tick(new Date('2026-12-09T16:00:00Z'))));
    await Promise.all(replicas.map(({ reminders }) => reminders.settle()));
    expect(sentTo(messenger)).toEqual(targets.map((target) => target.address.conversationId).sort());
    const after = (await store.getLive(item.id)) as Maintenance;
    expect(after).toMatchObject({ version: 3, maintenance: { phase: 'started', reminder: { next: 8, until: 8, sent: 8 } } });
    expect(after.history.filter((entry) => entry.version === 3)).toHaveLength(1);
  });

  it('a critical notice\'s reminder pressed on two replicas at the same moment goes out once', async () => {
    const conversations = await LowdbConversationStore.open(dataDir);
    for (let n = 0; n < 5; n += 1) await conversations.save(address(n));
    const stores: IncidentStores = {
      incidents: await LowdbIncidentStore.open(dataDir), deliveries: await LowdbOutboxStore.open(dataDir), receipts: await LowdbReceiptStore.open(dataDir),
      subscriptions: await LowdbSubscriptionStore.open(dataDir), acks: await LowdbAckStore.open(dataDir),
    };
    const messenger = new RecordingMessenger();
    const clock = new ManualClock();
    const config = loadConfig({ DATA_DIR: temp.path, LOG_LEVEL: 'silent', CARD_SIGNING_SECRET: 'unit-secret-unit-secret-unit-secret' });
    const replica = () => {
      const router = new Router(() => true);
      const feature = registerIncidents(
        { config, logger: silentLogger(), clock, conversations, messenger, signer: new CardSigner('unit-secret-unit-secret'), router, isSpecialist: () => true, directory: emptyDirectory, locks: new KeyedLock(), files: new FileShelf(clock) },
        stores,
      );
      return { router, feature };
    };
    const replicas = [replica(), replica()];
    try {
      const { incident } = await replicas[0].feature.service.intake({ ref: 'skais-1', systems: ['SKAIS'], severity: 'critical', status: 'investigating', title: 'SKAIS ei tööta', description: 'Uurime.' }, { by: { source: 'teams', name: 'Siim Spetsialist' } });
      const id = incident?.id ?? '';
      const delivered = async () => (await stores.deliveries.liveFor(id)).filter((entry) => entry.deliveredVersion === 1).length === 5;
      for (let waited = 0; !(await delivered()); waited += 20) {
        if (waited > 10_000) throw new Error('the notice was not delivered');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      // Each conversation had the notice once, though both replicas' workers ran.
      expect(sentTo(messenger)).toEqual(['a:0', 'a:1', 'a:2', 'a:3', 'a:4']);
      const replies: string[] = [];
      const tools: TurnTools = { reply: async (reply: Reply | string) => { replies.push(typeof reply === 'string' ? reply : JSON.stringify(reply)); return {}; }, replaceCard: async () => undefined, typing: async () => undefined };
      const action = (n: number): CardAction => ({ id: `click-${n}`, kind: 'submit', verb: 'incidents.remind', data: { id }, lang: 'en', locale: 'en-US', from: { aadObjectId: `specialist-${n}`, name: `Specialist ${n}` } as CardAction['from'], address: address(9), receivedAt: clock.now() });
      await Promise.all(replicas.map(({ router }, n) => router.dispatchAction(action(n), tools)));
      for (let waited = 0; sentTo(messenger).length < 10 && waited < 2000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(sentTo(messenger)).toEqual(['a:0', 'a:0', 'a:1', 'a:1', 'a:2', 'a:2', 'a:3', 'a:3', 'a:4', 'a:4']);
      expect(replies.filter((reply) => reply.includes('Sending a reminder to 5 people'))).toHaveLength(1);
      expect(replies.filter((reply) => reply.includes('The reminder was already sent'))).toHaveLength(1);
    } finally {
      for (const { feature } of replicas) await feature.handle.close?.();
    }
  });
});
