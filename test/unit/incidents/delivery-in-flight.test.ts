import { DeliveryWorker } from '../../../src/features/incidents/delivery-worker.js';
import { openIncident } from '../../../src/features/incidents/incident.js';
import type { DeliveryTarget } from '../../../src/features/incidents/incident-store.js';
import { Pacer } from '../../../src/features/incidents/pacer.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { MessengerError, type ConversationAddress } from '../../../src/shared/messaging.js';
import { LowdbIncidentStore } from '../../../src/storage/lowdb-incident-store.js';
import { LowdbOutboxStore } from '../../../src/storage/lowdb-outbox-store.js';
import { RecordingMessenger } from './incidents-kit.js';
import { useTempDataDir } from '../../support/use-temp-data-dir.js';

/** A connector that answers after `latencyMs`; counts the calls in flight and fails some once with 503. */
class SlowMessenger extends RecordingMessenger {
  inFlight = 0;
  mostInFlight = 0;
  private readonly failed = new Set<string>();
  constructor(private readonly latencyMs: number, private readonly failOnce: (conversationId: string) => boolean) { super(); }

  override async send(address: ConversationAddress, reply: Parameters<RecordingMessenger['send']>[1]) {
    this.inFlight += 1;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    try {
      await new Promise((resolve) => setTimeout(resolve, this.latencyMs));
      if (this.failOnce(address.conversationId) && !this.failed.has(address.conversationId)) {
        this.failed.add(address.conversationId);
        throw new MessengerError(503, 'ServiceUnavailable', 'try again');
      }
      return await super.send(address, reply);
    } finally {
      this.inFlight -= 1;
    }
  }
}

describe('DeliveryWorker in flight', () => {
  const temp = useTempDataDir('tugibot-inflight-');

  it('keeps as many sends in flight as the rate needs at the connector latency, and retries within the pass', async () => {
    const dataDir = await temp.open();
    const incidents = await LowdbIncidentStore.open(dataDir);
    const deliveries = await LowdbOutboxStore.open(dataDir);
    const incident = openIncident({ systems: ['SKAIS'], severity: 'major', status: 'investigating', title: 'SKAIS', description: 'Aeglane.' }, { id: 'inc-1', now: new Date(), by: { source: 'webhook' } });
    const targets: DeliveryTarget[] = Array.from({ length: 100 }, (_, n) => ({
      key: `p${n}`, kind: 'personal', lang: 'et',
      address: { channel: 'msteams', serviceUrl: 'http://x', conversationId: `a:${n}`, kind: 'personal', bot: { id: '28:b' } },
    }));
    await incidents.save(incident);
    await incidents.saveBroadcast({ id: incident.id, targets });
    const messenger = new SlowMessenger(100, (id) => id.endsWith('7'));
    const worker = new DeliveryWorker({
      incidents, deliveries, messenger, conversations: { save: async () => undefined, personalFor: async () => undefined, channel: async () => undefined, allPersonal: async () => [], remove: async () => undefined },
      pacer: new Pacer({ perSecond: 300, perConversation: 7 }), policy: { maxAttempts: 3, baseMs: 10, capMs: 20 }, logger: silentLogger(),
      render: () => ({ kind: 'text', text: 'teade' }), report: async () => undefined, concurrency: 2, ratePerSecond: 300,
    });
    worker.start();
    while (messenger.calls.length < 100) await new Promise((resolve) => setTimeout(resolve, 20));
    await worker.stop();
    // 300/s at 100 ms needs about 30 in flight; the two it starts with would give 20/s.
    expect(messenger.mostInFlight).toBeGreaterThanOrEqual(15);
    const sent = messenger.calls.filter((call) => call.kind === 'send').map((call) => call.conversationId);
    expect(sent.length).toBe(100);
    expect(new Set(sent).size).toBe(100);
    await dataDir.close();
  });
});
