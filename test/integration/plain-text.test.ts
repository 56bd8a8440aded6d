import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { KATI, MARI, SIIM, cardSubmit, fileConsentInvoke, installationUpdate, personalConversationId, personalMessage, type Person } from '../support/activities.js';
import { buttonData, cardOf, startBot, textOf, type Harness } from '../support/bot-harness.js';
import { ManualClock } from '../../src/shared/clock.js';

/**
 * Text a person typed, shown by the bot to someone else, in every feature: never a live link,
 * bold text or a mention, and times in Tallinn time as 07.12.2026 17:52 in both languages.
 */
const JUHT: Person = { aadObjectId: 'd4d4d4d4-0000-4000-8000-000000000004', name: 'Jaan Juht' };
const LINK = '[Klõpsa siia, et kinnitada](http://evil.example/login)';

/** A Markdown link with unescaped brackets, bold with unescaped stars, or an `<at>` tag. */
function expectNoMarkup(text: string, bold: string): void {
  expect(text).toContain('http://evil.example/login');
  expect(text).not.toMatch(/(^|[^\\])\[Klõpsa siia, et kinnitada[^\\]?\]\(/);
  expect(text).not.toMatch(new RegExp(`(^|[^\\\\])\\*\\*${bold}`));
  expect(text).not.toMatch(/<at>/i);
}

describe('typed text and times shown to others, across features', () => {
  const clock = new ManualClock('2026-12-07T15:52:00.000Z');
  let bot: Harness;
  let serviceUrl: string;
  const sends = (person: Person) => bot.connector.sends(personalConversationId(person));

  beforeAll(async () => {
    bot = await startBot({ DIRECTORY_FILE: 'test/fixtures/directory.json' }, { clock });
    serviceUrl = bot.connector.url;
    for (const person of [KATI, MARI, SIIM, JUHT]) await bot.post(installationUpdate(person, { serviceUrl }));
  });
  afterAll(() => bot.close());

  it('access: the reason on the approval card, the comment and the decision time', async () => {
    const [form] = await bot.ask(personalMessage(KATI, 'ligipääs', { serviceUrl }));
    await bot.ask(cardSubmit(KATI, buttonData(cardOf(form), 'Saada taotlus'), {
      kind: 'grant', subject: KATI.aadObjectId, system: 'SKAIS', roles: 'skais.pension-register', justification: `${LINK} **PÕHJUS** <at>Jaan Juht</at>`, start: '2026-12-08', end: '2026-12-31',
    }, { serviceUrl }));
    const approval = sends(JUHT).at(-1)!.body;
    expectNoMarkup(textOf(approval), 'PÕHJUS');

    const messageId = bot.connector.messagesIn(personalConversationId(JUHT)).at(-1)!.id;
    await bot.ask(cardSubmit(JUHT, buttonData(cardOf(approval), 'Kooskõlasta'), { comment: `${LINK} **SOBIB** isik 49912310002` }, { serviceUrl, replyToId: messageId }));
    const decided = textOf(bot.connector.message(personalConversationId(JUHT), messageId)!);
    expect(decided).toMatch(/Otsustas: Jaan Juht, 07\.12\.2026 17:52/);
    expect(decided).not.toMatch(/UTC/);
    expectNoMarkup(decided, 'SOBIB');
    // The audit log is exported (CSV): the comment's mistyped personal code does not go with it.
    await bot.ask(personalMessage(SIIM, 'ligipääsu logi', { serviceUrl }));
    const card = bot.connector.consentCards(personalConversationId(SIIM)).at(-1)!;
    await bot.post(fileConsentInvoke(SIIM, 'accept', card.content.acceptContext, bot.connector.uploadInfo(card.name), { serviceUrl }));
    const log = bot.connector.uploads.get(card.name)?.content ?? '';
    expect(log).toMatch(/approved/);
    expect(log).not.toContain('49912310002');
  });

  it('incidents: a notice\'s typed title and systems, shown to users', async () => {
    // A specialist's notice (monitoring's alerts reach users only as template text).
    const [draft] = await bot.ask(personalMessage(SIIM, 'uus teade', { serviceUrl }));
    const inputs = { systems: 'STAR', severity: 'major', status: 'investigating', title: `${LINK} **RIKE**`, description: `${LINK} **KIRJELDUS**`, expectedEndDate: '2026-12-07', expectedEndTime: '20:00' };
    const [preview] = await bot.ask(cardSubmit(SIIM, buttonData(cardOf(draft), 'Eelvaade'), inputs, { serviceUrl }));
    const [sent] = await bot.ask(cardSubmit(SIIM, buttonData(cardOf(preview), 'Kinnita ja saada'), {}, { serviceUrl }));
    expect(textOf(sent)).toMatch(/Kinnitatud/);
    const [form] = await bot.ask(personalMessage(MARI, 'new case', { serviceUrl, locale: 'en-US' }));
    const replies = await bot.ask(cardSubmit(MARI, buttonData(cardOf(form), 'Submit the case'), { system: 'STAR', kind: 'broken', urgency: 'high', description: 'STAR' }, { serviceUrl, locale: 'en-US' }));
    const notice = replies.map(textOf).find((text) => /known incident/.test(text)) ?? '';
    expectNoMarkup(notice, 'RIKE');
    expect(notice).toMatch(/expected end 07\.12\.2026 20:00/);
    expect(replies.map(textOf).join('\n')).toMatch(/take it up by 08\.12\.2026 01:52/);
  });

  it('knowledge: the unanswered questions in the specialists\' report, masked and as text', async () => {
    await bot.ask(personalMessage(KATI, `${LINK} **KÜSIMUS** qqxv zzwy isik 39001010001`, { serviceUrl }));
    const [report] = await bot.ask(personalMessage(SIIM, 'teadmusbaasi aruanne', { serviceUrl }));
    const text = textOf(report);
    expect(text).toMatch(/KÜSIMUS/);
    expectNoMarkup(text, 'KÜSIMUS');
    expect(text).not.toContain('39001010001');
    // Stored masked too (not only masked when shown): no file of the data folder holds it.
    await bot.app.dataDir.flush();
    const files = readdirSync(bot.dataDir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile());
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(readFileSync(join(file.parentPath, file.name), 'utf8')).not.toContain('39001010001');
  });
});
