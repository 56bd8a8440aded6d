import { CHANNEL_ID, KATI, SIIM, TEAM_ID, cardSubmit, installationUpdate, personalConversationId, personalMessage, type Person } from '../support/activities.js';
import { buttonData, cardOf, startBot, type Harness } from '../support/bot-harness.js';
import { CardSigner } from '../../src/shared/card-signer.js';
import { ManualClock } from '../../src/shared/clock.js';

const signer = new CardSigner('test-secret-test-secret-test-secret');
const JUHT: Person = { aadObjectId: 'd4d4d4d4-0000-4000-8000-000000000004', name: 'Jaan Juht' };
const TAG_ID = 'MjcwYTJmODgtNmI1ZS00ZjM3LWIwMmMtYWI5YjkxNWQ1NzQ5IyNjNjUzZGE3ZS1mMzQzLTQ5ZGEtODM4Zi1jNjk3ZDZlNjAzYWY=';
const DESK = { mentioned: { id: TAG_ID, name: 'Kasutajatugi', type: 'tag' }, text: '<at>Kasutajatugi</at>', type: 'mention' };

interface Sent { text?: string; entities?: unknown[]; attachments?: Array<{ content: { body: Array<{ text: string }>; msteams: { entities: unknown[] } } }> }

/** The text and mention entities of a message: a person in the activity, a tag in its card (botbuilder drops `mentioned.type`). */
const said = (sent: Sent): Sent => {
  const card = sent.attachments?.[0]?.content;
  return card ? { text: card.body[0].text, entities: card.msteams.entities } : sent;
};

describe('the desk is called with @mentions in the card\'s thread', () => {
  const clock = new ManualClock('2026-11-26T06:00:00.000Z');
  let bot: Harness;
  let serviceUrl: string;
  const threadSends = (root: string): Sent[] => bot.connector.sends(`${CHANNEL_ID};messageid=${root}`).map((call) => said(call.body as Sent));

  beforeAll(async () => {
    bot = await startBot({ DESK_MENTION: `${TAG_ID}|Kasutajatugi`, DIRECTORY_FILE: 'test/fixtures/directory.json' }, { clock });
    serviceUrl = bot.connector.url;
    await bot.post(installationUpdate(SIIM, { serviceUrl, inChannel: true }));
    for (const person of [KATI, SIIM, JUHT]) await bot.post(installationUpdate(person, { serviceUrl }));
  });
  afterAll(() => bot.close());

  async function openCase(urgency: string): Promise<string> {
    const [form] = await bot.ask(cardSubmit(KATI, signer.sign('cases.start', { question: 'SKAIS ei avane', shown: '' }), {}, { serviceUrl }));
    await bot.ask(cardSubmit(KATI, buttonData(cardOf(form), 'Saada pöördumine'), { system: 'SKAIS', kind: 'broken', urgency, description: 'SKAIS ei avane' }, { serviceUrl }));
    return lastThreadRoot();
  }
  function lastThreadRoot(): string {
    let root = '';
    for (let id = 1000; id < 1000 + bot.connector.calls.length + 10; id += 1) if (bot.connector.message(`${CHANNEL_ID};messageid=${id}`, String(id))) root = String(id);
    return root;
  }

  it('a new critical case @mentions the desk tag in its thread; a normal one does not', async () => {
    const critical = await openCase('critical');
    const [call] = threadSends(critical);
    expect(call.text).toMatch(/^<at>Kasutajatugi<\/at> 🚨 Uus kriitiline pöördumine TUGI-2026-00001/);
    expect(call.entities).toEqual([DESK]);
    const normal = await openCase('normal');
    expect(threadSends(normal)).toHaveLength(0);
  });

  it('an overdue case @mentions its assignee', async () => {
    const root = lastThreadRoot();
    const card = bot.connector.message(`${CHANNEL_ID};messageid=${root}`, root)!;
    await bot.ask(cardSubmit(SIIM, buttonData(cardOf(card), 'Võta enda peale'), {}, {
      serviceUrl, replyToId: root, conversation: { id: `${CHANNEL_ID};messageid=${root}`, conversationType: 'channel', isGroup: true }, channelData: { team: { id: TEAM_ID }, channel: { id: CHANNEL_ID } },
    }));
    clock.set('2026-11-28T06:00:00.000Z');
    await bot.app.scheduler.tick();
    const overdue = threadSends(root).filter((sent) => /on möödas/.test(sent.text ?? ''));
    expect(overdue).toHaveLength(1);
    expect(overdue[0].text).toMatch(/^<at>Siim Spetsialist<\/at> ⚠️ Pöördumise TUGI-2026-00002 tähtaeg/);
    expect(overdue[0].entities).toEqual([{ type: 'mention', text: '<at>Siim Spetsialist</at>', mentioned: { id: SIIM.aadObjectId, name: 'Siim Spetsialist' } }]);
  });

  it('an overdue access task @mentions the desk tag in its card\'s thread, once', async () => {
    const [form] = await bot.ask(personalMessage(KATI, 'ligipääs', { serviceUrl }));
    await bot.ask(cardSubmit(KATI, buttonData(cardOf(form), 'Saada taotlus'), { kind: 'grant', subject: KATI.aadObjectId, system: 'SKAIS', roles: 'skais.pension-register', justification: 'Pensionide menetlemine', start: '2026-11-28', end: '2027-06-30' }, { serviceUrl }));
    const approval = bot.connector.sends(personalConversationId(JUHT)).at(-1)!;
    await bot.ask(cardSubmit(JUHT, buttonData(cardOf(approval.body), 'Kooskõlasta'), { comment: 'Sobib' }, { serviceUrl }));
    const root = lastThreadRoot();
    expect(JSON.stringify(bot.connector.message(`${CHANNEL_ID};messageid=${root}`, root))).toContain('LIG-2026-00001/1');
    clock.set('2026-11-30T08:00:00.000Z');
    await bot.app.scheduler.tick();
    clock.set('2026-12-01T08:00:00.000Z');
    await bot.app.scheduler.tick();
    const calls = threadSends(root).filter((sent) => /on möödas/.test(sent.text ?? ''));
    expect(calls).toHaveLength(1);
    expect(calls[0].text).toMatch(/^<at>Kasutajatugi<\/at> ⚠️ Ülesande LIG-2026-00001\/1 tähtaeg \(28\.11\.2026\) on möödas/);
    expect(calls[0].entities).toEqual([DESK]);
  });
});
