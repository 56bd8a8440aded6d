import { randomUUID } from 'node:crypto';
import { CHANNEL_ID, SIIM, TEAM_ID, TENANT, cardSubmit, executeInvoke, installationUpdate, personalConversationId, type Person } from '../support/activities.js';
import { buttonData, cardOf, startBot, type Harness } from '../support/bot-harness.js';
import { alertmanager } from '../support/alertmanager.js';

const PEOPLE = 300;
const ENV = { ALERTMANAGER_TOKEN: 'alertmanager-token-for-tests', BROADCAST_RATE_PER_SECOND: '300', BROADCAST_RATE_PER_CONVERSATION: '50', NOTICE_AUTO_PUBLISH: 'STAR:critical' };

/** The desk's report of the notice, in the thread under it in the specialists' channel. */
function deskReport(bot: Harness): { conversationId: string; id: string; text: string } | undefined {
  for (const conversationId of bot.connector.conversationIds().filter((id) => id.startsWith(`${CHANNEL_ID};`))) {
    for (const message of bot.connector.messagesIn(conversationId)) {
      const text = JSON.stringify(message.activity);
      if (text.includes('Kohale jõudnud')) return { conversationId, id: message.id, text };
    }
  }
  return undefined;
}

const acknowledged = (bot: Harness) => /Kinnitanud \(„Sain aru“\)","value":"(\d+) \//.exec(deskReport(bot)?.text ?? '')?.[1];

describe('acknowledgements through HTTP', () => {
  let bot: Harness;
  let people: Person[];
  const noticeOf = (person: Person, nth = 0) => bot.connector.messagesIn(personalConversationId(person)).filter((message) => JSON.stringify(message.activity).includes('Sain aru'))[nth];
  const press = (person: Person, nth = 0) => bot.post(executeInvoke(person, buttonData(cardOf(noticeOf(person, nth).activity), 'Sain aru'), {}, { serviceUrl: bot.connector.url }));

  beforeAll(async () => {
    bot = await startBot(ENV);
    await bot.post(installationUpdate(SIIM, { serviceUrl: bot.connector.url, inChannel: true }));
    people = Array.from({ length: PEOPLE }, (_, index) => ({ aadObjectId: randomUUID(), name: `Inimene ${index}` }));
    for (const person of people) {
      await bot.app.conversations.save({ channel: 'msteams', serviceUrl: bot.connector.url, tenantId: TENANT, conversationId: personalConversationId(person), kind: 'personal', bot: { id: '28:tugibot-test', name: 'Tugibot' }, user: { teamsId: `29:${person.aadObjectId}`, aadObjectId: person.aadObjectId, name: person.name } });
    }
    const star = { alertname: 'StarDown', system: 'STAR', severity: 'critical', instance: 'star-web3:443' };
    expect((await alertmanager(bot.url, 'g-acks', 'firing', star, { summary: 'STAR probe failed' })).status).toBe(201);
    await bot.connector.waitFor(() => people.every((person) => noticeOf(person) !== undefined), 30_000);
    await bot.connector.waitFor(() => acknowledged(bot) === '0', 15_000);
  }, 60_000);
  afterAll(() => bot.close());

  it('counts every one of many concurrent presses once, and edits the report at most every few seconds', async () => {
    const first = people.slice(0, 200);
    const started = Date.now();
    const answers = await Promise.all([...first, ...first.slice(0, 50)].map((person) => press(person)));
    expect(answers.every((answer) => answer.status === 200)).toBe(true);
    await bot.connector.waitFor(() => acknowledged(bot) === '200', 15_000);
    const elapsed = Date.now() - started;
    const report = deskReport(bot)!;
    const edits = bot.connector.ofKind('update').filter((call) => call.conversationId === report.conversationId && call.activityId === report.id && call.at >= started);
    // 250 presses: one edit per ~3 seconds (the first may come at once), not one per press.
    expect(edits.length).toBeLessThanOrEqual(Math.ceil(elapsed / 3000) + 1);
    expect(report.text).toMatch(/\(osakond teadmata\): 300 \/ 200 \/ 0, 300/);
  }, 60_000);

  it('sends one reminder for a critical notice, to those who have not acknowledged, and counts presses on it', async () => {
    const report = deskReport(bot)!;
    const remind = buttonData(cardOf(bot.connector.message(report.conversationId, report.id) as Record<string, unknown>), /Saada meeldetuletus/);
    const inThread = { conversation: { id: report.conversationId, conversationType: 'channel', isGroup: true }, channelData: { team: { id: TEAM_ID }, channel: { id: CHANNEL_ID } }, replyToId: report.id };
    const [sent] = await bot.ask(cardSubmit(SIIM, remind, {}, { serviceUrl: bot.connector.url, ...inThread }));
    expect(JSON.stringify(sent)).toMatch(/Saadan meeldetuletuse 100 inimesele/);
    const [again] = await bot.ask(cardSubmit(SIIM, remind, {}, { serviceUrl: bot.connector.url, ...inThread }));
    expect(JSON.stringify(again)).toMatch(/Meeldetuletus on juba saadetud/);
    const rest = people.slice(200);
    await bot.connector.waitFor(() => rest.every((person) => noticeOf(person, 1) !== undefined), 20_000);
    expect(people.slice(0, 200).every((person) => noticeOf(person, 1) === undefined)).toBe(true);
    expect(JSON.stringify(noticeOf(rest[0], 1).activity)).toMatch(/Meeldetuletus: see rike on kriitiline/);
    await Promise.all(rest.map((person, index) => press(person, index % 2)));
    await bot.connector.waitFor(() => acknowledged(bot) === '300', 15_000);
    expect(deskReport(bot)!.text).toMatch(/Meeldetuletus saadeti .* 100 inimesele \(Siim Spetsialist\)/);
    expect(deskReport(bot)!.text).not.toMatch(/Saada meeldetuletus/);
  }, 60_000);
});
