import { startBot, type Harness } from '../support/bot-harness.js';
import { signIncident } from '../../src/http/incident-signature.js';
import { MemorySeenSignatures, ReplayGuard } from '../../src/http/replay-guard.js';

const SECRET = 'replay-webhook-secret-0000';
const TOKEN = 'replay-alertmanager-token-00';
const ENV = { INCIDENT_WEBHOOK_SECRET: SECRET, ALERTMANAGER_TOKEN: TOKEN };

/** An incident without a ref: every accepted call creates a new incident. */
const body = JSON.stringify({ systems: ['SKAIS'], severity: 'minor', status: 'investigating', title: 'Aeglane', description: 'SKAIS on aeglane.' });

interface Signed {
  timestamp: string;
  signature: string;
}

function sign(raw: string, timestamp = Math.floor(Date.now() / 1000)): Signed {
  return { timestamp: String(timestamp), signature: signIncident(SECRET, String(timestamp), raw) };
}

async function send(bot: Harness, signed: Signed, key?: string, raw = body): Promise<{ status: number; body: Record<string, unknown> }> {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'x-tugibot-timestamp': signed.timestamp, 'x-tugibot-signature': signed.signature };
  if (key) headers['idempotency-key'] = key;
  const response = await fetch(`${bot.url}/api/incidents`, { method: 'POST', headers, body: raw });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('a signed incident call is accepted once', () => {
  it('refuses a replay with a new key or none (409), answers a retry of the same request, and remembers across a restart', async () => {
    let bot = await startBot(ENV);
    const signed = sign(body);
    try {
      const first = await send(bot, signed, 'key-1');
      expect(first.status).toBe(201);
      expect(await send(bot, signed, 'key-2')).toMatchObject({ status: 409, body: { code: 'ReplayedSignature' } });
      expect((await send(bot, signed)).status).toBe(409);
      expect(await send(bot, signed, 'key-1')).toMatchObject({ status: 200, body: { id: first.body.id } });
      // Signed anew (a new timestamp), the same body is a new call.
      expect((await send(bot, sign(body, Number(signed.timestamp) - 1), 'key-3')).status).toBe(201);
      // A keyless call sent twice: the second is a retry and gets the first answer; with a key added it is a replay.
      const keyless = sign(body, Number(signed.timestamp) - 2);
      const once = await send(bot, keyless);
      expect(once.status).toBe(201);
      expect(await send(bot, keyless)).toMatchObject({ status: 200, body: { id: once.body.id } });
      expect((await send(bot, keyless, 'key-5')).status).toBe(409);

      await bot.close(true);
      bot = await startBot(ENV, {}, { dataDir: bot.dataDir, connector: bot.connector });
      expect(await send(bot, signed, 'key-4')).toMatchObject({ status: 409, body: { code: 'ReplayedSignature' } });
    } finally {
      await bot.close();
      await bot.connector.stop();
    }
  }, 30_000);

  it('lets exactly one of several copies sent at once through', async () => {
    const bot = await startBot(ENV);
    try {
      const signed = sign(body);
      const answers = await Promise.all(Array.from({ length: 6 }, (_, index) => send(bot, signed, `copy-${index}`)));
      expect(answers.map((answer) => answer.status).sort()).toEqual([201, 409, 409, 409, 409, 409]);
    } finally {
      await bot.close();
    }
  });

  it('forgets a signature once it is stale, and caps how many it holds', async () => {
    const guard = new ReplayGuard(new MemorySeenSignatures(), 2);
    const first = await guard.claim('sha256=aa', undefined, 1000, 1000);
    expect(first.ok).toBe(true);
    if (first.ok) await first.commit();
    expect(await guard.claim('SHA256=AA', 'x', 1000, 1200)).toMatchObject({ ok: false, refusal: { status: 409 } });
    const second = await guard.claim('sha256=bb', undefined, 1000, 1000);
    if (second.ok) await second.commit();
    expect(await guard.claim('sha256=cc', undefined, 1000, 1000)).toMatchObject({ ok: false, refusal: { status: 429 } });
    // After the window (300 s from the timestamp) both are forgotten.
    expect((await guard.claim('sha256=aa', undefined, 1000, 1302)).ok).toBe(true);
  });
});

describe('Alertmanager payloads have the webhook\'s bounds', () => {
  let bot: Harness;
  beforeAll(async () => { bot = await startBot(ENV); });
  afterAll(() => bot.close());

  const alert = (labels: Record<string, string>, annotations: Record<string, string> = {}) => ({ status: 'firing', labels, annotations, startsAt: new Date().toISOString() });
  const post = async (alerts: unknown[], commonLabels: Record<string, string> = {}) => {
    const response = await fetch(`${bot.url}/api/alerts/alertmanager`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
      body: JSON.stringify({ version: '4', groupKey: `g-${alerts.length}`, status: 'firing', receiver: 'tugibot', groupLabels: {}, commonLabels, commonAnnotations: { summary: 'Häire' }, externalURL: '', alerts }),
    });
    return { status: response.status, body: (await response.json()) as { code?: string; message?: string } };
  };

  it('refuses more than 20 systems, too many alerts and oversized labels with 400 and the reason', async () => {
    const systems = Array.from({ length: 1000 }, (_, index) => alert({ system: `SYS${index}` }));
    expect(await post(systems.slice(0, 21))).toMatchObject({ status: 400, body: { message: expect.stringMatching(/at most 20 systems/) } });
    expect(await post(systems)).toMatchObject({ status: 400, body: { message: expect.stringMatching(/at most 100 alerts/) } });
    expect(await post([alert({ system: 'S'.repeat(61) })])).toMatchObject({ status: 400, body: { message: expect.stringMatching(/60 characters/) } });
    expect(await post([alert({ system: 'STAR' }, { description: 'x'.repeat(4001) })])).toMatchObject({ status: 400, body: { message: expect.stringMatching(/4000 characters/) } });
    const manyLabels = Object.fromEntries(Array.from({ length: 65 }, (_, index) => [`l${index}`, 'v']));
    expect((await post([alert({ system: 'STAR', ...manyLabels })])).status).toBe(400);
    expect((await post([alert({ system: 'STAR', severity: 'critical' })])).status).toBe(201);
  });
});
