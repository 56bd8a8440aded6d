import { Writable } from 'node:stream';
import { KATI, personalMessage } from '../support/activities.js';
import { startBot, textOf, type Harness } from '../support/bot-harness.js';
import { createLogger } from '../../src/shared/logger.js';

const APP_ID = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const TENANT = '5f0c7a2e-1b3d-4e6f-8a9b-0c1d2e3f4a5b';

/** A real pino logger writing JSON lines into memory. */
function capturedLogger() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger('debug', stream), lines };
}

async function askWithHeaders(bot: Harness, activity: Record<string, unknown>) {
  const response = await fetch(`${bot.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...activity, deliveryMode: 'expectReplies' }),
  });
  const body = (await response.json()) as { activities: Array<Record<string, unknown>> };
  return { requestId: response.headers.get('x-request-id'), replies: body.activities.filter((reply) => reply.type !== 'typing') };
}

describe('request ids in logs and apologies', () => {
  let bot: Harness;
  const captured = capturedLogger();
  beforeAll(async () => {
    bot = await startBot({ LOG_LEVEL: 'debug' }, { logger: captured.logger });
    // A command that fails like a bug would, after logging through both the app's logger and the turn's.
    bot.app.router.command({ key: 'test.fail', names: { et: ['kukuta'], en: ['crash'] }, help: { et: 'kukutab', en: 'crashes' } }, async (message, tools) => {
      bot.app.logger.info({ step: 'feature' }, 'about to fail');
      tools.log?.info({ step: 'handler' }, 'handler log');
      await new Promise((resolve) => setTimeout(resolve, 20));
      throw new Error(`boom ${message.id}`);
    });
  });
  afterAll(() => bot.close());

  it('quotes the request id in the apology, answers it in X-Request-Id, and every line of the turn carries it', async () => {
    const from = captured.lines.length;
    const { requestId, replies } = await askWithHeaders(bot, personalMessage(KATI, 'kukuta', { serviceUrl: bot.connector.url }));
    expect(requestId).toMatch(/^[0-9A-F]{8}$/);
    expect(textOf(replies[0])).toContain(`viitenumber ${requestId}.`);
    const turn = captured.lines.slice(from);
    expect(turn.map((line) => line.msg)).toEqual(expect.arrayContaining(['about to fail', 'handler log', 'turn failed']));
    for (const line of turn) expect(line).toMatchObject({ reqId: requestId });
    expect(turn.find((line) => line.msg === 'turn failed')).toMatchObject({ ref: requestId, activityId: expect.any(String) });
  });

  it('keeps two turns running at the same time apart', async () => {
    const from = captured.lines.length;
    const [one, two] = await Promise.all([
      askWithHeaders(bot, { ...personalMessage(KATI, 'kukuta', { serviceUrl: bot.connector.url }), id: 'activity-one' }),
      askWithHeaders(bot, { ...personalMessage(KATI, 'crash', { serviceUrl: bot.connector.url, locale: 'en-US' }), id: 'activity-two' }),
    ]);
    expect(one.requestId).not.toBe(two.requestId);
    const failed = captured.lines.slice(from).filter((line) => line.msg === 'turn failed');
    expect(failed).toHaveLength(2);
    expect(failed.find((line) => line.activityId === 'activity-one')).toMatchObject({ reqId: one.requestId });
    expect(failed.find((line) => line.activityId === 'activity-two')).toMatchObject({ reqId: two.requestId });
    expect(textOf(two.replies[0])).toContain(`reference ${two.requestId}.`);
  });

  it('carries the id on lines the HTTP layer and the webhooks write when they refuse a call', async () => {
    const strict = capturedLogger();
    const secured = await startBot({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: TENANT, INCIDENT_WEBHOOK_SECRET: 'webhook-secret-webhook-secret' }, { logger: strict.logger });
    try {
      const response = await fetch(`${secured.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(personalMessage(KATI, 'abi', { serviceUrl: secured.connector.url })) });
      expect(response.status).toBe(401);
      const refused = strict.lines.find((line) => String(line.msg).startsWith('refused an activity'));
      expect(refused).toMatchObject({ reqId: response.headers.get('x-request-id') });
      const webhook = await fetch(`${secured.url}/api/incidents`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"ref":"x"}' });
      expect(webhook.status).toBe(401);
      const unsigned = strict.lines.find((line) => String(line.msg).startsWith('refused an unsigned or badly signed incident'));
      expect(unsigned).toMatchObject({ reqId: webhook.headers.get('x-request-id') });
      expect(webhook.headers.get('x-request-id')).not.toBe(response.headers.get('x-request-id'));
    } finally {
      await secured.close();
    }
  });
});
