import { BotMessenger, TeamsEdge } from '../../src/teams/index.js';
import { loadConfig } from '../../src/config.js';
import { MessengerError, textReply, type ConversationAddress } from '../../src/shared/messaging.js';
import { FakeConnector } from '../support/fake-connector.js';
import { BOT, CHANNEL_ID, KATI, TENANT } from '../support/activities.js';

describe('BotMessenger against a Teams-like connector', () => {
  const connector = new FakeConnector();
  let messenger: BotMessenger;
  let channel: ConversationAddress;
  let personal: ConversationAddress;

  beforeAll(async () => {
    const serviceUrl = await connector.start();
    const edge = new TeamsEdge(loadConfig({ LOG_LEVEL: 'silent' }));
    messenger = new BotMessenger(edge.adapter, '');
    channel = { channel: 'msteams', serviceUrl, conversationId: CHANNEL_ID, channelId: CHANNEL_ID, kind: 'channel', tenantId: TENANT, bot: BOT };
    personal = { channel: 'msteams', serviceUrl, conversationId: `a:personal-${KATI.aadObjectId}`, kind: 'personal', tenantId: TENANT, bot: BOT };
  });
  afterAll(() => connector.stop());

  it('sends, updates and deletes a message', async () => {
    const { messageId } = await messenger.send(personal, textReply('esimene'));
    expect(messageId).toBeTruthy();
    await messenger.update(personal, messageId!, textReply('muudetud'));
    expect(connector.message(personal.conversationId, messageId!)).toMatchObject({ text: 'muudetud' });
    await messenger.delete(personal, messageId!);
    expect(connector.message(personal.conversationId, messageId!)).toBeUndefined();
  });

  it('starts a new thread in a channel and can update its root card', async () => {
    const thread = await messenger.postToChannel(channel, textReply('uus pöördumine'));
    expect(thread.address.conversationId).toBe(`${CHANNEL_ID};messageid=${thread.messageId}`);
    await messenger.update(thread.address, thread.messageId, textReply('võetud'));
    expect(connector.message(thread.address.conversationId, thread.messageId)).toMatchObject({ text: 'võetud' });
    await messenger.send(thread.address, textReply('vastus lõimes'));
    expect(connector.sends(thread.address.conversationId).length).toBeGreaterThanOrEqual(1);
  });

  it('opens a personal chat with a user by Entra object id', async () => {
    const address = await messenger.openPersonalChat({ aadObjectId: KATI.aadObjectId, tenantId: TENANT }, channel);
    expect(address).toMatchObject({ kind: 'personal', tenantId: TENANT, user: { aadObjectId: KATI.aadObjectId } });
    expect(address.conversationId).toBe(`a:personal-${KATI.aadObjectId}`);
  });

  it('surfaces Teams errors with status and code', async () => {
    connector.fail({ status: 429, code: 'Throttled', times: 1 });
    const throttled = await messenger.send(personal, textReply('x')).catch((error: unknown) => error);
    expect(throttled).toBeInstanceOf(MessengerError);
    expect(throttled).toMatchObject({ status: 429, isRetryable: true });

    connector.block('a:blocked');
    const blocked = await messenger.send({ ...personal, conversationId: 'a:blocked' }, textReply('x')).catch((error: unknown) => error);
    expect(blocked).toMatchObject({ status: 403, code: 'ConversationBlockedByUser', isGone: true, isRetryable: false });

    const missing = await messenger.update(personal, 'no-such-id', textReply('x')).catch((error: unknown) => error);
    expect(missing).toMatchObject({ status: 404, code: 'ActivityNotFoundInConversation', isGone: true });
  });

  it('lets the SDK retry a 429 that carries Retry-After', async () => {
    connector.fail({ status: 429, code: 'Throttled', retryAfter: 0, times: 1 });
    const sent = await messenger.send(personal, textReply('later'));
    expect(sent.messageId).toBeTruthy();
  });
});
