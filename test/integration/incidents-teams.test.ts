import { CHANNEL_ID, KATI, MARI, SIIM, cardSubmit, channelMention, installationUpdate, personalMessage, personalConversationId } from '../support/activities.js';
import { buttonData, cardOf, startBot, textOf, type Harness } from '../support/bot-harness.js';

const form = { systems: 'SKAIS', otherSystems: 'SKAIS/pensionid', severity: 'major', status: 'investigating', title: 'Pensionide moodul on aeglane', description: 'Otsuste salvestamine võtab mitu minutit.', expectedEndDate: '2026-11-26', expectedEndTime: '14:00' };

describe('incident notices in Teams', () => {
  let bot: Harness;
  let serviceUrl: string;
  const notices = (conversationId: string) => bot.connector.sends(conversationId).filter((call) => JSON.stringify(call.body).includes('RIKE-'));

  beforeAll(async () => {
    bot = await startBot({ BROADCAST_RATE_PER_SECOND: '20' });
    serviceUrl = bot.connector.url;
    for (const person of [SIIM, KATI, MARI]) await bot.post(installationUpdate(person, { serviceUrl }));
    await bot.post(installationUpdate(SIIM, { serviceUrl, inChannel: true }));
  });
  afterAll(() => bot.close());

  it('lets people choose what they follow', async () => {
    const [card] = await bot.ask(personalMessage(MARI, 'teavitused', { serviceUrl }));
    expect(textOf(card)).toMatch(/Teavitused riketest/);
    const [saved] = await bot.ask(cardSubmit(MARI, buttonData(cardOf(card), 'Salvesta'), { follow_SKAIS: 'false', follow_STAR: 'true', follow_other: 'false' }, { serviceUrl }));
    expect(textOf(saved)).toMatch(/Saadan sulle teateid nende kohta: STAR/);
  });

  it('refuses "uus teade" to someone who is not a specialist', async () => {
    const [reply] = await bot.ask(personalMessage(KATI, 'uus teade', { serviceUrl }));
    expect(textOf(reply)).toMatch(/ainult kasutajatoe spetsialistid/);
  });

  it('drafts, previews with the audience size, and sends only after confirmation, with a progress report', async () => {
    const [formCard] = await bot.ask(personalMessage(SIIM, 'uus teade', { serviceUrl }));
    const [incomplete] = await bot.ask(cardSubmit(SIIM, buttonData(cardOf(formCard), 'Eelvaade'), { ...form, title: '' }, { serviceUrl }));
    expect(textOf(incomplete)).toMatch(/Palun täida või paranda need väljad: Pealkiri/);
    const [preview] = await bot.ask(cardSubmit(SIIM, buttonData(cardOf(formCard), 'Eelvaade'), form, { serviceUrl }));
    // channel + SIIM + KATI (MARI follows only STAR)
    expect(textOf(preview)).toMatch(/saadan selle teate 3 vestlusse: 1 kanalisse ja 2 inimesele/);
    expect(textOf(preview)).toMatch(/Eeldatav lõpp: 26\.11\.2026 14:00/);
    expect(notices(personalConversationId(KATI))).toHaveLength(0);

    const confirm = buttonData(cardOf(preview), 'Kinnita ja saada');
    const [sent] = await bot.ask(cardSubmit(SIIM, confirm, {}, { serviceUrl }));
    expect(textOf(sent)).toMatch(/Kinnitatud: teade RIKE-/);
    await bot.connector.waitFor(() => notices(personalConversationId(KATI)).length === 1 && notices(CHANNEL_ID).length === 1);
    expect(notices(personalConversationId(MARI))).toHaveLength(0);
    const [again] = await bot.ask(cardSubmit(SIIM, confirm, {}, { serviceUrl }));
    expect(textOf(again)).toMatch(/Selle kaardi kohta on juba otsustanud Siim Spetsialist/);

    const siim = personalConversationId(SIIM);
    await bot.connector.waitFor(() => bot.connector.messagesIn(siim).some((message) => /on edastatud/.test(JSON.stringify(message.activity))));
    const report = bot.connector.messagesIn(siim).find((message) => /on edastatud/.test(JSON.stringify(message.activity)));
    expect(JSON.stringify(report?.activity)).toMatch(/Kohale jõudnud","value":"3 \/ 3"/);
  });

  it('lists incidents for everyone, with update and resolve buttons only for specialists', async () => {
    const [list] = await bot.ask(personalMessage(KATI, 'rikked', { serviceUrl }));
    expect(textOf(list)).toMatch(/Rikked \(1\)/);
    expect(textOf(list)).not.toMatch(/Märgi lahendatuks/);
    const [channelList] = await bot.ask(channelMention(SIIM, 'rikked', { serviceUrl }));
    expect(textOf(channelList)).toMatch(/Märgi lahendatuks/);
  });

  it('resolves from the card with a preview, editing every notice in place', async () => {
    const [list] = await bot.ask(personalMessage(SIIM, 'incidents', { serviceUrl, locale: 'en-US' }));
    const [preview] = await bot.ask(cardSubmit(SIIM, buttonData(cardOf(list), 'Mark as resolved'), {}, { serviceUrl, locale: 'en-US' }));
    expect(textOf(preview)).toMatch(/Resolved: SKAIS/);
    await bot.ask(cardSubmit(SIIM, buttonData(cardOf(preview), 'Confirm and send'), {}, { serviceUrl, locale: 'en-US' }));
    const kati = personalConversationId(KATI);
    await bot.connector.waitFor(() => bot.connector.messagesIn(kati).some((message) => /Lahendatud: SKAIS/.test(JSON.stringify(message.activity))));
    expect(notices(kati)).toHaveLength(1);
    const [none] = await bot.ask(personalMessage(KATI, 'rikked', { serviceUrl }));
    expect(textOf(none)).toMatch(/Lahendatud/);
  });
});
