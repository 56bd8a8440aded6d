import { BOT, CHANNEL_ID, KATI, TENANT, channelMention, installationUpdate, personalMessage, cardSubmit, executeInvoke } from '../support/activities.js';
import { startBot, textOf, cardOf, type Harness } from '../support/bot-harness.js';
import { CardSigner } from '../../src/shared/card-signer.js';
import { textReply } from '../../src/shared/messaging.js';

const APP_ID = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

describe('POST /api/messages in local mode', () => {
  let bot: Harness;
  let serviceUrl: string;
  beforeAll(async () => {
    bot = await startBot();
    serviceUrl = bot.connector.url;
  });
  afterAll(() => bot.close());

  it('answers "abi" with the Estonian help card and "help" with the English one', async () => {
    const [et] = await bot.ask(personalMessage(KATI, 'abi', { serviceUrl, locale: 'et-EE' }));
    expect(cardOf(et)).toBeDefined();
    expect(textOf(et)).toMatch(/Mida ma oskan/);
    expect(textOf(et)).toMatch(/\*\*abi\*\*: näitab seda käskude loendit/);
    const [en] = await bot.ask(personalMessage(KATI, 'Help', { serviceUrl, locale: 'en-US' }));
    expect(textOf(en)).toMatch(/What I can do/);
    expect(textOf(en)).toMatch(/\*\*help\*\*: shows this list of commands/);
  });

  it('strips the bot mention in a channel and answers there', async () => {
    const [reply] = await bot.ask(channelMention(KATI, 'abi', { serviceUrl }));
    expect(textOf(reply)).toMatch(/Kanalis mainige mind/);
  });

  it('refuses malformed JSON, a missing type and non-JSON bodies with a reason', async () => {
    const malformed = await bot.post('{"type": "message",');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ code: 'InvalidContent', message: expect.stringMatching(/Invalid JSON/) });
    const untyped = await bot.post({ text: 'hello' });
    expect(untyped.status).toBe(400);
    expect(untyped.body).toEqual({ code: 'BadRequest', message: 'The activity has no type.' });
    const notObject = await bot.post('[1,2]');
    expect(notObject.status).toBe(400);
    const form = await fetch(`${bot.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'type=message' });
    expect(form.status).toBe(415);
  });

  it('refuses a field of the wrong type with 400 naming it, never 500', async () => {
    const good = personalMessage(KATI, 'abi', { serviceUrl });
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ ...good, locale: 42 }, /locale/],
      [{ ...good, text: { a: 1 } }, /text/],
      [{ ...good, from: 'kati' }, /from/],
      [{ ...good, from: { id: 7, aadObjectId: KATI.aadObjectId } }, /from\.id/],
      [{ ...good, recipient: null }, /recipient/],
      [{ ...good, conversation: { id: ['x'] } }, /conversation\.id/],
      [{ ...good, channelData: { tenant: { id: 5 } } }, /channelData\.tenant\.id/],
      [{ ...good, entities: [{ type: 'mention', mentioned: 'bot' }] }, /entities\.0\.mentioned/],
      [{ ...good, attachments: 'none' }, /attachments/],
      [{ ...good, serviceUrl: 'file:///etc/passwd' }, /serviceUrl/],
      [{ ...good, serviceUrl: 12 }, /serviceUrl/],
      [{ ...good, replyToId: true }, /replyToId/],
      [{ ...good, type: ['message'] }, /no type/],
    ];
    for (const [activity, field] of cases) {
      const answer = await bot.post(activity);
      expect({ status: answer.status, field: String((answer.body as { message?: string }).message) }).toEqual({ status: 400, field: expect.stringMatching(field) });
    }
    // null stands for an absent field, as Teams sometimes sends it.
    const [reply] = await bot.ask({ ...good, locale: null, textFormat: null, entities: null });
    expect(textOf(reply)).toMatch(/Mida ma oskan/);
  });

  it('refuses an oversized body with 413', async () => {
    const answer = await bot.post(personalMessage(KATI, 'x'.repeat(300_000), { serviceUrl }));
    expect(answer.status).toBe(413);
    expect(answer.text).toMatch(/exceeds 262144/);
  });

  it('refuses an activity from a tenant that is not allowed', async () => {
    const answer = await bot.post(personalMessage(KATI, 'abi', { serviceUrl, tenant: '99999999-9999-4999-8999-999999999999' }));
    expect(answer.status).toBe(403);
    expect(answer.body).toEqual({ code: 'Forbidden', message: 'Tenant 99999999-9999-4999-8999-999999999999 is not allowed to use this bot.' });
  });

  it('welcomes on install and remembers the address for proactive messages', async () => {
    const answer = await bot.post(installationUpdate(KATI, { serviceUrl }));
    expect(answer.status).toBe(200);
    await bot.connector.waitFor(() => bot.connector.sends(`a:personal-${KATI.aadObjectId}`).length > 0);
    const [welcome] = bot.connector.sends(`a:personal-${KATI.aadObjectId}`);
    expect(String(welcome.body.text)).toMatch(/^Tere! Olen Sotsiaalkindlustusameti kasutajatoe robot/);

    await bot.post(installationUpdate(KATI, { serviceUrl, inChannel: true }));
    const channelWelcome = bot.connector.sends(CHANNEL_ID);
    expect(String(channelWelcome[0]?.body.text)).toMatch(/Siia kanalisse saadan teateid/);

    const conversations = bot.app.conversations;
    const personal = (await conversations.personalFor(KATI.aadObjectId));
    expect(personal).toMatchObject({ kind: 'personal', tenantId: TENANT, serviceUrl, bot: BOT, user: { aadObjectId: KATI.aadObjectId } });
    expect((await conversations.channel(CHANNEL_ID))).toMatchObject({ kind: 'channel', channelId: CHANNEL_ID, conversationId: CHANNEL_ID });
    const sent = await bot.app.messenger.send(personal!, textReply('proaktiivne'));
    expect(sent.messageId).toBeTruthy();
  });

  it('refuses a card whose data was tampered with, and says so', async () => {
    const signer = new CardSigner('test-secret-test-secret-test-secret');
    const data = signer.sign('help.nothing', { caseId: 'TUGI-2026-00001' });
    const tampered = { ...data, args: { caseId: 'TUGI-2026-00002' } };
    const [reply] = await bot.ask(cardSubmit(KATI, tampered, {}, { serviceUrl }));
    expect(textOf(reply)).toMatch(/Selle kaardi andmed ei ühti nendega, mille ma saatsin/);
    const [invoke] = await bot.ask(executeInvoke(KATI, { ...data, sig: 'forged' }, {}, { serviceUrl, locale: 'en-US' }));
    expect(textOf(invoke)).toMatch(/The data on this card does not match what I sent/);
  });

  it('answers a correctly signed but unknown button clearly', async () => {
    const signer = new CardSigner('test-secret-test-secret-test-secret');
    const [reply] = await bot.ask(cardSubmit(KATI, signer.sign('nobody.listens'), {}, { serviceUrl, locale: 'en-US' }));
    expect(textOf(reply)).toBe('I do not recognise that button. Please try again or type "help".');
  });

  it('turns a failing handler into an apology with a reference id', async () => {
    bot.app.router.command({ key: 'test.boom', names: { et: ['kaboom'], en: ['kaboom'] }, help: { et: 'x', en: 'x' } }, async () => {
      throw new Error('database exploded with 39001010004 inside');
    });
    const [reply] = await bot.ask(personalMessage(KATI, 'kaboom', { serviceUrl }));
    expect(textOf(reply)).toMatch(/^Vabandust, midagi läks valesti .* viitenumber [0-9A-F]{8}\.$/);
    expect(textOf(reply)).not.toMatch(/database/);
  });

  it('shows the typing indicator while slow work runs, and not for quick answers', async () => {
    bot.app.router.command({ key: 'test.slow', names: { et: ['aeglane'], en: ['slow'] }, help: { et: 'x', en: 'x' } }, async (_message, tools) => {
      await new Promise((resolve) => setTimeout(resolve, 700));
      await tools.reply('valmis');
    });
    const slow = await bot.post({ ...personalMessage(KATI, 'aeglane', { serviceUrl }), deliveryMode: 'expectReplies' });
    expect((slow.body as { activities: Array<{ type: string; text?: string }> }).activities.map((activity) => activity.type)).toEqual(['typing', 'message']);
    const quick = await bot.post({ ...personalMessage(KATI, 'abi', { serviceUrl }), deliveryMode: 'expectReplies' });
    expect((quick.body as { activities: Array<{ type: string }> }).activities.map((activity) => activity.type)).toEqual(['message']);
  });

  it('reports liveness and readiness', async () => {
    expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${bot.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { store: true } });
  });
});

describe('POST /api/messages with credentials', () => {
  let bot: Harness;
  beforeAll(async () => {
    bot = await startBot({ MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'secret', MicrosoftAppTenantId: TENANT });
  });
  afterAll(() => bot.close());

  it('refuses a request without a token with 401', async () => {
    const answer = await bot.post(personalMessage(KATI, 'abi', { serviceUrl: bot.connector.url }));
    expect(answer.status).toBe(401);
    expect(answer.body).toEqual({ code: 'Unauthorized', message: 'A Bot Framework token is required (Authorization: Bearer ...).' });
  });

  it('refuses a forged token with 401', async () => {
    const forged = `Bearer ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"aud":"x"}').toString('base64url')}.`;
    const answer = await bot.post(personalMessage(KATI, 'abi', { serviceUrl: bot.connector.url }), { authorization: forged });
    expect(answer.status).toBe(401);
    expect(answer.body).toMatchObject({ message: 'The Bot Framework token is not valid for this bot.' });
  });
});
