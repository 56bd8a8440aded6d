import {
  buildInstallationUpdate,
  buildMessage,
  createIdSource,
  personalConversationId,
  placeOfConversation,
} from '../../../scripts/chat/activities.js';
import { handleLine } from '../../../scripts/chat/commands.js';
import { CHANNEL, KATI, MARI, sessionRig } from './fixtures.js';

describe('activities for a personal chat', () => {
  it('carry what Teams sends: tenant, aadObjectId, ids, locale, expectReplies and the client\'s connector as serviceUrl', async () => {
    const rig = sessionRig();
    await rig.session.start();
    await handleLine(rig.session, 'abi');
    const [install, message] = rig.sent;
    const tenant = rig.session.tenantId;

    expect(install).toMatchObject({ type: 'installationUpdate', action: 'add' });
    expect(message).toMatchObject({
      type: 'message',
      text: 'abi',
      channelId: 'msteams',
      serviceUrl: 'http://127.0.0.1:45678/',
      from: { id: `29:${KATI}`, aadObjectId: KATI, name: 'Kati Kasutaja' },
      recipient: { id: '28:tugibot-local', name: 'Tugibot' },
      conversation: { id: personalConversationId(KATI), conversationType: 'personal', tenantId: tenant },
      channelData: { tenant: { id: tenant } },
      locale: 'et-EE',
      deliveryMode: 'expectReplies',
    });
    expect(message.entities).toBeUndefined();
    expect(message.id).not.toBe(install.id);
    expect(Date.parse(message.timestamp ?? '')).not.toBeNaN();
  });

  it('switch identity and language with /user and /locale, introducing the new person\'s chat once', async () => {
    const rig = sessionRig();
    await rig.session.start();
    await handleLine(rig.session, `/user ${MARI} Mari Maasikas`);
    await handleLine(rig.session, '/locale en');
    await handleLine(rig.session, 'help');
    await handleLine(rig.session, `/user ${MARI}`);
    await handleLine(rig.session, 'help');
    expect(rig.sent.map((activity) => `${activity.type}:${activity.conversation?.id}`)).toEqual([
      `installationUpdate:${personalConversationId(KATI)}`,
      `installationUpdate:${personalConversationId(MARI)}`,
      `message:${personalConversationId(MARI)}`,
      `message:${personalConversationId(MARI)}`,
    ]);
    expect(rig.sent.at(-1)).toMatchObject({ locale: 'en-US', from: { aadObjectId: MARI, name: 'Mari Maasikas' } });
    expect(rig.output()).toContain('Language: en-US.');
  });
});

describe('activities in a team channel', () => {
  const speaker = { identity: { aadObjectId: MARI, name: 'Mari Maasikas' }, tenantId: 't', locale: 'et-EE', serviceUrl: 'http://127.0.0.1:1/' };
  const place = { kind: 'channel' as const, channelId: CHANNEL, teamId: '19:team@thread.tacv2' };

  it('@mention the bot with a mention entity, and carry the team and channel', () => {
    const message = buildMessage(speaker, place, '1700000000005', 'pöördumised');
    expect(message).toMatchObject({
      text: '<at>Tugibot</at> pöördumised',
      entities: [{ type: 'mention', text: '<at>Tugibot</at>', mentioned: { id: '28:tugibot-local', name: 'Tugibot' } }],
      conversation: { id: `${CHANNEL};messageid=1700000000005`, conversationType: 'channel', isGroup: true, tenantId: 't' },
      channelData: { team: { id: '19:team@thread.tacv2' }, channel: { id: CHANNEL }, tenant: { id: 't' } },
      deliveryMode: 'expectReplies',
      serviceUrl: 'http://127.0.0.1:1/',
    });
  });

  it('reply inside a chosen thread, and install into the channel itself', () => {
    expect(buildMessage(speaker, { ...place, threadRootId: '42' }, '43', 'tere').conversation?.id).toBe(`${CHANNEL};messageid=42`);
    expect(buildInstallationUpdate(speaker, place, '44').conversation?.id).toBe(CHANNEL);
  });

  it('follow --channel and /thread in a session', async () => {
    const rig = sessionRig(['--channel', CHANNEL]);
    await rig.session.start();
    rig.presenter.showConnectorEvent({ kind: 'thread', channelId: CHANNEL, conversationId: `${CHANNEL};messageid=77`, id: '77', activity: { type: 'message', text: 'Uus pöördumine TUGI-2026-00042' } });
    const root = rig.book.byWireId('77')!;
    await handleLine(rig.session, `/thread ${root.no}`);
    await handleLine(rig.session, 'Võtan selle.');
    expect(rig.sent[0]).toMatchObject({ type: 'installationUpdate', conversation: { id: CHANNEL, conversationType: 'channel' }, channelData: { team: { id: CHANNEL } } });
    expect(rig.sent[1]).toMatchObject({ text: '<at>Tugibot</at> Võtan selle.', conversation: { id: `${CHANNEL};messageid=77` } });
    expect(rig.session.prompt()).toBe(`Kati Kasutaja @ ${CHANNEL} #${root.no}> `);
  });
});

describe('ids and places', () => {
  it('makes growing numeric ids and reads places back from conversation ids', () => {
    const next = createIdSource();
    const [a, b] = [next(), next()];
    expect(Number(b)).toBeGreaterThan(Number(a));
    expect(placeOfConversation(`${CHANNEL};messageid=5`, () => 'team')).toEqual({ kind: 'channel', channelId: CHANNEL, teamId: 'team', threadRootId: '5' });
    expect(placeOfConversation(personalConversationId(KATI), () => 'team')).toEqual({ kind: 'personal', conversationId: `a:local-${KATI}` });
  });
});
