import { DeliveryWorker } from '../../../src/features/incidents/delivery-worker.js';
import { openIncident } from '../../../src/features/incidents/incident.js';
import { deliveryId, type DeliveryEntry, type DeliveryStore, type IncidentStore } from '../../../src/features/incidents/incident-store.js';
import { keepLease } from '../../../src/features/incidents/lease-keeper.js';
import { Pacer } from '../../../src/features/incidents/pacer.js';
import { silentLogger } from '../../../src/shared/logger.js';
import type { ConversationAddress, Reply } from '../../../src/shared/messaging.js';
import { LowdbIncidentStore } from '../../../src/storage/lowdb-incident-store.js';
import { LowdbOutboxStore } from '../../../src/storage/lowdb-outbox-store.js';
import { useTempDataDir } from '../../support/use-temp-data-dir.js';
import { RecordingMessenger } from './incidents-kit.js';

/** A connector whose calls take `latencyMs`: a hung Bot Connector, slower than the worker's lease. */
class HungMessenger extends RecordingMessenger {
  constructor(private readonly latencyMs: number) { super(); }
  override async send(address: ConversationAddress, reply: Reply) {
    await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
    return super.send(address, reply);
  }
}

const noConversations = { save: async () => undefined, personalFor: async () => undefined, channel: async () => undefined, allPersonal: async () => [], remove: async () => undefined };

function worker(incidents: IncidentStore, deliveries: DeliveryStore, messenger: RecordingMessenger, owner: string): DeliveryWorker {
  return new DeliveryWorker({
    incidents, deliveries, messenger, conversations: noConversations, owner, leaseMs: 600,
    pacer: new Pacer({ perSecond: 50, perConversation: 7 }), policy: { maxAttempts: 3, baseMs: 10, capMs: 20 }, logger: silentLogger(),
    render: () => ({ kind: 'text', text: 'teade' }), report: async () => undefined, concurrency: 1,
  });
}

describe('DeliveryWorker lease during a slow call', () => {
  const temp = useTempDataDir('tugibot-lease-');

  it('keeps its lease while a connector call outlasts it, so a second replica does not send the notice again', async () => {
    const dataDir = await temp.open();
    const incidents = await LowdbIncidentStore.open(dataDir);
    const deliveries = await LowdbOutboxStore.open(dataDir);
    const incident = openIncident({ systems: ['STAR'], severity: 'major', status: 'investigating', title: 'STAR', description: 'Ei avane.' }, { id: 'inc-1', now: new Date(), by: { source: 'webhook' } });
    await incidents.save(incident);
    await incidents.saveBroadcast({ id: incident.id, targets: [{ key: 'p1', kind: 'personal', lang: 'et', address: { channel: 'msteams', serviceUrl: 'http://x', conversationId: 'a:1', kind: 'personal', bot: { id: '28:b' } } }] });
    // The first replica's call takes four leases' time.
    const slow = new HungMessenger(2400);
    const first = worker(incidents, deliveries, slow, 'replica-a');
    first.start();
    while ((await deliveries.get(deliveryId(incident.id, 'p1')))?.state !== 'sending') await new Promise((resolve) => setTimeout(resolve, 10));
    // The second replica looks after the first lease would have run out, while the call still hangs.
    await new Promise((resolve) => setTimeout(resolve, 900));
    const fast = new RecordingMessenger();
    const second = worker(incidents, deliveries, fast, 'replica-b');
    second.start();
    while ((await deliveries.get(deliveryId(incident.id, 'p1')))?.deliveredVersion !== incident.version) await new Promise((resolve) => setTimeout(resolve, 20));
    await Promise.all([first.stop(), second.stop()]);
    expect(slow.calls.map((call) => call.conversationId)).toEqual(['a:1']);
    expect(fast.calls).toEqual([]);
    expect(await deliveries.get(deliveryId(incident.id, 'p1'))).toMatchObject({ state: 'idle', messageId: 'm1', leaseUntil: undefined });
  });
});

describe('keepLease', () => {
  const entry = (): DeliveryEntry => ({ id: 'i|p', incidentId: 'i', key: 'p', address: { channel: 'msteams', serviceUrl: 'http://x', conversationId: 'a:1', kind: 'personal', bot: { id: '28:b' } }, state: 'sending', deliveredVersion: 0, sendingVersion: 1, attempts: 1, updatedAt: '', revision: 1, leaseUntil: 1 });

  it('copies the renewed lease end and revision onto the entry, and stops renewing once another writer took it', async () => {
    const claimed = entry();
    let calls = 0;
    const lease = keepLease(claimed, async (current) => {
      calls += 1;
      return calls === 1 ? { ...current, leaseUntil: 99, revision: 2 } : undefined;
    }, 5, silentLogger());
    await new Promise((resolve) => setTimeout(resolve, 80));
    await lease.stop();
    expect(claimed).toMatchObject({ leaseUntil: 99, revision: 2 });
    expect(calls).toBe(2);
  });

  it('keeps trying after a failed write, and stop waits for the renewal in flight', async () => {
    const claimed = entry();
    let calls = 0;
    const lease = keepLease(claimed, async (current) => {
      calls += 1;
      if (calls === 1) throw new Error('disk full');
      await new Promise((resolve) => setTimeout(resolve, 30));
      return { ...current, leaseUntil: 100 + calls, revision: 1 + calls };
    }, 5, silentLogger());
    while (calls < 2) await new Promise((resolve) => setTimeout(resolve, 2));
    await lease.stop();
    expect(claimed.revision).toBe(1 + calls);
  });
});
