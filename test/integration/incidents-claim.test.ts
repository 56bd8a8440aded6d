import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config.js';
import { DeliveryWorker } from '../../src/features/incidents/delivery-worker.js';
import { openIncident } from '../../src/features/incidents/incident.js';
import { deliveryId, type DeliveryEntry, type DeliveryStore, type DeliveryTarget } from '../../src/features/incidents/incident-store.js';
import { Pacer } from '../../src/features/incidents/pacer.js';
import { silentLogger } from '../../src/shared/logger.js';
import { textReply, type ConversationAddress } from '../../src/shared/messaging.js';
import { DataDir } from '../../src/storage/data-dir.js';
import { LowdbIncidentStore } from '../../src/storage/lowdb-incident-store.js';
import { LowdbOutboxStore } from '../../src/storage/lowdb-outbox-store.js';
import { BotMessenger, TeamsEdge } from '../../src/teams/index.js';
import { BOT, CHANNEL_ID, TENANT } from '../support/activities.js';
import { FakeConnector } from '../support/fake-connector.js';
import { seededRandom } from '../support/seeded-random.js';

const PEOPLE = 40;
const noConversations = { save: async () => undefined, personalFor: async () => undefined, channel: async () => undefined, allPersonal: async () => [], remove: async () => undefined };

/** The outbox claim (HELPERS.md, session 4): workers that share one outbox send each notice once. */
describe('delivery workers sharing one outbox', () => {
  const connector = new FakeConnector();
  let messenger: BotMessenger;
  let serviceUrl: string;
  let dir: string;
  let dataDir: DataDir;
  let incidents: LowdbIncidentStore;
  let deliveries: LowdbOutboxStore;

  beforeAll(async () => {
    serviceUrl = await connector.start();
    messenger = new BotMessenger(new TeamsEdge(loadConfig({ LOG_LEVEL: 'silent' })).adapter, '');
  });
  afterAll(() => connector.stop());

  beforeEach(async () => {
    connector.calls.length = 0;
    dir = mkdtempSync(join(tmpdir(), 'tugibot-claim-'));
    dataDir = await DataDir.open(dir, silentLogger());
    incidents = await LowdbIncidentStore.open(dataDir);
    deliveries = await LowdbOutboxStore.open(dataDir);
  });
  afterEach(async () => {
    await dataDir.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const personal = (n: number): ConversationAddress => ({ channel: 'msteams', serviceUrl, conversationId: `a:claim-${n}`, kind: 'personal', tenantId: TENANT, bot: BOT });

  /** One published incident whose audience is the specialists' channel and PEOPLE personal chats. */
  async function broadcast(): Promise<{ incidentId: string; targets: DeliveryTarget[] }> {
    const incident = openIncident({ systems: ['SKAIS'], severity: 'major', status: 'investigating', title: 'SKAIS', description: 'Aeglane.' }, { id: 'RIKE-CLAIM', now: new Date(), by: { source: 'webhook' } });
    const channel: DeliveryTarget = { key: `channel:${CHANNEL_ID}`, kind: 'channel', lang: 'et', address: { channel: 'msteams', serviceUrl, conversationId: CHANNEL_ID, channelId: CHANNEL_ID, kind: 'channel', tenantId: TENANT, bot: BOT } };
    const people = Array.from({ length: PEOPLE }, (_, n): DeliveryTarget => ({ key: `personal:${n}`, kind: 'personal', lang: 'et', address: personal(n) }));
    const targets = [channel, ...people];
    await incidents.save(incident);
    await incidents.saveBroadcast({ id: incident.id, targets });
    return { incidentId: incident.id, targets };
  }

  function worker(name: string, seed: number, store: DeliveryStore = deliveries): DeliveryWorker {
    return new DeliveryWorker({
      incidents, deliveries: store, messenger, conversations: noConversations, pacer: new Pacer({ perSecond: 500, perConversation: 7 }),
      policy: { maxAttempts: 3, baseMs: 10, capMs: 20 }, logger: silentLogger(), render: () => textReply('Teade: SKAIS on aeglane.'),
      report: async () => undefined, concurrency: 4, random: seededRandom(seed), owner: name,
    });
  }

  /** Runs `workers` side by side until `done`, then stops them (a pass runs only while its worker is started). */
  async function runUntil(workers: DeliveryWorker[], done: () => Promise<boolean>): Promise<void> {
    for (const each of workers) each.start();
    try {
      await connector.waitFor(done, 15_000);
    } finally {
      await Promise.all(workers.map((each) => each.stop()));
    }
  }

  const settled = async (count: number) => (await deliveries.liveFor('RIKE-CLAIM')).filter((entry) => entry.state === 'idle' && entry.deliveredVersion === 1).length >= count;

  /** Messages each conversation received (a channel's first message is the thread it starts). */
  const received = (conversationId: string) => connector.sends().filter((call) => call.conversationId.split(';')[0] === conversationId).length;

  it('two workers passing over one broadcast at the same moment send each conversation the notice exactly once', async () => {
    const { targets } = await broadcast();
    // A connector that takes a while, so that both workers have calls in flight at once.
    connector.answerAfter(15, 40);
    try {
      await runUntil([worker('replica-a', 1), worker('replica-b', 2)], () => settled(targets.length));
    } finally {
      connector.answerAfter(0);
    }
    const counts = targets.map((target) => received(target.address.conversationId));
    expect(counts).toEqual(targets.map(() => 1));
    expect(connector.sends()).toHaveLength(targets.length);
    const entries = await deliveries.liveFor('RIKE-CLAIM');
    expect(entries.every((entry) => entry.state === 'idle' && entry.deliveredVersion === 1 && entry.leaseUntil === undefined)).toBe(true);
  });

  it('sends an entry whose lease ran out (its replica died) and leaves one under a live lease to the replica that holds it', async () => {
    const { incidentId } = await broadcast();
    const now = Date.now();
    const left = (n: number, leaseUntil: number): DeliveryEntry => ({
      id: deliveryId(incidentId, `personal:${n}`), incidentId, key: `personal:${n}`, address: personal(n), state: 'sending',
      deliveredVersion: 0, sendingVersion: 1, attempts: 1, leaseUntil, leaseOwner: 'replica-gone', updatedAt: new Date(now).toISOString(),
    });
    await deliveries.put(left(0, now - 1000));
    await deliveries.put(left(1, now + 60_000));
    const replica = worker('replica-b', 3);
    await runUntil([replica], () => settled(PEOPLE));
    expect(received('a:claim-0')).toBe(1);
    expect(received('a:claim-1')).toBe(0);
    expect(connector.sends()).toHaveLength(PEOPLE);
    expect(await deliveries.get(deliveryId(incidentId, 'personal:1'))).toMatchObject({ state: 'sending', leaseOwner: 'replica-gone', deliveredVersion: 0 });
    // The worker comes back for it when the lease ends.
    expect((await replica.collect()).next).toBe(now + 60_000);
  });

  it('a worker that loses the claim does not call the connector', async () => {
    const { targets } = await broadcast();
    // Another replica claims each entry between this worker's read and its claim.
    const rival: DeliveryStore = Object.assign(Object.create(deliveries) as DeliveryStore, {
      claim: async (entry: DeliveryEntry, expected: number | undefined) => {
        await deliveries.claim({ ...entry, leaseOwner: 'replica-a', leaseUntil: Date.now() + 60_000 }, expected);
        return deliveries.claim(entry, expected);
      },
    });
    const claimedByA = async () => (await deliveries.liveFor('RIKE-CLAIM')).filter((entry) => entry.leaseOwner === 'replica-a').length === targets.length;
    await runUntil([worker('replica-b', 4, rival)], claimedByA);
    expect(connector.calls).toHaveLength(0);
    const entries = await deliveries.liveFor('RIKE-CLAIM');
    expect(entries).toHaveLength(targets.length);
    expect(entries.every((entry) => entry.state === 'sending' && entry.leaseOwner === 'replica-a')).toBe(true);
  });
});
