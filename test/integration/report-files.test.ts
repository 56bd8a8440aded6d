import { CHANNEL_ID, KATI, SIIM, channelMention, fileConsentInvoke, installationUpdate, personalConversationId, personalMessage } from '../support/activities.js';
import { startBot, textOf, type Harness } from '../support/bot-harness.js';
import { ManualClock } from '../../src/shared/clock.js';

describe('reports as CSV files with Teams\' file consent card', () => {
  const clock = new ManualClock('2026-11-26T08:00:00.000Z');
  let bot: Harness;
  let serviceUrl: string;
  const siimChat = personalConversationId(SIIM);
  const lastText = (conversationId: string) => textOf(bot.connector.sends(conversationId).at(-1)!.body);
  const lastCard = () => bot.connector.consentCards(siimChat).at(-1)!;

  beforeAll(async () => {
    bot = await startBot({ DIRECTORY_FILE: 'test/fixtures/directory.json' }, { clock });
    serviceUrl = bot.connector.url;
    await bot.post(installationUpdate(SIIM, { serviceUrl, inChannel: true }));
    for (const person of [SIIM, KATI]) await bot.post(installationUpdate(person, { serviceUrl }));
  });
  afterAll(async () => {
    await bot.close();
    await bot.connector.stop();
  });

  it('asked in the personal chat: the summary, then a consent card; on accept the CSV is uploaded and a file card shown', async () => {
    const replies = await bot.ask(personalMessage(SIIM, 'ligipääsu logi', { serviceUrl }));
    expect(replies.map(textOf).join('\n')).toMatch(/^Ligipääsulogi viimased 0 kannet\.$/);
    const card = lastCard();
    expect(card.name).toBe('ligipaasu-logi-2026-11-26.csv');
    expect(card.content).toMatchObject({ description: 'Ligipääsu auditilogi (CSV)', sizeInBytes: expect.any(Number) });

    const answer = await bot.post(fileConsentInvoke(SIIM, 'accept', card.content.acceptContext, bot.connector.uploadInfo(card.name), { serviceUrl }));
    expect(answer.status).toBe(200);
    const upload = bot.connector.uploads.get(card.name)!;
    expect(upload.content).toMatch(/^at,action,actor,ref,person,system,roles,detail/);
    expect(upload.contentRange).toBe(`bytes 0-${card.content.sizeInBytes - 1}/${card.content.sizeInBytes}`);
    const fileCard = bot.connector.sends(siimChat).at(-1)!.body.attachments as Array<Record<string, unknown>>;
    expect(fileCard[0]).toMatchObject({ contentType: 'application/vnd.microsoft.teams.card.file.info', name: card.name, contentUrl: bot.connector.uploadInfo(card.name).contentUrl });
  });

  it('a second accept of the same card, or after a decline, says the file has expired', async () => {
    const used = bot.connector.consentCards(siimChat).at(-1)!;
    await bot.post(fileConsentInvoke(SIIM, 'accept', used.content.acceptContext, bot.connector.uploadInfo(used.name), { serviceUrl }));
    expect(lastText(siimChat)).toMatch(/See fail on aegunud/);

    await bot.ask(personalMessage(SIIM, 'rollid', { serviceUrl }));
    const card = lastCard();
    await bot.post(fileConsentInvoke(SIIM, 'decline', card.content.declineContext, undefined, { serviceUrl }));
    expect(lastText(siimChat)).toBe(`Selge, jätsin faili ${card.name} saatmata.`);
    await bot.post(fileConsentInvoke(SIIM, 'accept', card.content.acceptContext, bot.connector.uploadInfo(card.name), { serviceUrl }));
    expect(lastText(siimChat)).toMatch(/See fail on aegunud/);
    expect(bot.connector.uploads.has(card.name)).toBe(false);
  });

  it('only the person it was offered to can take the file', async () => {
    await bot.ask(personalMessage(SIIM, 'ülesanded', { serviceUrl }));
    const card = lastCard();
    await bot.post(fileConsentInvoke(KATI, 'accept', card.content.acceptContext, bot.connector.uploadInfo(card.name), { serviceUrl }));
    expect(lastText(personalConversationId(KATI))).toMatch(/Seda faili ei pakutud sulle/);
    expect(bot.connector.uploads.has(card.name)).toBe(false);
    await bot.post(fileConsentInvoke(SIIM, 'accept', card.content.acceptContext, bot.connector.uploadInfo(card.name), { serviceUrl }));
    expect(bot.connector.uploads.get(card.name)?.content).toMatch(/^task,kind,person/);
  });

  it('asked in a channel: a short summary there, and the file to the asker personally', async () => {
    const before = bot.connector.consentCards(siimChat).length;
    const replies = await bot.ask(channelMention(SIIM, 'lõppevad õigused 14', { serviceUrl }));
    const said = replies.map(textOf).join('\n');
    expect(said).toMatch(/Järgmise 14 päeva jooksul lõppevad õigused: 0\./);
    expect(said).toMatch(/Saatsin faili loppevad-oigused-2026-11-26\.csv sulle isiklikku vestlusse\./);
    expect(said).not.toMatch(/until,system/);
    expect(bot.connector.consentCards(siimChat)).toHaveLength(before + 1);
    expect(bot.connector.sends(CHANNEL_ID).some((call) => JSON.stringify(call.body).includes('file.consent'))).toBe(false);
  });

  it('a restart between the offer and the accept says clearly that the file expired', async () => {
    await bot.ask(personalMessage(SIIM, 'roles', { serviceUrl, locale: 'en-US' }));
    const card = lastCard();
    const { connector, dataDir } = bot;
    await bot.close(true);
    bot = await startBot({ DIRECTORY_FILE: 'test/fixtures/directory.json' }, { clock }, { dataDir, connector });
    await bot.post(fileConsentInvoke(SIIM, 'accept', card.content.acceptContext, bot.connector.uploadInfo(card.name), { serviceUrl, locale: 'en-US' }));
    expect(lastText(siimChat)).toBe('This file has expired (an offer lasts an hour and is lost if the bot restarts in between). Please ask for the report again.');
  });
});
