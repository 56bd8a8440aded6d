import { request } from 'node:http';
import { KATI, SIIM, TENANT, cardSubmit, personalMessage } from '../support/activities.js';
import { startBot, type Harness } from '../support/bot-harness.js';
import { gzipBomb } from '../support/fuzz-run.js';
import { FakeBotFrameworkIssuer, FakeIdentityEndpoint } from '../support/fake-identity.js';
import { CardSigner } from '../../src/shared/card-signer.js';
import { signIncident } from '../../src/http/incident-signature.js';
import { jsonDepth } from '../../src/http/read-body.js';

const APP_ID = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const SECRET = 'hostile-webhook-secret-000000';
const TOKEN = 'hostile-alertmanager-token-0000';

interface Raw {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A raw POST (node:http, so the body and its headers go exactly as given). */
function rawPost(url: string, path: string, body: Buffer | string, headers: Record<string, string>): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => { text += chunk.toString(); });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('compressed and oversized bodies', () => {
  let bot: Harness;
  beforeAll(async () => {
    bot = await startBot({ INCIDENT_WEBHOOK_SECRET: SECRET, ALERTMANAGER_TOKEN: TOKEN });
  });
  afterAll(() => bot.close());

  it('refuses a gzip bomb on every endpoint with 415, without inflating it', async () => {
    const body = await gzipBomb(200);
    expect(body.length).toBeLessThan(300_000);
    const before = process.memoryUsage().rss;
    const now = String(Math.floor(Date.now() / 1000));
    const calls = [
      rawPost(bot.url, '/api/messages', body, { 'content-encoding': 'gzip' }),
      rawPost(bot.url, '/api/alerts/alertmanager', body, { 'content-encoding': 'gzip', authorization: `Bearer ${TOKEN}` }),
      rawPost(bot.url, '/api/incidents', body, { 'content-encoding': 'gzip', 'x-tugibot-timestamp': now, 'x-tugibot-signature': signIncident(SECRET, now, 'x') }),
      rawPost(bot.url, '/api/messages', body, { 'content-encoding': 'deflate, gzip' }),
      rawPost(bot.url, '/api/messages', body, { 'content-encoding': 'br' }),
    ];
    for (const answer of await Promise.all(calls)) {
      expect(answer.status).toBe(415);
      expect(answer.headers['accept-encoding']).toBe('identity');
      expect(JSON.parse(answer.body)).toMatchObject({ code: 'UnsupportedContentEncoding' });
    }
    expect(process.memoryUsage().rss - before).toBeLessThan(100_000_000);
  });

  it('accepts "Content-Encoding: identity"', async () => {
    const activity = personalMessage(KATI, 'abi', { serviceUrl: bot.connector.url, expectReplies: true });
    const answer = await rawPost(bot.url, '/api/messages', JSON.stringify(activity), { 'content-encoding': 'identity' });
    expect(answer.status).toBe(200);
  });

  it('holds the limit on the bytes received, with or without Content-Length', async () => {
    const big = JSON.stringify(personalMessage(KATI, 'x'.repeat(300_000), { serviceUrl: bot.connector.url }));
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      for (let index = 0; index < big.length; index += 10_000) req.write(big.slice(index, index + 10_000));
      req.end();
    });
    expect(chunked).toBe(413);
    const now = String(Math.floor(Date.now() / 1000));
    const incident = await rawPost(bot.url, '/api/incidents', 'x'.repeat(70_000), { 'x-tugibot-timestamp': now, 'x-tugibot-signature': `sha256=${'0'.repeat(64)}` });
    expect(incident.status).toBe(413);
  });

  it('refuses junk that is not JSON with 400: bad UTF-8, absurd nesting, an empty body', async () => {
    const badUtf8 = await rawPost(bot.url, '/api/messages', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), {});
    expect(badUtf8.status).toBe(400);
    expect(JSON.parse(badUtf8.body).message).toMatch(/UTF-8/);
    const deep = await rawPost(bot.url, '/api/messages', `{"type":"message","value":${'['.repeat(5000)}${']'.repeat(5000)}}`, {});
    expect(deep.status).toBe(400);
    expect(JSON.parse(deep.body).message).toMatch(/nested deeper than 64/);
    const empty = await rawPost(bot.url, '/api/messages', '', {});
    expect(empty.status).toBe(400);
  });

  it('counts nesting outside strings only', () => {
    expect(jsonDepth('{"a":"[[[[{{{{","b":[1,{"c":"\\"]"}]}')).toBe(3);
  });
});

describe('an unauthenticated caller costs next to nothing', () => {
  const issuer = new FakeBotFrameworkIssuer();
  let bot: Harness;
  beforeAll(async () => {
    await issuer.start();
    bot = await startBot({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: '5f0c7a2e-1b3d-4e6f-8a9b-0c1d2e3f4a5b', BotOpenIdMetadata: issuer.metadataUrl, ALERTMANAGER_TOKEN: TOKEN, INCIDENT_WEBHOOK_SECRET: SECRET });
  });
  afterAll(async () => {
    await bot.close();
    await issuer.stop();
  });

  /**
   * Sends the headers and a first slice of a large body, and waits for the answer without sending
   * the rest.
   */
  function answerBeforeBody(path: string, headers: Record<string, string>): Promise<number> {
    return new Promise((resolve, reject) => {
      const req = request(`${bot.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'content-length': '200000', ...headers } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
        req.destroy();
      });
      req.on('error', () => undefined);
      req.write('{"type":"message",');
      setTimeout(() => {
        req.destroy();
        reject(new Error('no answer before the body was sent'));
      }, 3000).unref();
    });
  }

  it('answers 401 on the headers alone: no token, a junk token, a wrong bearer, no signature', async () => {
    const junk = `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(`{"aud":"${APP_ID}"}`).toString('base64url')}.`;
    const expired = `Bearer ${Buffer.from('{"alg":"RS256"}').toString('base64url')}.${Buffer.from(JSON.stringify({ aud: APP_ID, exp: 1000 })).toString('base64url')}.c2ln`;
    expect(await answerBeforeBody('/api/messages', {})).toBe(401);
    expect(await answerBeforeBody('/api/messages', { authorization: junk })).toBe(401);
    expect(await answerBeforeBody('/api/messages', { authorization: expired })).toBe(401);
    expect(await answerBeforeBody('/api/alerts/alertmanager', { authorization: 'Bearer wrong' })).toBe(401);
    expect(await answerBeforeBody('/api/incidents', {})).toBe(401);
    expect(await answerBeforeBody('/api/incidents', { 'x-tugibot-timestamp': '1000', 'x-tugibot-signature': 'sha256=00' })).toBe(401);
  });

  it('checks the signature before the body: a forged or unsigned token with a large body is refused unread', async () => {
    const serviceUrl = bot.connector.url;
    const plausible = `Bearer ${Buffer.from(JSON.stringify({ alg: 'RS256', kid: issuer.kid })).toString('base64url')}.${Buffer.from(JSON.stringify({ aud: APP_ID, exp: Math.floor(Date.now() / 1000) + 600, iss: 'https://api.botframework.com' })).toString('base64url')}.c2ln`;
    // Shaped right, for this bot, not expired: only the signature (or the issuer) gives them away.
    expect(await answerBeforeBody('/api/messages', { authorization: issuer.authorization(APP_ID, { serviceUrl, forged: true }) })).toBe(401);
    expect(await answerBeforeBody('/api/messages', { authorization: plausible })).toBe(401);
    expect(await answerBeforeBody('/api/messages', { authorization: issuer.authorization(APP_ID, { serviceUrl, issuer: 'https://evil.example' }) })).toBe(401);
    // A correctly signed token is let in: the server waits for the body instead of answering.
    const signed = answerBeforeBody('/api/messages', { authorization: issuer.authorization(APP_ID, { serviceUrl }) });
    await expect(signed).rejects.toThrow('no answer before the body was sent');
  });

  it('serves a correctly signed activity, and runs the checks that need the activity once it is read', async () => {
    const serviceUrl = bot.connector.url;
    const activity = personalMessage(KATI, 'abi', { serviceUrl, expectReplies: true });
    const served = await bot.post(activity, { authorization: issuer.authorization(APP_ID, { serviceUrl }) });
    expect(served.status).toBe(200);
    // Signed, but for another service URL (a real token replayed with the activity changed): 401.
    const elsewhere = await bot.post(activity, { authorization: issuer.authorization(APP_ID, { serviceUrl: 'https://smba.trafficmanager.net/emea/' }) });
    expect(elsewhere.status).toBe(401);
    // The keys are fetched once (metadata + key set) and then served from botbuilder's cache.
    expect(issuer.fetches).toBe(2);
  });
});

describe('junk in correctly signed activities', () => {
  const issuer = new FakeBotFrameworkIssuer();
  const identity = new FakeIdentityEndpoint();
  const MSI_APP = 'f1e2d3c4-0000-4000-8000-00000000f023';
  let bot: Harness;
  beforeAll(async () => {
    await issuer.start();
    await identity.start();
    bot = await startBot({ MicrosoftAppId: MSI_APP, MicrosoftAppType: 'UserAssignedMSI', MicrosoftAppTenantId: TENANT, BotOpenIdMetadata: issuer.metadataUrl, IDENTITY_ENDPOINT: identity.url, IDENTITY_HEADER: identity.header });
  });
  afterAll(async () => {
    await bot.close();
    await issuer.stop();
    await identity.stop();
    for (const name of ['IDENTITY_ENDPOINT', 'IDENTITY_HEADER']) Reflect.deleteProperty(process.env, name);
  });

 // Teams asks for replies in the answer on messages; an invoke's answer is its invoke response.
  const signed = (activity: Record<string, unknown>) => bot.post({ ...(activity.type === 'invoke' ? {} : { deliveryMode: 'expectReplies' }), ...activity }, { authorization: issuer.authorization(MSI_APP, { serviceUrl: bot.connector.url }) });

  it('answers 400 naming what is missing or wrong, never a handler crash', async () => {
    const serviceUrl = bot.connector.url;
    const message = personalMessage(KATI, 'abi', { serviceUrl });
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...message, entities: [{ type: 'mention', text: '<at>Tugibot</at>' }] }, /entities\.0\.mentioned\.id: a mention must name who is mentioned/],
      [{ ...message, entities: [{ type: 'mention', mentioned: { id: '28:x' } }] }, /entities\.0\.text: a mention must carry its text/],
      [{ ...message, text: undefined, entities: [{ type: 'mention', text: '<at>x</at>', mentioned: { id: '28:x' } }] }, /text: a message with mentions must have text/],
      [{ ...message, conversation: { conversationType: 'personal' } }, /conversation\.id/],
      [{ ...message, from: { name: 'Kati' } }, /from\.id/],
      [{ ...message, type: 'invoke' }, /name: an invoke must be named/],
      [{ ...message, type: 'invoke', name: 'adaptiveCard/action', value: 'x' }, /value\.action: an Action\.Execute invoke must carry its action/],
      [{ ...message, type: 'invoke', name: 'fileConsent/invoke', value: { action: 1 } }, /value\.action: a file consent answer must be accept or decline/],
      [{ ...message, type: 'installationUpdate' }, /action: an installation update must say add or remove/],
    ];
    for (const [activity, reason] of cases) {
      const answer = await signed(activity);
      expect({ status: answer.status, message: (answer.body as { message?: string }).message }).toEqual({ status: 400, message: expect.stringMatching(reason) });
    }
  });

  it('ignores activity types it does not handle (200, nothing said) and answers unsupported invokes 501', async () => {
    const serviceUrl = bot.connector.url;
    const message = personalMessage(KATI, 'abi', { serviceUrl });
    for (const type of ['messageReaction', 'typing', 'event', 'endOfConversation', 'messageUpdate', 'somethingNew']) {
      const answer = await signed({ ...message, type });
      expect({ type, status: answer.status, replies: (answer.body as { activities?: unknown[] } | undefined)?.activities ?? [] }).toEqual({ type, status: 200, replies: [] });
    }
    for (const name of ['composeExtension/query', 'task/fetch', 'signin/verifyState']) {
      const answer = await signed({ ...message, type: 'invoke', name, value: {} });
      expect({ name, status: answer.status }).toEqual({ name, status: 501 });
    }
  });
});

describe('a card clicked after its message is gone', () => {
  let bot: Harness;
  beforeAll(async () => {
    bot = await startBot();
  });
  afterAll(() => bot.close());

  it('sends the replacement card as a new message instead of the apology', async () => {
    const signer = new CardSigner('test-secret-test-secret-test-secret');
    const click = cardSubmit(SIIM, signer.sign('incidents.cancel', { draftId: 'gone' }), {}, { serviceUrl: bot.connector.url, replyToId: 'no-such-message' });
    const replies = await bot.ask(click);
    expect(replies.map((reply) => reply.text ?? '').join(' ')).not.toMatch(/Vabandust|Sorry/);
    // The cancelled draft's decided card ("Teadet ei saadetud."), which could not replace the gone one.
    expect(replies.map((reply) => reply.text)).toEqual(['Teadet ei saadetud.']);
    expect(bot.connector.calls.filter((call) => call.kind === 'update').map((call) => call.status)).toEqual([404]);
  });
});
