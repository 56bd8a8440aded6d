import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { KATI, SIIM, installationUpdate, personalMessage, cardSubmit } from '../support/activities.js';
import { buttonData, cardOf, startBot, textOf, type Harness } from '../support/bot-harness.js';
import { CardSigner } from '../../src/shared/card-signer.js';
import { ManualClock } from '../../src/shared/clock.js';
import { textReply } from '../../src/shared/messaging.js';
import { COUNTERS, GAUGES, HISTOGRAMS } from '../../src/shared/metrics.js';

const TOKEN = 'metrics-token-metrics-token';
const signer = new CardSigner('test-secret-test-secret-test-secret');

/** The value of one sample line (`name{labels} value`), or undefined when it is not there. */
function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((row) => row.startsWith(labels ? `${name}{${labels}}` : `${name} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
}

async function scrape(bot: Harness, token = TOKEN): Promise<{ status: number; text: string; type: string | null }> {
  const response = await fetch(`${bot.url}/metrics`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') };
}

describe('GET /metrics with METRICS_TOKEN', () => {
  let bot: Harness;
  const clock = new ManualClock('2026-11-26T06:00:00.000Z');
  beforeAll(async () => {
    bot = await startBot({ METRICS_TOKEN: TOKEN, MicrosoftAppPasswordExpiresOn: '2027-01-15' }, { clock });
    await bot.post(installationUpdate(SIIM, { serviceUrl: bot.connector.url, inChannel: true }));
    await bot.post(installationUpdate(KATI, { serviceUrl: bot.connector.url }));
  });
  afterAll(() => bot.close());

  it('refuses a scrape without the token or with a wrong one', async () => {
    const none = await fetch(`${bot.url}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toBe('Bearer');
    expect(await none.json()).toEqual({ code: 'Unauthorized', message: 'GET /metrics needs "Authorization: Bearer <METRICS_TOKEN>".' });
    expect((await scrape(bot, `${TOKEN}x`)).status).toBe(401);
  });

  it('serves every metric of the catalogue and the process metrics in the Prometheus text format', async () => {
    await bot.app.scheduler.tick(); // the credential watcher reads the secret's expiry on its first tick
    const { status, text, type } = await scrape(bot);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    for (const spec of [...Object.values(COUNTERS), ...Object.values(HISTOGRAMS), ...Object.values(GAUGES)]) expect(text).toContain(`# HELP ${spec.name} `);
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(text).toContain('nodejs_eventloop_lag_p99_seconds');
    expect(sample(text, 'tugibot_credential_expiry_timestamp_seconds')).toBe(Date.parse('2027-01-15') / 1000);
  });

  it('counts turns by kind and outcome, knowledge decisions, and times requests by route', async () => {
    const serviceUrl = bot.connector.url;
    await bot.ask(personalMessage(KATI, 'abi', { serviceUrl }));
    await bot.ask(personalMessage(KATI, 'tere', { serviceUrl }));
    await bot.ask(personalMessage(KATI, 'kuidas parandada avalduse salvestamise viga SKAIS-is', { serviceUrl }));
    await bot.ask(cardSubmit(KATI, { verb: 'cases.take', args: { number: 'TUGI-2026-00001' }, sig: 'forged' }, {}, { serviceUrl }));
    bot.app.router.command({ key: 'test.fail', names: { et: ['kukuta'], en: ['crash'] }, help: { et: 'kukutab', en: 'crashes' } }, async () => {
      throw new Error('a bug');
    });
    await bot.ask(personalMessage(KATI, 'kukuta', { serviceUrl }));
    const { text } = await scrape(bot);
    expect(sample(text, 'tugibot_turns_total', 'kind="command",outcome="failed"')).toBe(1);
    expect(sample(text, 'tugibot_turns_total', 'kind="command",outcome="ok"')).toBe(1);
    expect(sample(text, 'tugibot_turns_total', 'kind="question",outcome="ok"')).toBe(2);
    expect(sample(text, 'tugibot_turns_total', 'kind="card",outcome="refused"')).toBe(1);
    expect(sample(text, 'tugibot_turns_total', 'kind="install",outcome="ok"')).toBe(2);
    expect(sample(text, 'tugibot_knowledge_decisions_total', 'decision="small_talk"')).toBe(1);
    const decided = ['answer', 'suggest', 'none'].map((decision) => sample(text, 'tugibot_knowledge_decisions_total', `decision="${decision}"`) ?? 0);
    expect(decided.reduce((a, b) => a + b, 0)).toBe(1);
    expect(sample(text, 'tugibot_http_request_duration_seconds_count', 'method="POST",route="/api/messages",status="200"')).toBe(7);
    expect(sample(text, 'tugibot_turn_duration_seconds_count', 'kind="command"')).toBe(2);
  });

  it('counts proactive sends, and a 429 as a failure with cause throttled', async () => {
    const personal = (await bot.app.conversations.personalFor(KATI.aadObjectId))!;
    await bot.app.messenger.send(personal, textReply('üks'));
    bot.connector.fail({ status: 429, code: 'Throttled', times: 1 });
    await expect(bot.app.messenger.send(personal, textReply('kaks'))).rejects.toMatchObject({ status: 429 });
    const { text } = await scrape(bot);
    expect(sample(text, 'tugibot_sends_total', 'operation="send",outcome="failed"')).toBe(1);
    expect(sample(text, 'tugibot_send_failures_total', 'cause="throttled"')).toBe(1);
    expect(sample(text, 'tugibot_sends_total', 'operation="send",outcome="ok"')).toBeGreaterThanOrEqual(1);
  });

  it('reads open and overdue cases from the store when scraped', async () => {
    const serviceUrl = bot.connector.url;
    expect(sample((await scrape(bot)).text, 'tugibot_cases_open')).toBe(0);
    const [form] = await bot.ask(cardSubmit(KATI, signer.sign('cases.start', { question: 'SKAIS ei salvesta', shown: '' }), {}, { serviceUrl }));
    const replies = await bot.ask(cardSubmit(KATI, buttonData(cardOf(form), 'Saada pöördumine'), { system: 'SKAIS', kind: 'broken', urgency: 'high', description: 'SKAIS ei salvesta' }, { serviceUrl }));
    expect(replies.map(textOf).join('\n')).toMatch(/TUGI-\d{4}-\d{5}/);
    let text = (await scrape(bot)).text;
    expect(sample(text, 'tugibot_cases_open')).toBe(1);
    expect(sample(text, 'tugibot_cases_overdue')).toBe(0);
    clock.advance(9 * 3600_000);
    text = (await scrape(bot)).text;
    expect(sample(text, 'tugibot_cases_overdue')).toBe(1);
    expect(sample(text, 'tugibot_access_tasks_open')).toBe(0);
    expect(sample(text, 'tugibot_outbox_depth')).toBe(0);
  });
});

describe('GET /metrics when metrics are off or on their own port', () => {
  it('is not there without METRICS_TOKEN and METRICS_PORT', async () => {
    const bot = await startBot();
    try {
      expect((await fetch(`${bot.url}/metrics`)).status).toBe(404);
      expect(bot.app.metricsServer).toBeUndefined();
    } finally {
      await bot.close();
    }
  });

  it('serves METRICS_PORT without a token and nothing else there, while the main port has no /metrics', async () => {
    const bot = await startBot({ METRICS_PORT: '9464' });
    const server = bot.app.metricsServer!;
    try {
      server.listen(0, '127.0.0.1');
      await once(server, 'listening');
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const scraped = await fetch(`${url}/metrics`);
      expect(scraped.status).toBe(200);
      expect(await scraped.text()).toContain('# HELP tugibot_turns_total');
      expect((await fetch(`${url}/api/messages`)).status).toBe(404);
      expect((await fetch(`${bot.url}/metrics`)).status).toBe(404);
    } finally {
      server.close();
      await bot.close();
    }
  });
});
