import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CHANNEL_ID, KATI, MARI, SIIM, TEAM_ID, cardSubmit, channelMention, installationUpdate, personalConversationId, personalMessage, type Person } from '../support/activities.js';
import { buttonData, cardOf, startBot, textOf, type Harness } from '../support/bot-harness.js';
import { CardSigner } from '../../src/shared/card-signer.js';
import { ManualClock } from '../../src/shared/clock.js';
import type { Case } from '../../src/features/cases/index.js';

const signer = new CardSigner('test-secret-test-secret-test-secret');
type Data = ReturnType<typeof buttonData>;

/** A click on a button of a case card in the specialists' channel thread. */
function channelClick(person: Person, data: Data, inputs: Record<string, unknown>, serviceUrl: string, messageId: string) {
  return cardSubmit(person, data, inputs, {
    serviceUrl,
    replyToId: messageId,
    conversation: { id: `${CHANNEL_ID};messageid=${messageId}`, conversationType: 'channel', isGroup: true },
    channelData: { team: { id: TEAM_ID }, channel: { id: CHANNEL_ID } },
  });
}

/** The channel card of a case: the latest content of the thread's root message. */
function channelCardOf(bot: Harness, messageId: string): Record<string, unknown> {
  const message = bot.connector.message(`${CHANNEL_ID};messageid=${messageId}`, messageId);
  if (!message) throw new Error(`No card ${messageId}`);
  return message;
}

/** The thread root ids the bot posted in the channel (the fake connector numbers messages from 1000). */
function threadIds(bot: Harness): string[] {
  const ids: string[] = [];
  for (let id = 1000; id < 1000 + bot.connector.calls.length + 10; id += 1) {
    if (bot.connector.message(`${CHANNEL_ID};messageid=${id}`, String(id))) ids.push(String(id));
  }
  return ids;
}

/** A case as stored in the lowdb files (live shards). */
async function storedCase(bot: Harness, number: string): Promise<Case> {
  await bot.app.dataDir.flush();
  const dir = join(bot.dataDir, 'cases');
  for (const name of readdirSync(dir).filter((file) => file.startsWith('live-'))) {
    const found = (JSON.parse(readFileSync(join(dir, name), 'utf8')) as { records: Case[] }).records.find((item) => item.id === number);
    if (found) return found;
  }
  throw new Error(`${number} is not stored live`);
}

function personalTexts(bot: Harness, person: Person): string[] {
  return bot.connector.sends(personalConversationId(person)).map((call) => textOf(call.body));
}

async function openCase(bot: Harness, person: Person, question: string, inputs: Record<string, unknown> = {}) {
  const serviceUrl = bot.connector.url;
  const [form] = await bot.ask(cardSubmit(person, signer.sign('cases.start', { question, shown: 'skais-avaldus,skais-oigused' }), {}, { serviceUrl }));
  const submit = buttonData(cardOf(form), 'Saada pöördumine');
  const replies = await bot.ask(cardSubmit(person, submit, { system: 'SKAIS', kind: 'broken', urgency: 'high', description: question, ...inputs }, { serviceUrl }));
  const number = /TUGI-\d{4}-\d{5}/.exec(replies.map(textOf).join('\n'))?.[0];
  return { form, submit, replies, number: number ?? '' };
}

describe('support cases through HTTP', () => {
  let bot: Harness;
  let serviceUrl: string;
  let knowledgeDir: string;
  const clock = new ManualClock('2026-11-26T06:00:00.000Z');

  beforeAll(async () => {
    knowledgeDir = mkdtempSync(join(tmpdir(), 'tugibot-kb-'));
    bot = await startBot({ KNOWLEDGE_DIR: knowledgeDir }, { clock });
    serviceUrl = bot.connector.url;
    await bot.post(installationUpdate(SIIM, { serviceUrl, inChannel: true }));
    await bot.post(installationUpdate(KATI, { serviceUrl }));
    await bot.post(installationUpdate(MARI, { serviceUrl }));
  });
  afterAll(async () => {
    await bot.close();
    rmSync(knowledgeDir, { recursive: true, force: true });
  });

  let number = '';
  let thread = '';

  it('opens a case from "did not help": the form is pre-filled and the number comes at once', async () => {
    const opened = await openCase(bot, KATI, 'SKAIS ei salvesta avaldust');
    expect(textOf(opened.form)).toMatch(/Uus pöördumine kasutajatoele/);
    expect(JSON.stringify(cardOf(opened.form))).toContain('SKAIS ei salvesta avaldust');
    expect(opened.number).toBe('TUGI-2026-00001');
    number = opened.number;
    expect(opened.replies.map(textOf).join('\n')).toMatch(/Sinu pöördumise number on TUGI-2026-00001/);
    [thread] = threadIds(bot);
    const card = textOf(channelCardOf(bot, thread));
    expect(card).toMatch(/TUGI-2026-00001/);
    expect(card).toMatch(/Pöörduja: Kati Kasutaja/);
    expect(card).toMatch(/Kiireloomulisus: kõrge/);
    expect(card).toMatch(/skais-avaldus, skais-oigused/);
    expect(card).toMatch(/\[Võta enda peale\]/);
  });

  it('opens nothing twice when the same form is sent again', async () => {
    const [form] = await bot.ask(cardSubmit(KATI, signer.sign('cases.start', { question: 'STAR ei avane', shown: '' }), {}, { serviceUrl }));
    const submit = buttonData(cardOf(form), 'Saada pöördumine');
    const inputs = { system: 'STAR', kind: 'usage', urgency: 'low', description: 'STAR ei avane' };
    const first = await bot.ask(cardSubmit(KATI, submit, inputs, { serviceUrl }));
    const again = await bot.ask(cardSubmit(KATI, submit, inputs, { serviceUrl }));
    expect(first.map(textOf).join()).toMatch(/TUGI-2026-00002/);
    expect(again.map(textOf).join()).toMatch(/See vorm on juba saadetud: pöördumine TUGI-2026-00002/);
  });

  it('refuses a person who is not a configured specialist', async () => {
    const take = buttonData(channelCardOf(bot, thread), 'Võta enda peale');
    const [reply] = await bot.ask(channelClick(MARI, take, {}, serviceUrl, thread));
    expect(textOf(reply)).toMatch(/Seda saavad teha ainult kasutajatoe spetsialistid/);
    const [command] = await bot.ask(personalMessage(MARI, 'avatud pöördumised', { serviceUrl }));
    expect(textOf(command)).toMatch(/ainult kasutajatoe spetsialistid/);
  });

  it('takes a case: the card is updated in place, the requester told; a second click is refused as stale', async () => {
    const take = buttonData(channelCardOf(bot, thread), 'Võta enda peale');
    const posts = bot.connector.ofKind('create').length;
    await bot.ask(channelClick(SIIM, take, {}, serviceUrl, thread));
    const card = textOf(channelCardOf(bot, thread));
    expect(card).toMatch(/Olek: töös/);
    expect(card).toMatch(/Menetleja: Siim Spetsialist/);
    expect(bot.connector.ofKind('create').length).toBe(posts);
    expect(personalTexts(bot, KATI).join('\n')).toMatch(/Siim Spetsialist \(kasutajatugi\) võttis sinu pöördumise TUGI-2026-00001 menetlusse/);
    const replies = await bot.ask(channelClick(SIIM, take, {}, serviceUrl, thread));
    expect(replies.map(textOf).join('\n')).toMatch(/Pöördumise TUGI-2026-00001 kohta on vahepeal juba otsustanud Siim Spetsialist/);
  });

  it('relays the chat both ways while the handoff is active, and both sides hear when it ends', async () => {
    await bot.ask(channelClick(SIIM, buttonData(channelCardOf(bot, thread), 'Vasta pöördujale'), {}, serviceUrl, thread));
    expect(personalTexts(bot, KATI).join('\n')).toMatch(/Siim Spetsialist \(kasutajatugi\) tegeleb sinu pöördumisega TUGI-2026-00001 ja vestleb nüüd sinuga/);
    const threadConv = `${CHANNEL_ID};messageid=${thread}`;
    expect(bot.connector.sends(threadConv).map((call) => textOf(call.body)).join('\n')).toMatch(/Siim Spetsialist alustas vestlust pöördujaga/);

    expect(await bot.ask(personalMessage(KATI, 'Viga tuleb salvestamisel', { serviceUrl }))).toEqual([]);
    expect(bot.connector.sends(threadConv).map((call) => textOf(call.body))).toContain('Kati Kasutaja (pöörduja): Viga tuleb salvestamisel');

    await bot.ask(channelMention(SIIM, 'Palun proovige uuesti', { serviceUrl, threadRootId: thread }));
    expect(personalTexts(bot, KATI)).toContain('Siim Spetsialist (kasutajatugi): Palun proovige uuesti');

    await bot.ask(personalMessage(KATI, 'lõpeta vestlus', { serviceUrl }));
    expect(personalTexts(bot, KATI).join('\n')).toMatch(/Vestlus spetsialistiga Siim Spetsialist pöördumise TUGI-2026-00001 kohta on lõppenud/);
    expect(bot.connector.sends(threadConv).map((call) => textOf(call.body)).join('\n')).toMatch(/Vestlus pöördujaga on lõppenud \(lõpetas Kati Kasutaja\)/);

    const relayed = bot.connector.sends(threadConv).length;
    await bot.ask(personalMessage(KATI, 'tavaline küsimus', { serviceUrl }));
    expect(bot.connector.sends(threadConv).length).toBe(relayed);
    const [hint] = await bot.ask(channelMention(SIIM, 'kas seal oled?', { serviceUrl, threadRootId: thread }));
    expect(textOf(hint)).toMatch(/Selle pöördumise esitajaga ei ole praegu vestlust pooleli/);
    const stored = await storedCase(bot, number);
    expect(stored.messages.map((message) => `${message.from}: ${message.text}`)).toEqual(['requester: Viga tuleb salvestamisel', 'specialist: Palun proovige uuesti']);
    expect(stored.history.map((entry) => entry.event)).toEqual(['open', 'take', 'handoff_start', 'handoff_end']);
  });

  it('escalates to a third party with personal codes masked, and waits for the user', async () => {
    const threadConv = `${CHANNEL_ID};messageid=${thread}`;
    const opened = await openCase(bot, MARI, 'Isiku 39001010000 pension on vale');
    const [maris] = threadIds(bot).slice(-1);
    await bot.ask(channelClick(SIIM, buttonData(channelCardOf(bot, maris), 'Edasta pöördumine'), { escalateTo: 'third_party', escalateName: 'Tarnija OÜ', escalateRef: 'JIRA-7' }, serviceUrl, maris));
    const note = bot.connector.sends(`${CHANNEL_ID};messageid=${maris}`).map((call) => textOf(call.body)).join('\n');
    expect(note).toMatch(/Edastatud: Tarnija OÜ \(JIRA-7\)/);
    expect(note).not.toContain('39001010000');
    expect(note).toMatch(/\\?\[isikukood\\?\]/);
    expect(personalTexts(bot, MARI).join('\n')).toMatch(new RegExp(`Sinu pöördumine ${opened.number} edastati lahendamiseks: Tarnija OÜ`));
    expect(textOf(channelCardOf(bot, maris))).toMatch(/Edastatud: Tarnija OÜ \(JIRA-7\)/);

    await bot.ask(channelClick(SIIM, buttonData(channelCardOf(bot, maris), 'Küsi pöördujalt'), { waitNote: 'Mis kuupäeval?' }, serviceUrl, maris));
    expect(personalTexts(bot, MARI).join('\n')).toMatch(/vajab pöördumise .* kohta sinult lisainfot: Mis kuupäeval\?/);
    const [passed] = await bot.ask(personalMessage(MARI, '1. novembril', { serviceUrl }));
    expect(textOf(passed)).toMatch(/Edastasin su vastuse/);
    expect(textOf(channelCardOf(bot, maris))).toMatch(/Olek: edastatud|Olek: töös/);
    void threadConv;
  });

  it('resolves with a draft article, asks for a rating, stores it, and lets the requester reopen', async () => {
    await bot.ask(channelClick(SIIM, buttonData(channelCardOf(bot, thread), 'Märgi lahendatuks'), { resolution: 'Tühjendage vahemälu ja proovige uuesti.', saveDraft: 'true' }, serviceUrl, thread));
    const resolved = bot.connector.sends(personalConversationId(KATI)).map((call) => call.body).find((body) => /on lahendatud/.test(textOf(body)));
    expect(resolved).toBeDefined();
    expect(textOf(resolved!)).toMatch(/Tühjendage vahemälu/);
    // Drafts go under DATA_DIR (not into the knowledge folder the bot reads and git tracks).
    const draft = join(bot.dataDir, 'drafts', 'TUGI-2026-00001.md');
    expect(existsSync(draft)).toBe(true);
    expect(existsSync(join(knowledgeDir, 'drafts'))).toBe(false);
    expect(readFileSync(draft, 'utf8')).toMatch(/sources:\n {2}- "pöördumine TUGI-2026-00001"\ndraft: true/);
    expect(textOf(channelCardOf(bot, thread))).not.toMatch(/\[Võta enda peale\]/);

    const [thanks] = await bot.ask(cardSubmit(KATI, buttonData(cardOf(resolved!), '4'), {}, { serviceUrl }));
    expect(textOf(thanks)).toBe('Aitäh hinnangu eest!');
    expect((await storedCase(bot, number)).rating).toBe(4);
    expect(textOf(channelCardOf(bot, thread))).toMatch(/Hinnang: 4\/5/);

    const [foreign] = await bot.ask(cardSubmit(MARI, buttonData(cardOf(resolved!), 'Ava uuesti'), {}, { serviceUrl }));
    expect(textOf(foreign)).toMatch(/See kaart saadeti teisele inimesele/);
    const [forged] = await bot.ask(cardSubmit(MARI, signer.sign('cases.reopen', { n: number, v: (await storedCase(bot, number)).version }), {}, { serviceUrl }));
    expect(textOf(forged)).toMatch(/Seda saab teha ainult pöördumise TUGI-2026-00001 esitaja/);
    const [reopened] = await bot.ask(cardSubmit(KATI, buttonData(cardOf(resolved!), 'Ava uuesti'), {}, { serviceUrl }));
    expect(textOf(reopened)).toMatch(/Pöördumine TUGI-2026-00001 on uuesti avatud/);
    expect(textOf(channelCardOf(bot, thread))).toMatch(/Olek: töös/);
  });

  it('shows status to the requester only, and lists cases for specialists', async () => {
    const [mine] = await bot.ask(personalMessage(KATI, 'minu pöördumised', { serviceUrl }));
    expect(textOf(mine)).toMatch(/TUGI-2026-00001/);
    const [one] = await bot.ask(personalMessage(KATI, 'pöördumine TUGI-2026-00001', { serviceUrl }));
    expect(textOf(one)).toMatch(/TUGI-2026-00001: töös/);
    const [english] = await bot.ask(personalMessage(KATI, 'case tugi-2026-1', { serviceUrl, locale: 'en-US' }));
    expect(textOf(english)).toMatch(/TUGI-2026-00001: in progress/);
    const [other] = await bot.ask(personalMessage(MARI, 'pöördumine TUGI-2026-00001', { serviceUrl }));
    expect(textOf(other)).toBe('Pöördumist TUGI-2026-00001 ei leitud.');
    const [open] = await bot.ask(channelMention(SIIM, 'avatud pöördumised', { serviceUrl }));
    expect(textOf(open)).toMatch(/Avatud pöördumised \(3\)/);
    const [unassigned] = await bot.ask(personalMessage(SIIM, 'unassigned cases', { serviceUrl, locale: 'en-US' }));
    expect(textOf(unassigned)).toMatch(/Unassigned cases \(1\)[\s\S]*TUGI-2026-00002/);
    const [work] = await bot.ask(personalMessage(SIIM, 'minu tööd', { serviceUrl }));
    expect(textOf(work)).toMatch(/Minu tööd \(2\)/);
  });

  it('shows a specialist the whole case only in the specialists\' channel; elsewhere the status only', async () => {
    const general = '19:general000000000000000000000000@thread.tacv2';
    const [inGeneral] = await bot.ask(channelMention(SIIM, 'pöördumine TUGI-2026-00001', { serviceUrl, channelId: general }));
    expect(textOf(inGeneral)).toMatch(/TUGI-2026-00001: töös/);
    expect(textOf(inGeneral)).not.toMatch(/SKAIS ei salvesta avaldust|Tühjendage vahemälu|Siim Spetsialist/);
    expect(textOf(inGeneral)).toMatch(/Siin näitan ainult olekut/);
    const [inOwnChat] = await bot.ask(personalMessage(SIIM, 'pöördumine TUGI-2026-00001', { serviceUrl }));
    expect(textOf(inOwnChat)).not.toMatch(/SKAIS ei salvesta avaldust/);
    const [inDesk] = await bot.ask(channelMention(SIIM, 'pöördumine TUGI-2026-00001', { serviceUrl }));
    expect(textOf(inDesk)).toMatch(/SKAIS ei salvesta avaldust/);
    const [requester] = await bot.ask(personalMessage(KATI, 'pöördumine TUGI-2026-00001', { serviceUrl }));
    expect(textOf(requester)).toMatch(/SKAIS ei salvesta avaldust/);
  });

  it('reminds before and after the due time once each, and posts the digest once a day', async () => {
    const threadConv = `${CHANNEL_ID};messageid=${thread}`;
    const count = () => bot.connector.sends(threadConv).map((call) => textOf(call.body));
    const { dueAt: due } = await storedCase(bot, number);
    clock.set(new Date(Date.parse(due) - 30 * 60_000));
    await bot.app.scheduler.tick();
    await bot.app.scheduler.tick();
    expect(count().filter((text) => /Pöördumise TUGI-2026-00001 tähtaeg on/.test(text))).toHaveLength(1);
    clock.set(new Date(Date.parse(due) + 60_000));
    await bot.app.scheduler.tick();
    await bot.app.scheduler.tick();
    expect(count().filter((text) => /TUGI-2026-00001 tähtaeg .* on möödas/.test(text))).toHaveLength(1);
    const digests = bot.connector.ofKind('create').filter((call) => /Pöördumiste ülevaade/.test(JSON.stringify(call.body)));
    expect(digests).toHaveLength(1);
    expect(JSON.stringify(digests[0].body)).toMatch(/Pöördumiste ülevaade \d{2}\.\d{2}\.2026"/);
  });

  it('takes a case once when "take" is clicked twice at the same moment', async () => {
    const [, second] = threadIds(bot);
    const take = buttonData(channelCardOf(bot, second), 'Võta enda peale');
    const answers = await Promise.all([bot.ask(channelClick(SIIM, take, {}, serviceUrl, second)), bot.ask(channelClick(SIIM, take, {}, serviceUrl, second))]);
    const texts = answers.flat().map(textOf).join('\n');
    expect(texts.match(/on vahepeal juba otsustanud Siim Spetsialist/g)).toHaveLength(1);
    const stored = await storedCase(bot, 'TUGI-2026-00002');
    expect(stored.history.filter((entry) => entry.event === 'take')).toHaveLength(1);
    expect(personalTexts(bot, KATI).filter((text) => /(võttis sinu pöördumise|has taken up your case) TUGI-2026-00002/.test(text))).toHaveLength(1);
  });

  it('speaks English to an English requester', async () => {
    const [form] = await bot.ask(personalMessage(KATI, 'new case', { serviceUrl, locale: 'en-US' }));
    expect(textOf(form)).toMatch(/New case for the support desk/);
    const replies = await bot.ask(cardSubmit(KATI, buttonData(cardOf(form), 'Submit the case'), { system: 'other', kind: 'access', urgency: 'critical', description: 'No access to the register' }, { serviceUrl, locale: 'en-US' }));
    // The same unambiguous Tallinn time as in Estonian, never 26/11/2026.
    expect(replies.map(textOf).join('\n')).toMatch(/Your case number is TUGI-2026-\d{5}\. A specialist will take it up by \d{2}\.\d{2}\.2026 \d{2}:\d{2};/);
    const [again] = await bot.ask(personalMessage(KATI, 'new case', { serviceUrl, locale: 'en-US' }));
    const [empty] = await bot.ask(cardSubmit(KATI, buttonData(cardOf(again), 'Submit the case'), { system: 'nonsense', kind: 'access', urgency: 'low', description: 'x' }, { serviceUrl, locale: 'en-US' }));
    expect(textOf(empty)).toBe('The value of "System" is not valid. Please choose one from the list.');
  });
});

describe('support cases across a restart and without a known channel', () => {
  it('opens a case before the channel is known, posts the card later, and takes it after a restart', async () => {
    const clock = new ManualClock('2026-11-26T06:00:00.000Z');
    let bot = await startBot({}, { clock });
    const serviceUrl = bot.connector.url;
    await bot.post(installationUpdate(KATI, { serviceUrl }));
    const opened = await openCase(bot, KATI, 'STAR ei näita otsust');
    expect(opened.replies.map(textOf).join('\n')).toMatch(/Ma ei tea veel kasutajatoe kanalit/);
    expect(threadIds(bot)).toHaveLength(0);

    await bot.close(true);
    bot = await startBot({}, { clock }, { dataDir: bot.dataDir, connector: bot.connector });
    await bot.post(installationUpdate(SIIM, { serviceUrl, inChannel: true }));
    await bot.app.scheduler.tick();
    const [thread] = threadIds(bot);
    expect(textOf(channelCardOf(bot, thread))).toMatch(/TUGI-2026-00001/);

    await bot.close(true);
    bot = await startBot({}, { clock }, { dataDir: bot.dataDir, connector: bot.connector });
    await bot.ask(channelClick(SIIM, buttonData(channelCardOf(bot, thread), 'Võta enda peale'), {}, serviceUrl, thread));
    expect(textOf(channelCardOf(bot, thread))).toMatch(/Menetleja: Siim Spetsialist/);
    const second = await openCase(bot, KATI, 'Teine mure');
    expect(second.number).toBe('TUGI-2026-00002');
    await bot.close();
    await bot.connector.stop();
  });
});

/** Fails when typed text came through as Markdown or a mention: a live link, bold, an `<at>` tag. */
function expectShownAsText(text: string, typed: { link?: boolean; bold?: string; mention?: boolean }): void {
  if (typed.link) {
    expect(text).toContain('http://evil.example/login');
    expect(text).not.toMatch(/(^|[^\\])\[Klõpsa siia, et kinnitada[^\\]?\]\(/);
  }
  if (typed.bold) expect(text).not.toMatch(new RegExp(`(^|[^\\\\])\\*\\*${typed.bold}`));
  if (typed.mention) expect(text).not.toMatch(/<at>/i);
}

describe('text a person typed is shown to others as text, never as Markdown or a mention', () => {
  const hostile = '[Klõpsa siia, et kinnitada](http://evil.example/login) **KIIRE** <at>Siim Spetsialist</at>';
  let bot: Harness;
  let serviceUrl: string;

  beforeAll(async () => {
    bot = await startBot({}, { clock: new ManualClock('2026-11-26T06:00:00.000Z') });
    serviceUrl = bot.connector.url;
    await bot.post(installationUpdate(SIIM, { serviceUrl, inChannel: true }));
    await bot.post(installationUpdate(MARI, { serviceUrl }));
  });
  afterAll(() => bot.close());

  it('in the case card, the relayed chat, the escalation and the notes to the requester', async () => {
    await openCase(bot, MARI, hostile);
    const [thread] = threadIds(bot);
    const threadConv = `${CHANNEL_ID};messageid=${thread}`;
    expectShownAsText(textOf(channelCardOf(bot, thread)), { link: true, bold: 'KIIRE', mention: true });

    await bot.ask(channelClick(SIIM, buttonData(channelCardOf(bot, thread), 'Võta enda peale'), {}, serviceUrl, thread));
    await bot.ask(channelClick(SIIM, buttonData(channelCardOf(bot, thread), 'Vasta pöördujale'), {}, serviceUrl, thread));
    await bot.ask(personalMessage(MARI, hostile, { serviceUrl }));
    const relayedToThread = bot.connector.sends(threadConv).map((call) => textOf(call.body)).find((text) => text.startsWith('Mari Maasikas (pöörduja)'));
    expectShownAsText(relayedToThread ?? '', { link: true, bold: 'KIIRE', mention: true });

    await bot.ask(channelMention(SIIM, '**Tähtis:** [ava see](http://evil.example/login) <at>Mari</at>', { serviceUrl, threadRootId: thread }));
    const relayedToRequester = personalTexts(bot, MARI).find((text) => text.startsWith('Siim Spetsialist (kasutajatugi)'));
    expect(relayedToRequester).toBeDefined();
    expect(relayedToRequester).not.toMatch(/(^|[^\\])\*\*Tähtis/);
    expect(relayedToRequester).not.toMatch(/(^|[^\\])\[ava see[^\\]?\]\(/);
    expect(relayedToRequester).not.toMatch(/<at>/);
    await bot.ask(personalMessage(MARI, 'lõpeta vestlus', { serviceUrl }));

    await bot.ask(channelClick(SIIM, buttonData(channelCardOf(bot, thread), 'Edasta pöördumine'), { escalateTo: 'third_party', escalateName: '**Tarnija** [OÜ](http://evil.example/login)', escalateRef: '<at>JIRA</at> isik 39001010001' }, serviceUrl, thread));
    const note = bot.connector.sends(threadConv).map((call) => textOf(call.body)).find((text) => text.startsWith('Edastatud'));
    expectShownAsText(note ?? '', { link: true, bold: 'KIIRE', mention: true });
    expect(note).not.toMatch(/(^|[^\\])\*\*Tarnija/);
    expect(note).not.toContain('39001010001');
    const told = personalTexts(bot, MARI).find((text) => /edastati lahendamiseks/.test(text));
    expect(told).not.toMatch(/(^|[^\\])\*\*Tarnija|(^|[^\\])\[OÜ[^\\]?\]\(/);
    expectShownAsText(textOf(channelCardOf(bot, thread)), { link: true, bold: 'KIIRE', mention: true });

    await bot.ask(channelClick(SIIM, buttonData(channelCardOf(bot, thread), 'Küsi pöördujalt'), { waitNote: '[Kinnita siin](http://evil.example/login)' }, serviceUrl, thread));
    const asked = personalTexts(bot, MARI).find((text) => /lisainfot/.test(text));
    expect(asked).toContain('http://evil.example/login');
    expect(asked).not.toMatch(/(^|[^\\])\[Kinnita siin[^\\]?\]\(/);
  });

  it('writes a draft under DATA_DIR with personal codes masked (a mistyped one too) and Markdown escaped', async () => {
    const typo = '39001010001'; // the valid code is 39001010000 + checksum; this one has a wrong last digit
    const opened = await openCase(bot, MARI, `**Tähtis** [vaata](http://evil.example/login) isik ${typo}`);
    const [, thread] = threadIds(bot);
    await bot.ask(channelClick(SIIM, buttonData(channelCardOf(bot, thread), 'Märgi lahendatuks'), { resolution: `Parandasin isiku ${typo} andmed.`, saveDraft: 'true' }, serviceUrl, thread));
    const draft = readFileSync(join(bot.dataDir, 'drafts', `${opened.number}.md`), 'utf8');
    expect(draft).not.toContain(typo);
    // Masked before escaping, so a code followed by '(http://…)' cannot turn the mask into a link.
    expect(draft).toContain('\\[isikukood\\]');
    expect(draft).toMatch(/^## \\\*\\\*Tähtis/m);
    expect(draft).not.toMatch(/(^|[^\\])\[vaata[^\\]?\]\(/);
    expect(draft).not.toMatch(/(^|[^\\])\*\*Tähtis/);
  });
});

describe('a draft that cannot be written', () => {
  it('is told to the specialist in words, and the case is still resolved and the requester told', async () => {
    const blocker = join(mkdtempSync(join(tmpdir(), 'tugibot-drafts-')), 'not-a-folder');
    writeFileSync(blocker, 'a file where the drafts folder should be');
    const bot = await startBot({ DRAFTS_DIR: join(blocker, 'drafts') }, { clock: new ManualClock('2026-11-26T06:00:00.000Z') });
    try {
      const serviceUrl = bot.connector.url;
      await bot.post(installationUpdate(SIIM, { serviceUrl, inChannel: true }));
      await bot.post(installationUpdate(KATI, { serviceUrl }));
      const opened = await openCase(bot, KATI, 'SKAIS ei salvesta');
      const [thread] = threadIds(bot);
      const click = channelClick(SIIM, buttonData(channelCardOf(bot, thread), 'Märgi lahendatuks'), { resolution: 'Tühjendage vahemälu.', saveDraft: 'true' }, serviceUrl, thread);
      const replies = await bot.ask(click);
      expect(replies.map(textOf).join('\n')).toMatch(new RegExp(`Pöördumine ${opened.number} on lahendatud ja pöördujale teatatud, kuid artikli mustandit ei saanud salvestada: mustandite kausta asukohas on fail, mitte kaust`));
      expect(personalTexts(bot, KATI).join('\n')).toMatch(/on lahendatud/);
      expect((await storedCase(bot, opened.number)).status).toBe('resolved');
    } finally {
      await bot.close();
    }
  });
});

describe('closed cases past CASE_RETENTION_DAYS', () => {
  it('have their texts masked once, with an audit entry, in the archive on disk', async () => {
    const clock = new ManualClock('2026-01-05T06:00:00.000Z');
    const bot = await startBot({ CASE_RETENTION_DAYS: '30', CASE_REOPEN_DAYS: '14' }, { clock });
    try {
      const serviceUrl = bot.connector.url;
      await bot.post(installationUpdate(SIIM, { serviceUrl, inChannel: true }));
      await bot.post(installationUpdate(KATI, { serviceUrl }));
      const code = '37605030299';
      const opened = await openCase(bot, KATI, `Isiku ${code} pension on vale`);
      const [thread] = threadIds(bot);
      await bot.ask(channelClick(SIIM, buttonData(channelCardOf(bot, thread), 'Märgi lahendatuks'), { resolution: `Parandasin ${code} andmed.` }, serviceUrl, thread));
      const archive = async (): Promise<string> => {
        await bot.app.dataDir.flush();
        const dir = join(bot.dataDir, 'cases');
        return readdirSync(dir).filter((name) => name.startsWith('archive-')).map((name) => readFileSync(join(dir, name), 'utf8')).join('\n');
      };
      const archived = async (): Promise<Case> => {
        await archive();
        const dir = join(bot.dataDir, 'cases');
        const records = readdirSync(dir).filter((name) => name.startsWith('archive-')).flatMap((name) => (JSON.parse(readFileSync(join(dir, name), 'utf8')) as { records: Case[] }).records);
        return records.find((record) => record.id === opened.number)!;
      };

      clock.set(new Date('2026-01-20T06:00:00.000Z'));
      await bot.app.scheduler.tick();
      expect(await archive()).toContain(code);

      clock.set(new Date('2026-02-18T06:00:00.000Z'));
      await bot.app.scheduler.tick();
      expect(await archive()).toContain(code);

      clock.set(new Date('2026-02-20T06:00:00.000Z'));
      await bot.app.scheduler.tick();
      const item = await archived();
      expect(JSON.stringify(item)).not.toContain(code);
      expect(item.description).toBe('Isiku [isikukood] pension on vale');
      expect(item.resolution?.text).toBe('Parandasin [isikukood] andmed.');
      expect(item.history.at(-1)).toMatchObject({ event: 'retention', by: { name: 'tugibot' }, at: '2026-02-20T06:00:00.000Z' });

      clock.set(new Date('2026-02-21T06:00:00.000Z'));
      await bot.app.scheduler.tick();
      const again = await archived();
      expect(again.history.filter((entry) => entry.event === 'retention')).toHaveLength(1);
    } finally {
      await bot.close();
    }
  });
});
