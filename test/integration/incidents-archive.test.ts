import { randomUUID } from 'node:crypto';
import { CHANNEL_ID, KATI, installationUpdate, personalConversationId, personalMessage } from '../support/activities.js';
import { startBot, textOf, type Harness } from '../support/bot-harness.js';
import type { FakeConnector } from '../support/fake-connector.js';
import { recordsOnDisk } from '../unit/incidents/incidents-kit.js';
import { ARCHIVE_GRACE_MS, type DeliveryEntry, type DeliveryRecord, type Incident } from '../../src/features/incidents/index.js';
import { signIncident } from '../../src/http/incident-signature.js';
import { ManualClock } from '../../src/shared/clock.js';

const SECRET = 'webhook-secret-for-tests';
const ENV = { INCIDENT_WEBHOOK_SECRET: SECRET, BROADCAST_RATE_PER_SECOND: '40', NOTICE_AUTO_PUBLISH: 'SKAIS:critical' };
const incident = { ref: 'mon-arch', systems: ['SKAIS'], severity: 'critical', status: 'investigating', title: 'SKAIS ei avane', description: 'Uurime.' };

async function postIncident(bot: Harness, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  const raw = JSON.stringify(body);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const response = await fetch(`${bot.url}/api/incidents`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tugibot-timestamp': timestamp, 'x-tugibot-signature': signIncident(SECRET, timestamp, raw) }, body: raw });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Notice calls (sends and edits) per conversation, as the connector saw them. */
const noticeCalls = (connector: FakeConnector, kind: 'send' | 'update', text: string) => connector.calls.filter((call) => (kind === 'send' ? call.kind === 'send' || call.kind === 'create' : call.kind === 'update') && call.status < 300 && JSON.stringify(call.body).includes(text));

/** Ticks until `done` holds: the scheduler's tick archives; the reporter's last edit may still be on its way. */
async function tickUntil(bot: Harness, done: () => boolean): Promise<void> {
  for (let round = 0; round < 100 && !done(); round += 1) {
    await bot.app.scheduler.tick();
    if (!done()) await new Promise((resolve) => setTimeout(resolve, 50));
  }
  expect(done()).toBe(true);
}

describe('archiving resolved incidents', () => {
  it('moves a delivered, resolved incident out of the live records after the grace period, and keeps working after a restart', async () => {
    const clock = new ManualClock('2026-11-26T08:00:00Z');
    let bot = await startBot(ENV, { clock });
    const connector = bot.connector;
    const people = [KATI, ...Array.from({ length: 5 }, (_, index) => ({ aadObjectId: randomUUID(), name: `Inimene ${index}` }))];
    const audience = people.length + 1;
    try {
      await bot.post(installationUpdate(KATI, { serviceUrl: connector.url, inChannel: true }));
      for (const person of people) await bot.post(installationUpdate(person, { serviceUrl: connector.url }));
      const created = await postIncident(bot, incident);
      expect(created.status).toBe(201);
      const id = String(created.body.id);
      await connector.waitFor(() => noticeCalls(connector, 'send', id).length === audience, 10_000);
      clock.advance(30 * 60_000);
      expect((await postIncident(bot, { ...incident, status: 'resolved', description: 'Parandatud.' })).status).toBe(200);
      await connector.waitFor(() => noticeCalls(connector, 'update', 'Lahendatud: SKAIS').length === audience, 10_000);

      const liveEntries = () => recordsOnDisk<DeliveryEntry>(bot.dataDir, 'deliveries', 'live').filter((entry) => entry.incidentId === id);
      await bot.app.scheduler.tick();
      expect(liveEntries()).toHaveLength(audience);
      const [listed] = await bot.ask(personalMessage(KATI, 'rikked', { serviceUrl: connector.url }));
      expect(textOf(listed)).toMatch(/Lahendatud: SKAIS/);

      clock.advance(ARCHIVE_GRACE_MS);
      await tickUntil(bot, () => liveEntries().length === 0);
      const [record] = recordsOnDisk<DeliveryRecord>(bot.dataDir, 'delivery-archive', 'archive');
      expect(record).toMatchObject({ id, version: 2, progress: { total: audience, delivered: audience, pending: 0 } });
      expect(record.targets.every((target) => target.outcome === 'delivered' && target.deliveredVersion === 2)).toBe(true);
      expect(recordsOnDisk<Incident>(bot.dataDir, 'incidents', 'archive').map((item) => item.id)).toEqual([id]);
      expect(recordsOnDisk(bot.dataDir, 'incidents', 'live')).toEqual([]);
      expect(recordsOnDisk(bot.dataDir, 'incident-broadcasts', 'live')).toEqual([]);
      const [none] = await bot.ask(personalMessage(KATI, 'rikked', { serviceUrl: connector.url }));
      expect(textOf(none)).toMatch(/Praegu ei ole teada ühtegi riket/);

      // Monitoring repeats "resolved": answered from the archive, nobody is told again.
      const calls = connector.calls.length;
      expect(await postIncident(bot, { ...incident, status: 'resolved', description: 'Parandatud.' })).toMatchObject({ status: 200, body: { id, status: 'resolved' } });

      await bot.close(true);
      bot = await startBot(ENV, { clock }, { dataDir: bot.dataDir, connector });
      await bot.app.scheduler.tick();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(connector.calls.length).toBe(calls);

      // The same ref firing again opens a new incident, sent as a new message to everyone.
      const reopened = await postIncident(bot, { ...incident, description: 'Jälle maas.' });
      expect(reopened).toMatchObject({ status: 201, body: { ref: 'mon-arch', status: 'investigating' } });
      expect(reopened.body.id).not.toBe(id);
      await connector.waitFor(() => noticeCalls(connector, 'send', String(reopened.body.id)).length === audience, 10_000);
      expect(noticeCalls(connector, 'send', 'RIKE-').filter((call) => call.conversationId === personalConversationId(KATI))).toHaveLength(2);
      expect(noticeCalls(connector, 'send', 'RIKE-').filter((call) => call.conversationId === CHANNEL_ID)).toHaveLength(2);
      const [open] = await bot.ask(personalMessage(KATI, 'rikked', { serviceUrl: connector.url }));
      expect(textOf(open)).toMatch(/Rikked \(1\)[\s\S]*SKAIS ei tööta/);
    } finally {
      await bot.close();
      await connector.stop();
    }
  });
});
