import { CHANNEL_ID, KATI, MARI, SIIM, TEAM_ID, cardSubmit, executeInvoke, installationUpdate, personalConversationId, personalMessage } from '../support/activities.js';
import { buttonData, cardOf, startBot, textOf, type Harness } from '../support/bot-harness.js';
import { ALERTMANAGER_TOKEN, alertmanager } from '../support/alertmanager.js';
import { reportCsv } from '../support/report-file.js';

const TOKEN = ALERTMANAGER_TOKEN;
const ENV = { ALERTMANAGER_TOKEN: TOKEN, BROADCAST_RATE_PER_SECOND: '40', DIRECTORY_FILE: 'test/fixtures/directory.json', NOTICE_AUTO_PUBLISH: 'STAR:critical' };

const DISK = { alertname: 'DiskFull', system: 'SKAIS', severity: 'warning', instance: 'skais-db1:9100', mountpoint: '/var' };
const DISK_NOTE = { summary: 'Disk /var is 95% full on skais-db1', description: 'node_filesystem_avail_bytes below 5%' };

/** Every message in the specialists' channel and its threads, as it reads now. */
function deskMessages(bot: Harness): Array<{ conversationId: string; id: string; activity: Record<string, unknown> }> {
  const conversations = bot.connector.conversationIds().filter((id) => id.startsWith(CHANNEL_ID));
  return [...conversations].flatMap((conversationId) => bot.connector.messagesIn(conversationId).map((message) => ({ conversationId, ...message })));
}

const personalNotices = (bot: Harness, conversationId: string) => bot.connector.messagesIn(conversationId).filter((message) => JSON.stringify(message.activity).includes('RIKE-'));

describe('monitoring goes to the desk first', () => {
  let bot: Harness;
  let serviceUrl: string;
  const people = [KATI, MARI];

  beforeAll(async () => {
    bot = await startBot(ENV);
    serviceUrl = bot.connector.url;
    for (const person of [SIIM, ...people]) await bot.post(installationUpdate(person, { serviceUrl }));
    await bot.post(installationUpdate(SIIM, { serviceUrl, inChannel: true }));
  });
  afterAll(() => bot.close());

  it('posts a firing alert to the specialists\' channel as a draft with the raw alert and the template text, and to nobody else', async () => {
    expect((await alertmanager(bot.url, 'g-disk', 'firing', DISK, DISK_NOTE)).status).toBe(201);
    await bot.connector.waitFor(() => deskMessages(bot).some((message) => textOf(message.activity).includes('Mustand ülevaatamiseks')), 10_000);
    const draft = textOf(deskMessages(bot).find((message) => textOf(message.activity).includes('Mustand'))!.activity);
    expect(draft).toContain('skais-db1:9100');
    expect(draft).toContain('Disk /var is 95% full on skais-db1');
    expect(draft).toMatch(/teade läheb 4 vestlusse \(1 kanalisse ja 3 inimesele/);
    expect(JSON.stringify(deskMessages(bot))).toContain('SKAIS töötab alates 07.12.2026 10:05 tavapärasest aeglasemalt');
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const person of [SIIM, ...people]) expect(personalNotices(bot, personalConversationId(person))).toHaveLength(0);
    const [list] = await bot.ask(personalMessage(KATI, 'rikked', { serviceUrl }));
    expect(textOf(list)).not.toContain('SKAIS on aeglane');
  });

  it('publishes with one click, with the specialist\'s edits, to subscribers; the raw alert stays with the desk', async () => {
    const draft = deskMessages(bot).find((message) => textOf(message.activity).includes('Mustand'))!;
    const publish = buttonData(cardOf(draft.activity), 'Avalda');
    const inThread = { conversation: { id: `${CHANNEL_ID};messageid=${draft.id}`, conversationType: 'channel', isGroup: true }, channelData: { team: { id: TEAM_ID }, channel: { id: CHANNEL_ID } }, replyToId: draft.id };
    const inputs = { title: 'SKAIS on aeglane', description: 'SKAIS-i otsuste salvestamine on aeglane. Tegeleme sellega.', titleEn: 'SKAIS is slow', descriptionEn: 'Saving decisions in SKAIS is slow. We are on it.' };
    const [kati] = await bot.ask(cardSubmit(KATI, publish, inputs, { serviceUrl, ...inThread }));
    expect(textOf(kati)).toMatch(/ainult kasutajatoe spetsialistid/);
    const [published] = await bot.ask(cardSubmit(SIIM, publish, inputs, { serviceUrl, ...inThread }));
    expect(textOf(published)).toMatch(/Avaldatud: teade RIKE-/);
    const [twice] = await bot.ask(cardSubmit(SIIM, publish, inputs, { serviceUrl, ...inThread }));
    expect(textOf(twice)).toMatch(/juba avaldatud \(Siim Spetsialist\)/);
    for (const person of people) {
      await bot.connector.waitFor(() => personalNotices(bot, personalConversationId(person)).length === 1, 10_000);
      const notice = JSON.stringify(personalNotices(bot, personalConversationId(person))[0].activity);
      expect(notice).toContain('SKAIS-i otsuste salvestamine on aeglane');
      expect(notice).not.toMatch(/skais-db1|DiskFull|95%/);
      expect(notice).toContain('Sain aru');
    }
    await bot.connector.waitFor(() => deskMessages(bot).some((message) => textOf(message.activity).includes('Avaldatud teade: SKAIS') && textOf(message.activity).includes('Avaldas Siim Spetsialist')), 10_000);
  });

  it('counts "Sain aru" once per person, only from that person, by department, in the report', async () => {
    const card = cardOf(personalNotices(bot, personalConversationId(KATI))[0].activity);
    const ack = buttonData(card, 'Sain aru');
    await bot.post(executeInvoke(MARI, ack, {}, { serviceUrl }));
    // Refused at the edge (the card is sealed for Kati), before the handler's own check.
    await bot.connector.waitFor(() => JSON.stringify(bot.connector.messagesIn(personalConversationId(MARI))).includes('See kaart saadeti teisele inimesele'));
    const first = await bot.post(executeInvoke(KATI, ack, {}, { serviceUrl }));
    expect(first.status).toBe(200);
    expect(JSON.stringify(first.body)).toMatch(/Märkisid .* et said teatest aru/);
    expect(JSON.stringify(first.body)).not.toContain('"Sain aru"');
    await bot.post(executeInvoke(KATI, ack, {}, { serviceUrl }));
    const report = () => deskMessages(bot).map((message) => JSON.stringify(message.activity)).find((text) => text.includes('Kinnitanud'));
    // Departments come from the directory in the background; the report is redrawn when they are known.
    await bot.connector.waitFor(() => /Kinnitanud \(„Sain aru“\)","value":"1 \/ 3"/.test(report() ?? '') && /Hüvitiste osakond/.test(report() ?? ''), 10_000);
    expect(report()).toMatch(/Hüvitiste osakond: 2 \/ 1 \/ 0, 2/);
    expect(report()).toMatch(/Arendustalitus: 1 \/ 0 \/ 0, 1/);
  });

  it('gives the delivery report as CSV with who got it, when, and who acknowledged', async () => {
    const id = /RIKE-\d{8}-[0-9A-F]{4}/.exec(JSON.stringify(personalNotices(bot, personalConversationId(KATI))[0].activity))![0];
    const [refused] = await bot.ask(personalMessage(KATI, `teate aruanne ${id}`, { serviceUrl }));
    expect(textOf(refused)).toMatch(/ainult kasutajatoe spetsialistid/);
    const lines = (await reportCsv(bot, SIIM, `teate aruanne ${id}`)).split('\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1 + 4);
    expect(lines).toContain('kind,person_id,person,department,conversation,outcome,last_delivery_at,acknowledged_at,failure');
    const kati = lines.find((line) => line.includes(KATI.aadObjectId))!;
    expect(kati).toMatch(/^personal,a1a1a1a1-0000-4000-8000-000000000001,Kati Kasutaja,Hüvitiste osakond,a:personal-a1a1a1a1-0000-4000-8000-000000000001,kohale jõudnud,\d\d\.\d\d\.\d{4} \d\d:\d\d,\d\d\.\d\d\.\d{4} \d\d:\d\d,$/);
    expect(lines.find((line) => line.includes(MARI.aadObjectId))).toMatch(/,kohale jõudnud,[^,]+,,$/);
  });

  it('resolves the published notice in place when the alert resolves', async () => {
    expect((await alertmanager(bot.url, 'g-disk', 'resolved', DISK, DISK_NOTE)).status).toBe(200);
    for (const person of people) {
      await bot.connector.waitFor(() => /Lahendatud: SKAIS/.test(JSON.stringify(personalNotices(bot, personalConversationId(person))[0]?.activity)), 10_000);
      expect(personalNotices(bot, personalConversationId(person))).toHaveLength(1);
    }
  });

  it('withdraws a draft whose alert resolves before it is published, telling nobody', async () => {
    const sendsBefore = people.map((person) => bot.connector.sends(personalConversationId(person)).length);
    const cpu = { alertname: 'HighLoad', system: 'SKAIS', severity: 'warning', instance: 'skais-app2:9100' };
    expect((await alertmanager(bot.url, 'g-cpu', 'firing', cpu, { summary: 'Load above 20 on skais-app2' })).status).toBe(201);
    await bot.connector.waitFor(() => deskMessages(bot).some((message) => textOf(message.activity).includes('skais-app2') && textOf(message.activity).includes('Mustand ülevaatamiseks')), 10_000);
    expect((await alertmanager(bot.url, 'g-cpu', 'resolved', cpu, { summary: 'Load above 20 on skais-app2' })).status).toBe(200);
    await bot.connector.waitFor(() => deskMessages(bot).some((message) => textOf(message.activity).includes('skais-app2') && textOf(message.activity).includes('Mustand võeti tagasi')), 10_000);
    expect(people.map((person) => bot.connector.sends(personalConversationId(person)).length)).toEqual(sendsBefore);
  });

  it('refuses to publish from a card older than monitoring\'s update of the draft, and shows the current draft', async () => {
    const mem = { alertname: 'MemoryLow', system: 'SKAIS', severity: 'warning', instance: 'skais-app3:9100' };
    const onDesk = (words: string) => deskMessages(bot).find((message) => textOf(message.activity).includes(words) && textOf(message.activity).includes('Mustand ülevaatamiseks'));
    expect((await alertmanager(bot.url, 'g-mem', 'firing', mem, { summary: 'Memory below 5% on skais-app3' })).status).toBe(201);
    await bot.connector.waitFor(() => onDesk('Memory below 5%') !== undefined, 10_000);
    const card = onDesk('Memory below 5%')!;
    const stale = buttonData(cardOf(card.activity), 'Avalda');
    // Monitoring updates the draft while the specialist still has the first card open.
    expect((await alertmanager(bot.url, 'g-mem', 'firing', mem, { summary: 'Memory below 1% on skais-app3' })).status).toBe(200);
    await bot.connector.waitFor(() => onDesk('Memory below 1%') !== undefined, 10_000);
    const sendsBefore = people.map((person) => bot.connector.sends(personalConversationId(person)).length);
    const updatesBefore = bot.connector.ofKind('update').filter((call) => call.activityId === card.id).length;
    const inThread = { conversation: { id: `${CHANNEL_ID};messageid=${card.id}`, conversationType: 'channel', isGroup: true }, channelData: { team: { id: TEAM_ID }, channel: { id: CHANNEL_ID } }, replyToId: card.id };
    const inputs = { title: 'SKAIS-i mälu on otsas', description: 'Vana kaardi tekst.' };
    const replies = await bot.ask(cardSubmit(SIIM, stale, inputs, { serviceUrl, ...inThread }));
    expect(textOf(replies[0])).toMatch(/on vahepeal muutnud seiresüsteem, seega ma sinu muudatust ei salvestanud ega saatnud/);
    expect(people.map((person) => bot.connector.sends(personalConversationId(person)).length)).toEqual(sendsBefore);
    // The clicked card is redrawn with the current draft, whose button publishes it.
    await bot.connector.waitFor(() => bot.connector.ofKind('update').filter((call) => call.activityId === card.id).length > updatesBefore);
    const current = onDesk('Memory below 1%')!;
    expect(current.id).toBe(card.id);
    const [published] = await bot.ask(cardSubmit(SIIM, buttonData(cardOf(current.activity), 'Avalda'), inputs, { serviceUrl, ...inThread }));
    expect(textOf(published)).toMatch(/Avaldatud: teade RIKE-/);
  });

  it('publishes without review only under the operator\'s rule, and then only the template text', async () => {
    const star = { alertname: 'StarDown', system: 'STAR', severity: 'critical', instance: 'star-web3.ska.local:443' };
    expect((await alertmanager(bot.url, 'g-star', 'firing', star, { summary: 'probe_success == 0 on star-web3', description: 'blackbox exporter' })).status).toBe(201);
    for (const person of people) {
      await bot.connector.waitFor(() => personalNotices(bot, personalConversationId(person)).some((message) => JSON.stringify(message.activity).includes('STAR ei tööta')), 10_000);
      const notice = JSON.stringify(personalNotices(bot, personalConversationId(person)).find((message) => JSON.stringify(message.activity).includes('STAR'))!.activity);
      expect(notice).toContain('STAR ei tööta alates 07.12.2026 10:05');
      expect(notice).not.toMatch(/star-web3|StarDown|probe_success|blackbox/);
    }
    await bot.connector.waitFor(() => deskMessages(bot).some((message) => textOf(message.activity).includes('Avaldatud ülevaatuseta operaatori reegli alusel')), 10_000);
  });
});
