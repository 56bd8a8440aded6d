import { KATI, MARI, SIIM, cardSubmit, installationUpdate, personalConversationId, personalMessage, type Person } from '../support/activities.js';
import { buttonData, cardOf, startBot, textOf, type Harness } from '../support/bot-harness.js';

/**
 * Buttons decide once and belong to their person: a card sent to one person acts only for that
 * person, a decided card's buttons act no more (however often replayed), ratings and feedback
 * count once, and an "end chat" button dies with its chat.
 */
describe('buttons decide once and belong to their person', () => {
  let bot: Harness;
  let serviceUrl: string;

  const lastCard = (person: Person, pattern: RegExp) => {
    const found = bot.connector.messagesIn(personalConversationId(person)).filter((item) => pattern.test(textOf(item.activity))).at(-1);
    if (!found) throw new Error(`No card matching ${String(pattern)}`);
    return { card: cardOf(found.activity), id: found.id };
  };
  const channelThreads = () => {
    const ids: string[] = [];
    for (let id = 1000; id < 1000 + bot.connector.calls.length + 10; id += 1) if (bot.connector.message(`19:specialists0000000000000000000@thread.tacv2;messageid=${id}`, String(id))) ids.push(String(id));
    return ids;
  };
  const threadClick = (verbTitle: string, id: string, inputs: Record<string, unknown> = {}) => {
    const conversation = { id: `19:specialists0000000000000000000@thread.tacv2;messageid=${id}`, conversationType: 'channel', isGroup: true };
    const card = cardOf(bot.connector.message(conversation.id, id)!);
    return bot.ask(cardSubmit(SIIM, buttonData(card, verbTitle), inputs, { serviceUrl, replyToId: id, conversation, channelData: { team: { id: '19:team000000000000000000000000000@thread.tacv2' }, channel: { id: '19:specialists0000000000000000000@thread.tacv2' } } }));
  };

  beforeAll(async () => {
    bot = await startBot();
    serviceUrl = bot.connector.url;
    await bot.post(installationUpdate(SIIM, { serviceUrl, inChannel: true }));
    for (const person of [KATI, MARI, SIIM]) await bot.post(installationUpdate(person, { serviceUrl }));
  });
  afterAll(() => bot.close());

  it('feedback: another person\'s replay is refused, and 200 replays of one "No" count once', async () => {
    const [answer] = await bot.ask(personalMessage(KATI, 'unustasin STARi parooli', { serviceUrl }));
    const no = buttonData(cardOf(answer), 'Ei');
    const [foreign] = await bot.ask(cardSubmit(MARI, no, {}, { serviceUrl }));
    expect(textOf(foreign)).toMatch(/See kaart saadeti teisele inimesele/);
    const first = await bot.ask(cardSubmit(KATI, no, {}, { serviceUrl }));
    expect(first.map(textOf).join('\n')).not.toMatch(/juba otsustanud|Vabandust, midagi/);
    const replies = await Promise.all(Array.from({ length: 200 }, () => bot.ask(cardSubmit(KATI, no, {}, { serviceUrl }))));
    expect(new Set(replies.map((reply) => textOf(reply[0])))).toEqual(new Set(['Selle kaardi kohta on juba otsustanud Kati Kasutaja; selle nuppe ei saa uuesti kasutada.']));
    const [report] = await bot.ask(personalMessage(SIIM, 'teadmusbaasi aruanne', { serviceUrl }));
    expect(textOf(report)).toMatch(/1 ei aidanud, 0 aitas/);
  });

  it('rating: counts once; old buttons cannot change it, and the rated card loses its rating buttons', async () => {
    const [form] = await bot.ask(personalMessage(KATI, 'uus pöördumine', { serviceUrl }));
    await bot.ask(cardSubmit(KATI, buttonData(cardOf(form), 'Saada pöördumine'), { system: 'SKAIS', kind: 'broken', urgency: 'high', description: 'Viga' }, { serviceUrl }));
    const thread = channelThreads().at(-1)!;
    await threadClick('Märgi lahendatuks', thread, { resolution: 'Parandatud.' });
    const resolved = lastCard(KATI, /on lahendatud/);
    const [thanks] = await bot.ask(cardSubmit(KATI, buttonData(resolved.card, '4'), {}, { serviceUrl, replyToId: resolved.id }));
    expect(textOf(thanks)).toBe('Aitäh hinnangu eest!');
    const replaced = bot.connector.message(personalConversationId(KATI), resolved.id)!;
    expect(textOf(replaced)).toMatch(/Sinu hinnang: 4\/5/);
    expect(textOf(replaced)).not.toMatch(/\[2\]/);
    const [again] = await bot.ask(cardSubmit(KATI, buttonData(resolved.card, '2'), {}, { serviceUrl, replyToId: resolved.id }));
    expect(textOf(again)).toMatch(/juba otsustanud Kati Kasutaja/);
    expect(textOf(bot.connector.message(`19:specialists0000000000000000000@thread.tacv2;messageid=${thread}`, thread)!)).toMatch(/Hinnang: 4\/5/);
  });

  it('end chat: a button of an earlier chat does not end a later one', async () => {
    const [form] = await bot.ask(personalMessage(MARI, 'uus pöördumine', { serviceUrl }));
    await bot.ask(cardSubmit(MARI, buttonData(cardOf(form), 'Saada pöördumine'), { system: 'STAR', kind: 'usage', urgency: 'low', description: 'Küsimus' }, { serviceUrl }));
    const thread = channelThreads().at(-1)!;
    await threadClick('Vasta pöördujale', thread);
    const firstChat = lastCard(MARI, /vestleb nüüd sinuga/);
    await bot.ask(personalMessage(MARI, 'lõpeta vestlus', { serviceUrl }));
    await threadClick('Vasta pöördujale', thread);
    const [stale] = await bot.ask(cardSubmit(MARI, buttonData(firstChat.card, 'Lõpeta vestlus'), {}, { serviceUrl }));
    expect(textOf(stale)).toMatch(/See vestlus on juba lõppenud/);
    expect(await bot.ask(personalMessage(MARI, 'kas te olete seal?', { serviceUrl }))).toEqual([]);
    const secondChat = lastCard(MARI, /vestleb nüüd sinuga/);
    await bot.ask(cardSubmit(MARI, buttonData(secondChat.card, 'Lõpeta vestlus'), {}, { serviceUrl, replyToId: secondChat.id }));
    expect(textOf(bot.connector.message(personalConversationId(MARI), secondChat.id)!)).toBe('Vestlus on lõppenud.');
  });
});
