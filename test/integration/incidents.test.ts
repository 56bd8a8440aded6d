import { randomUUID } from 'node:crypto';
import { CHANNEL_ID, installationUpdate, TENANT } from '../support/activities.js';
import { startBot, type Harness } from '../support/bot-harness.js';
import type { ConnectorCall, FakeConnector } from '../support/fake-connector.js';
import { signIncident } from '../../src/http/incident-signature.js';
import type { ConversationAddress } from '../../src/shared/messaging.js';

const SECRET = 'webhook-secret-for-tests';
const TOKEN = 'alertmanager-token-for-tests';
const LIMITS = { globalPerSecond: 20, perConversationPerSecond: 7, perConversationPer2s: 8 };
const ENV = { INCIDENT_WEBHOOK_SECRET: SECRET, ALERTMANAGER_TOKEN: TOKEN, BROADCAST_RATE_PER_SECOND: '20', BROADCAST_MAX_ATTEMPTS: '6', NOTICE_AUTO_PUBLISH: 'SKAIS:critical,STAR:major' };

function personAddress(serviceUrl: string, index: number): ConversationAddress {
  const aad = randomUUID();
  return { channel: 'msteams', serviceUrl, tenantId: TENANT, conversationId: `a:person-${index}`, kind: 'personal', bot: { id: '28:tugibot-test', name: 'Tugibot' }, user: { teamsId: `29:${aad}`, aadObjectId: aad } };
}

/** Notice sends (new messages, channel threads) per conversation, as the connector counted them. */
function noticeCounts(connector: FakeConnector): Map<string, number> {
  const counts = new Map<string, number>();
  for (const call of connector.sends()) {
    if (!JSON.stringify(call.body).includes('RIKE-')) continue;
    counts.set(call.conversationId, (counts.get(call.conversationId) ?? 0) + 1);
  }
  return counts;
}

/** The desk's reports of monitoring's notices (in the specialists' channel or its threads), as they read now. */
function deskReports(connector: FakeConnector): string[] {
  const conversations = new Set(connector.calls.map((call) => call.conversationId).filter((id) => id.startsWith(CHANNEL_ID)));
  return [...conversations].flatMap((id) => connector.messagesIn(id)).map((message) => JSON.stringify(message.activity)).filter((text) => text.includes('seiresüsteem'));
}

async function seed(bot: Harness, people: number): Promise<ConversationAddress[]> {
  await bot.post(installationUpdate({ aadObjectId: randomUUID(), name: 'Spetsialist' }, { serviceUrl: bot.connector.url, inChannel: true }));
  const addresses = Array.from({ length: people }, (_, index) => personAddress(bot.connector.url, index));
  for (const address of addresses) await bot.app.conversations.save(address);
  return addresses;
}

async function postIncident(bot: Harness, body: unknown, options: { key?: string; timestamp?: number; signature?: string; raw?: string } = {}) {
  const raw = options.raw ?? JSON.stringify(body);
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-tugibot-timestamp': timestamp, 'x-tugibot-signature': options.signature ?? signIncident(SECRET, timestamp, raw) };
  if (options.key) headers['idempotency-key'] = options.key;
  const response = await fetch(`${bot.url}/api/incidents`, { method: 'POST', headers, body: raw });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const incident = { ref: 'mon-1', systems: ['SKAIS'], severity: 'critical', status: 'investigating', title: 'SKAIS ei avane', description: 'SKAIS-i sisselogimine ei tööta. Uurime.' };

describe('POST /api/incidents and the paced outbox', () => {
  let bot: Harness;
  let people: ConversationAddress[];
  const sentText = (call: ConnectorCall) => JSON.stringify(call.body);

  beforeAll(async () => {
    bot = await startBot(ENV);
    bot.connector.enforce(LIMITS);
    people = await seed(bot, 12);
  });
  afterAll(() => bot.close());

  it('refuses what is not signed right, malformed or too big, with the reason', async () => {
    const unsigned = await fetch(`${bot.url}/api/incidents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(incident) });
    expect(unsigned.status).toBe(401);
    expect((await postIncident(bot, incident, { signature: 'sha256=00' })).status).toBe(401);
    expect((await postIncident(bot, incident, { signature: signIncident('wrong', '1', '{}') })).status).toBe(401);
    expect(await postIncident(bot, incident, { timestamp: Math.floor(Date.now() / 1000) - 301 })).toMatchObject({ status: 401, body: { message: expect.stringMatching(/stale/) } });
    expect((await postIncident(bot, incident, { timestamp: Math.floor(Date.now() / 1000) + 120 })).status).toBe(401);
    expect((await postIncident(bot, undefined, { raw: '{"systems": [' })).status).toBe(400);
    expect(await postIncident(bot, { ...incident, severity: 'huge' })).toMatchObject({ status: 400, body: { code: 'InvalidIncident', message: expect.stringMatching(/severity/) } });
    expect((await postIncident(bot, { ...incident, description: 'x'.repeat(70_000) })).status).toBe(413);
    expect(noticeCounts(bot.connector).size).toBe(0);
  });

  it('opens an incident (201), sends one notice per conversation within the limits', async () => {
    const created = await postIncident(bot, incident, { key: 'k-1' });
    expect(created).toMatchObject({ status: 201, body: { id: expect.stringMatching(/^RIKE-/), ref: 'mon-1', status: 'investigating' } });
    await bot.connector.waitFor(() => noticeCounts(bot.connector).size === people.length + 1, 10_000);
    const counts = noticeCounts(bot.connector);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    expect(counts.get(CHANNEL_ID)).toBe(1);
    // The desk sees the reach of monitoring's notice: one message, under the notice in its channel.
    await bot.connector.waitFor(() => deskReports(bot.connector).some((text) => /on edastatud/.test(text) && text.includes(`"Kohale jõudnud","value":"${people.length + 1} / ${people.length + 1}"`)), 10_000);
    expect(deskReports(bot.connector)).toHaveLength(1);
    expect(bot.connector.sends().filter((call) => call.conversationId.startsWith(`${CHANNEL_ID};messageid=`))).toHaveLength(1);
    expect(bot.connector.violations).toEqual([]);
  });

  it('answers a repeated key with the first answer and notifies nobody twice; a changed body gets 409', async () => {
    const before = bot.connector.calls.length;
    const again = await postIncident(bot, incident, { key: 'k-1' });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ ref: 'mon-1', status: 'investigating' });
    expect((await postIncident(bot, { ...incident, title: 'Muu' }, { key: 'k-1' })).status).toBe(409);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bot.connector.calls.length).toBe(before);
  });

  it('edits the message already sent on an update (200) and on resolution', async () => {
    const updated = await postIncident(bot, { ...incident, status: 'identified', description: 'Põhjus leitud: andmebaasi ühendus.' }, { key: 'k-2' });
    expect(updated.status).toBe(200);
    await bot.connector.waitFor(() => bot.connector.ofKind('update').filter((call) => sentText(call).includes('põhjus on leitud')).length === people.length + 1, 10_000);
    const resolved = await postIncident(bot, { ...incident, status: 'resolved', description: 'Parandatud.' });
    expect(resolved).toMatchObject({ status: 200, body: { status: 'resolved' } });
    await bot.connector.waitFor(() => bot.connector.ofKind('update').filter((call) => sentText(call).includes('Lahendatud')).length === people.length + 1, 10_000);
    const [message] = bot.connector.messagesIn(people[0].conversationId).filter((entry) => JSON.stringify(entry.activity).includes('RIKE-'));
    expect(JSON.stringify(message.activity)).toMatch(/Lahendatud: SKAIS/);
    expect([...noticeCounts(bot.connector).values()].every((count) => count === 1)).toBe(true);
    // Each later version's reach is shown in the same desk message, edited in place (edits come at
    // most every 3 seconds, so versions close together share one).
    await bot.connector.waitFor(() => bot.connector.ofKind('update').filter((call) => sentText(call).includes('seiresüsteem')).length >= 1, 10_000);
    expect(deskReports(bot.connector)).toHaveLength(1);
    expect(bot.connector.violations).toEqual([]);
  });

  it('takes Alertmanager: bad token 401, firing opens (201), resolved resolves (200)', async () => {
    const am = (status: 'firing' | 'resolved', token = TOKEN) => fetch(`${bot.url}/api/alerts/alertmanager`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ version: '4', groupKey: 'g-star', status, receiver: 'tugibot', groupLabels: {}, commonLabels: { system: 'STAR', severity: 'warning' }, commonAnnotations: { summary: 'STAR on aeglane', description: 'Päringud võtavad minuteid.' }, externalURL: '', alerts: [{ status, labels: { system: 'STAR' }, annotations: {}, startsAt: new Date().toISOString() }] }),
    });
    expect((await am('firing', 'nope')).status).toBe(401);
    const fired = await am('firing');
    expect(fired.status).toBe(201);
    expect(await fired.json()).toMatchObject({ ref: 'g-star', status: 'investigating' });
    expect((await am('firing')).status).toBe(200);
    await bot.connector.waitFor(() => deskReports(bot.connector).some((text) => text.includes('STAR on aeglane') && text.includes('seiresüsteem (Alertmanager)')), 10_000);
    expect((await am('resolved')).status).toBe(200);
    expect(bot.app.router.commands.map((command) => command.key)).toEqual(expect.arrayContaining(['incidents.list', 'incidents.follow', 'incidents.new']));
  });
});

describe('the outbox under faults and restarts', () => {
  it('retries 429 (with and without Retry-After) and 503, drops a blocked chat, sends nothing twice', async () => {
    const bot = await startBot(ENV);
    try {
      bot.connector.enforce(LIMITS);
      const people = await seed(bot, 10);
      bot.connector.fail({ status: 429, code: 'Throttled', times: 3, match: (call) => call.conversationId === people[1].conversationId || call.conversationId === people[2].conversationId });
      bot.connector.fail({ status: 429, code: 'Throttled', retryAfter: 1, times: 1, match: (call) => call.conversationId === people[3].conversationId });
      bot.connector.fail({ status: 503, code: 'ServiceUnavailable', times: 1, match: (call) => call.conversationId === people[4].conversationId });
      bot.connector.block(people[5].conversationId);
      expect((await postIncident(bot, { ...incident, ref: 'faults' })).status).toBe(201);
      const others = people.filter((_, index) => index !== 5);
      await bot.connector.waitFor(() => others.every((person) => noticeCounts(bot.connector).get(person.conversationId) === 1), 15_000);
      expect([...noticeCounts(bot.connector).values()].every((count) => count === 1)).toBe(true);
      await bot.connector.waitFor(async () => (await bot.app.conversations.allPersonal()).length === people.length - 1);
      expect((await bot.app.conversations.allPersonal()).map((address) => address.conversationId)).not.toContain(people[5].conversationId);
      // The desk's report gives the final figures and why one conversation was not reached.
      await bot.connector.waitFor(() => deskReports(bot.connector).some((text) => /on edastatud/.test(text) && /403 ConversationBlockedByUser: 1/.test(text)), 10_000);
      expect(deskReports(bot.connector).join()).toContain('"Kohale jõudnud","value":"10 / 11"');
      expect(bot.connector.violations).toEqual([]);
    } finally {
      await bot.close();
    }
  });

  it('resumes a broadcast after a restart without sending anything twice', async () => {
    const env = { ...ENV, BROADCAST_RATE_PER_SECOND: '8' };
    const first = await startBot(env);
    first.connector.enforce({ ...LIMITS, globalPerSecond: 8 });
    const people = await seed(first, 16);
    // The welcome in the channel is not paced by the outbox: let it leave the connector's 1-second window.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect((await postIncident(first, { ...incident, ref: 'restart' })).status).toBe(201);
    await first.connector.waitFor(() => noticeCounts(first.connector).size >= 5, 10_000);
    await first.close(true);
    const sentBefore = noticeCounts(first.connector).size;
    expect(sentBefore).toBeLessThan(people.length + 1);
    const again = await startBot(env, {}, { dataDir: first.dataDir, connector: first.connector });
    try {
      await again.connector.waitFor(() => noticeCounts(again.connector).size === people.length + 1, 10_000);
      expect([...noticeCounts(again.connector).values()].every((count) => count === 1)).toBe(true);
      expect(again.connector.violations).toEqual([]);
    } finally {
      await again.close();
      await again.connector.stop();
    }
  });
});
