import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { buildApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { GraphDirectory } from '../../src/features/directory/index.js';
import { warningDue } from '../../src/features/credentials/index.js';
import { ManualClock } from '../../src/shared/clock.js';
import { createLogger } from '../../src/shared/logger.js';
import type { ConversationAddress, Messenger, Reply } from '../../src/shared/messaging.js';
import { startBot, type Harness } from '../support/bot-harness.js';
import { CHANNEL_ID, SIIM, TENANT, TEAM_ID, channelMention } from '../support/activities.js';

const APP_ID = 'f6f6f6f6-0000-4000-8000-000000000006';

describe('warningDue', () => {
  const expires = new Date('2027-01-31T10:00:00Z');
  const at = (iso: string) => new Date(iso);
  it('warns 30, 14, 7 and 1 days before and once expired, each once', () => {
    expect(warningDue(expires, at('2026-12-31T09:00:00Z'), [])).toBeUndefined();
    expect(warningDue(expires, at('2027-01-01T10:00:00Z'), [])).toMatchObject({ threshold: 30, days: 30 });
    expect(warningDue(expires, at('2027-01-02T10:00:00Z'), [30])).toBeUndefined();
    expect(warningDue(expires, at('2027-01-17T10:00:00Z'), [30])).toMatchObject({ threshold: 14 });
    expect(warningDue(expires, at('2027-01-30T11:00:00Z'), [30, 14, 7])).toMatchObject({ threshold: 1, days: 1 });
    expect(warningDue(expires, at('2027-02-01T00:00:00Z'), [30, 14, 7, 1])).toMatchObject({ threshold: 0, days: 0 });
  });
  it('warns once, not three times, when it first learns of it 5 days before', () => {
    expect(warningDue(expires, at('2027-01-26T10:00:00Z'), [])).toEqual({ threshold: 7, days: 5, covers: [30, 14, 7] });
  });
});

describe('the expiry warning from MicrosoftAppPasswordExpiresOn, with the clock moved', () => {
  let bot: Harness;
  const clock = new ManualClock('2026-12-07T08:00:00Z');
  const env = { MicrosoftAppPasswordExpiresOn: '2027-01-05', TUGIBOT_NOW: '2026-12-07T08:00:00Z' };
  const warnings = () => bot.connector.ofKind('create').filter((call) => JSON.stringify(call.body).includes('kliendisaladus'));

  beforeAll(async () => {
    bot = await startBot(env, { clock });
    await bot.ask(channelMention(SIIM, 'abi', { serviceUrl: bot.connector.url }));
  });
  afterAll(async () => {
    await bot.close();
    await bot.connector.stop();
  });

  it('warns the specialists channel 30 days before, once, and shows it in /readyz', async () => {
    await bot.app.scheduler.tick();
    await bot.app.scheduler.tick();
    expect(warnings()).toHaveLength(1);
    expect(JSON.stringify(warnings()[0].body)).toContain('**29 päeva pärast** (05.01.2027)');
    expect(bot.app.credentialExpiry()?.toISOString()).toBe('2027-01-05T00:00:00.000Z');
    const ready = (await (await fetch(`${bot.url}/readyz`)).json()) as { details: { credentials: unknown } };
    expect(ready.details.credentials).toEqual({ source: 'setting', expiresOn: '2027-01-05T00:00:00.000Z', daysLeft: 29 });
  });

  it('does not warn again after a restart, and warns at 14 days when the clock moves on', async () => {
    const { connector, dataDir } = bot;
    await bot.close(true);
    bot = await startBot(env, { clock }, { dataDir, connector });
    await bot.app.scheduler.tick();
    expect(warnings()).toHaveLength(1);
    clock.set('2026-12-23T08:00:00Z');
    await bot.app.scheduler.tick();
    await bot.app.scheduler.tick();
    expect(warnings()).toHaveLength(2);
    expect(JSON.stringify(warnings()[1].body)).toContain('**13 päeva pärast**');
  });
});

/** A fake Graph on loopback with the bot's app registration, or 403 when not granted. */
function fakeGraph(granted: () => boolean): Server {
  return createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const json = (status: number, body: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
    if (path !== `/v1.0/applications(appId='${APP_ID}')`) return json(404, { error: { code: 'Request_ResourceNotFound' } });
    if (!granted()) return json(403, { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges' } });
    return json(200, {
      passwordCredentials: [
        { keyId: 'old', hint: 'Qx7', endDateTime: '2026-12-10T00:00:00Z' },
        { keyId: 'mine', hint: 'abc', endDateTime: '2026-12-14T12:00:00Z' },
      ],
      keyCredentials: [],
    });
  });
}

describe('the expiry from Graph (Application.Read.All) on a fake Graph', () => {
  let granted = true;
  const graph = fakeGraph(() => granted);
  const dataDir = mkdtempSync(join(tmpdir(), 'tugibot-cred-'));
  const posts: Array<{ channel: ConversationAddress; reply: Reply }> = [];
  const messenger = {
    postToChannel: async (channel: ConversationAddress, reply: Reply) => {
      if (JSON.stringify(reply).includes('kliendisaladus')) posts.push({ channel, reply });
      return { address: channel, messageId: '1' };
    },
  } as unknown as Messenger;
  let graphUrl = '';
  const logLines: string[] = [];

  beforeAll(async () => {
    await new Promise<void>((resolve) => graph.listen(0, '127.0.0.1', resolve));
    graphUrl = `http://127.0.0.1:${(graph.address() as AddressInfo).port}/v1.0`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => graph.close(() => resolve()));
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function start(extra: Record<string, string>): Promise<App> {
    const config = loadConfig({
      MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'abcdefSecretValue', MicrosoftAppTenantId: TENANT, DIRECTORY_FILE: 'test/fixtures/directory.json',
      DATA_DIR: dataDir, SPECIALISTS_CHANNEL_ID: CHANNEL_ID, CARD_SIGNING_SECRET: 'test-secret-test-secret-test-secret', ...extra,
    });
    const logs = new PassThrough();
    logs.on('data', (chunk: Buffer) => logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
    const client = new GraphDirectory({ baseUrl: graphUrl, tokens: { token: async () => 'token' }, maxRetries: 0 });
    const app = await buildApp(config, { clock: new ManualClock('2026-12-07T08:00:00Z'), messenger, logger: createLogger('info', logs), graph: (path) => client.get(path) });
    await app.conversations.save({ channel: 'msteams', serviceUrl: 'http://127.0.0.1:9/', tenantId: TENANT, conversationId: CHANNEL_ID, kind: 'channel', teamId: TEAM_ID, channelId: CHANNEL_ID, bot: { id: '28:bot' } });
    return app;
  }

  it('takes the secret whose hint matches the bot\'s password and warns 7 days before', async () => {
    const app = await start({});
    await app.scheduler.tick();
    await app.close();
    expect(app.credentialExpiry()?.toISOString()).toBe('2026-12-14T12:00:00.000Z');
    expect(posts).toHaveLength(1);
    expect(posts[0].reply).toMatchObject({ kind: 'text' });
    expect(JSON.stringify(posts[0].reply)).toContain('**8 päeva pärast** (14.12.2026)');
  });

  it('without the permission it uses MicrosoftAppPasswordExpiresOn, and without that says once that it cannot tell', async () => {
    granted = false;
    const withSetting = await start({ MicrosoftAppPasswordExpiresOn: '2027-03-01' });
    await withSetting.scheduler.tick();
    await withSetting.close();
    expect(withSetting.credentialExpiry()?.toISOString()).toBe('2027-03-01T00:00:00.000Z');

    logLines.length = 0;
    const blind = await start({});
    await blind.scheduler.tick();
    await blind.scheduler.tick();
    await blind.close();
    expect(blind.credentialExpiry()).toBeUndefined();
    expect(logLines.filter((line) => line.includes('cannot tell when the bot\'s client secret expires'))).toHaveLength(1);
  });
});
