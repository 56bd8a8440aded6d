import { CHANNEL_ID, KATI, MARI, SIIM, TEAM_ID, cardSubmit, channelMention, executeInvoke, installationUpdate, personalConversationId, personalMessage, type Person } from '../support/activities.js';
import { buttonData, cardOf, startBot, textOf, type Harness } from '../support/bot-harness.js';
import type { FakeConnector } from '../support/fake-connector.js';
import { signIncident } from '../../src/http/incident-signature.js';
import { ManualClock } from '../../src/shared/clock.js';

const SECRET = 'webhook-secret-for-tests';
const ENV = { INCIDENT_WEBHOOK_SECRET: SECRET, BROADCAST_RATE_PER_SECOND: '40', NOTICE_AUTO_PUBLISH: 'STAR:critical' };
const PEOPLE = [KATI, MARI];
/** 09.12.2026 18:00-20:00 in Tallinn (UTC+2), announced 24 h before: 08.12.2026 18:00. */
const FORM = { systems: 'SKAIS', startDate: '2026-12-09', startTime: '18:00', endDate: '2026-12-09', endTime: '20:00', lead: '24h' };

type Message = { conversationId: string; id: string; activity: Record<string, unknown> };

/** Every message in the specialists' channel and its threads. */
const channelMessages = (connector: FakeConnector): Message[] =>
  connector.conversationIds().filter((id) => id.startsWith(CHANNEL_ID)).flatMap((conversationId) => connector.messagesIn(conversationId).map((message) => ({ conversationId, ...message })));

const notices = (connector: FakeConnector, conversationId: string, id: string) => connector.messagesIn(conversationId).filter((message) => JSON.stringify(message.activity).includes(id));
const reminders = (connector: FakeConnector, conversationId: string) => connector.sends(conversationId).filter((call) => JSON.stringify(call.body).includes('Hooldus algas'));

async function postIncident(bot: Harness, body: unknown): Promise<number> {
  const raw = JSON.stringify(body);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const response = await fetch(`${bot.url}/api/incidents`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tugibot-timestamp': timestamp, 'x-tugibot-signature': signIncident(SECRET, timestamp, raw) }, body: raw });
  return response.status;
}

describe('planned maintenance', () => {
  const clock = new ManualClock('2026-12-07T08:00:00Z');
  let bot: Harness;
  let connector: FakeConnector;
  let id = '';
  let deskCard: Record<string, unknown> | undefined;
  const common = () => ({ serviceUrl: connector.url });
  const say = (person: Person, text: string, locale?: string) => bot.ask(personalMessage(person, text, { ...common(), locale }));
  const click = (person: Person, card: Record<string, unknown> | undefined, title: string | RegExp, inputs: Record<string, unknown> = {}, locale?: string) =>
    bot.ask(cardSubmit(person, buttonData(card, title), inputs, { ...common(), locale }));
  const noticeOf = (person: Person, of = id) => notices(connector, personalConversationId(person), of);
  const settle = () => new Promise((resolve) => setTimeout(resolve, 300));

  /** `uus hooldus` as Siim, the form filled with `form`; the answer to "Next". */
  async function preview(form: Record<string, string>, locale?: string) {
    const [formCard] = await say(SIIM, locale ? 'new maintenance' : 'uus hooldus', locale);
    return click(SIIM, cardOf(formCard), /Edasi|Next/, form, locale);
  }

  /** Schedules a maintenance through the form and preview, with the template's texts as shown; its id and the desk's card. */
  async function schedule(form: Record<string, string>): Promise<{ id: string; card: Record<string, unknown> | undefined; replies: Array<Record<string, unknown>>; again: () => Promise<Array<Record<string, unknown>>> }> {
    const [shown] = await preview(form);
    const inputs = Object.fromEntries(((cardOf(shown)?.body ?? []) as Array<Record<string, unknown>>).filter((item) => item.type === 'Input.Text').map((item) => [item.id, item.value]));
    const replies = await click(SIIM, cardOf(shown), 'Kinnita ja planeeri', inputs);
    const found = /HOOLDUS-\d{8}-[0-9A-F]{4}/.exec(textOf(replies[0]));
    return { id: found?.[0] ?? '', card: cardOf(replies[1]), replies, again: () => click(SIIM, cardOf(shown), 'Kinnita ja planeeri', inputs) };
  }

  beforeAll(async () => {
    bot = await startBot(ENV, { clock });
    connector = bot.connector;
    for (const person of [SIIM, ...PEOPLE]) await bot.post(installationUpdate(person, common()));
    await bot.post(installationUpdate(SIIM, { ...common(), inChannel: true }));
  });
  afterAll(async () => {
    await bot.close();
    await connector.stop();
  });

  it('is for specialists only, in their channel or a personal chat', async () => {
    const [refused] = await say(KATI, 'uus hooldus');
    expect(textOf(refused)).toMatch(/ainult kasutajatoe spetsialistid/);
    const [inChannel] = await bot.ask(channelMention(SIIM, 'uus hooldus', { ...common(), channelId: '19:other0000000000000000000000000@thread.tacv2' }));
    expect(textOf(inChannel)).toMatch(/spetsialistide kanalis või isiklikus vestluses/);
    const [form] = await bot.ask(channelMention(SIIM, 'uus hooldus', common()));
    expect(textOf(form)).toMatch(/Uus planeeritud hooldus/);
    expect(JSON.stringify(cardOf(form))).toMatch(/"id":"lead".*"value":"24h"/);
    expect(JSON.stringify(cardOf(form))).toMatch(/72 tundi enne algust.*24 tundi enne algust.*2 tundi enne algust.*kohe/);
  });

  it('refuses bad times with clear errors in both languages', async () => {
    expect(textOf((await preview({ ...FORM, endDate: '2026-12-09', endTime: '17:00' }))[0])).toMatch(/Hoolduse lõpp peab olema pärast algust/);
    expect(textOf((await preview({ ...FORM, endTime: '18:00' }))[0])).toMatch(/Hoolduse lõpp peab olema pärast algust/);
    expect(textOf((await preview({ ...FORM, startDate: '2026-12-07', startTime: '09:00' }))[0])).toMatch(/Hoolduse algus on juba möödas/);
    expect(textOf((await preview({ ...FORM, startDate: '2026-13-40' }))[0])).toMatch(/Palun täida või paranda need väljad: Algus/);
    expect(textOf((await preview({ ...FORM, systems: '' }))[0])).toMatch(/väljad: Süsteem/);
    expect(textOf((await preview({ ...FORM, endTime: '17:00' }, 'en-US'))[0])).toMatch(/The maintenance must end after it starts/);
    expect(textOf((await preview({ ...FORM, startDate: '2026-12-06' }, 'en-US'))[0])).toMatch(/The start of the maintenance is already in the past/);
  });

  it('previews with the audience size and the template text, and schedules on confirm, once', async () => {
    const [shown] = await preview(FORM);
    const text = JSON.stringify(cardOf(shown));
    expect(textOf(shown)).toMatch(/Teade läheb välja 08\.12\.2026 18:00 ja praeguse seisuga saab selle 4 vestlust: 1 kanalit ja 3 inimest/);
    expect(text).toContain('SKAIS ei ole hoolduse tõttu kättesaadav 09.12.2026 18:00 kuni 09.12.2026 20:00');
    expect(text).toContain('SKAIS will be unavailable for maintenance from 09.12.2026 18:00 to 09.12.2026 20:00');
    const scheduled = await schedule(FORM);
    id = scheduled.id;
    deskCard = scheduled.card;
    expect(textOf(scheduled.replies[0])).toMatch(/^Planeeritud: hooldus HOOLDUS-20261207-[0-9A-F]{4}\. Teade läheb välja 08\.12\.2026 18:00\.$/);
    expect(textOf((await scheduled.again())[0])).toMatch(/juba otsustanud Siim Spetsialist/);
    expect(textOf(scheduled.replies[1])).toMatch(/Planeeritud hooldus: SKAIS[\s\S]*Algus: 09\.12\.2026 18:00[\s\S]*Lõpp: 09\.12\.2026 20:00[\s\S]*Teade läheb välja: 08\.12\.2026 18:00[\s\S]*\[Pikenda\][\s\S]*\[Tühista\]/);
  });

  it('sends nothing before the announce time; the list shows it to the desk only', async () => {
    // The incident form would publish it early: a maintenance changes only through its own buttons.
    expect(textOf((await say(SIIM, `uuenda teadet ${id}`))[0])).toMatch(/See on planeeritud hooldus\. Selle lõppu saab muuta nupuga „Pikenda“/);
    await bot.app.scheduler.tick();
    clock.set('2026-12-08T15:59:00Z');
    await bot.app.scheduler.tick();
    await settle();
    for (const person of [SIIM, ...PEOPLE]) expect(noticeOf(person)).toHaveLength(0);
    expect(channelMessages(connector).filter((message) => JSON.stringify(message.activity).includes(id))).toHaveLength(0);
    expect(textOf((await say(KATI, 'rikked'))[0])).toMatch(/Praegu ei ole teada ühtegi riket ega katkestust/);
    expect(textOf((await say(SIIM, 'rikked'))[0])).toMatch(/Planeeritud hooldused \(1\)[\s\S]*Teade läheb välja: 08\.12\.2026 18:00/);
  });

  it('sends the notice at the announce time through the outbox, one message per conversation, with "Sain aru"', async () => {
    clock.set('2026-12-08T16:00:00Z');
    await bot.app.scheduler.tick();
    for (const person of PEOPLE) await connector.waitFor(() => noticeOf(person).length === 1, 10_000);
    await connector.waitFor(() => channelMessages(connector).some((message) => JSON.stringify(message.activity).includes(id)), 10_000);
    await bot.app.scheduler.tick();
    await settle();
    const card = noticeOf(KATI)[0].activity;
    expect(textOf(card)).toMatch(/Planeeritud hooldus: SKAIS[\s\S]*Olek: tulemas[\s\S]*Algus: 09\.12\.2026 18:00[\s\S]*Lõpp: 09\.12\.2026 20:00/);
    expect(textOf(card)).not.toMatch(/Pikenda|Tühista/);
    for (const person of PEOPLE) expect(noticeOf(person)).toHaveLength(1);
    const pressed = await bot.post(executeInvoke(KATI, buttonData(cardOf(card), 'Sain aru'), {}, common()));
    expect(JSON.stringify(pressed.body)).toMatch(/Märkisid .* et said teatest aru/);
    const desk = channelMessages(connector).find((message) => JSON.stringify(message.activity).includes(id) && textOf(message.activity).includes('Planeeritud hooldus'));
    expect(textOf(desk!.activity)).toMatch(/\[Pikenda\][\s\S]*\[Tühista\]/);
    // The reach is reported under the notice in the specialists' channel, as for monitoring's notices.
    await connector.waitFor(() => connector.messagesIn(desk!.conversationId).some((message) => /Kohale jõudnud: 4 \/ 4[\s\S]*hoolduse ajakava järgi/.test(textOf(message.activity))), 10_000);
  });

  it('lists current incidents and upcoming maintenance separately, in both languages', async () => {
    expect(await postIncident(bot, { ref: 'star-1', systems: ['STAR'], severity: 'critical', status: 'investigating', title: 'STAR ei avane', description: 'Uurime.' })).toBe(201);
    const listed = textOf((await say(KATI, 'rikked'))[0]);
    expect(listed).toMatch(/Rikked \(1\)[\s\S]*STAR ei tööta[\s\S]*Planeeritud hooldused \(1\)[\s\S]*Planeeritud hooldus: SKAIS[\s\S]*Algus: 09\.12\.2026 18:00/);
    expect(listed).not.toMatch(/Teade läheb välja/);
    const english = textOf((await say(KATI, 'incidents', 'en-US'))[0]);
    expect(english).toMatch(/Incidents \(1\)[\s\S]*STAR is down[\s\S]*Planned maintenance \(1\)[\s\S]*Starts: 09\.12\.2026 18:00[\s\S]*Ends: 09\.12\.2026 20:00/);
  });

  it('survives a restart; at the start edits the notice in place and sends one short reminder', async () => {
    await bot.close(true);
    bot = await startBot(ENV, { clock }, { dataDir: bot.dataDir, connector });
    await bot.app.scheduler.tick();
    clock.set('2026-12-09T16:00:00Z');
    await bot.app.scheduler.tick();
    for (const person of PEOPLE) {
      await connector.waitFor(() => textOf(noticeOf(person)[0].activity).includes('Hooldus käib: SKAIS'), 10_000);
      await connector.waitFor(() => reminders(connector, personalConversationId(person)).length === 1, 10_000);
    }
    const thread = channelMessages(connector).find((message) => JSON.stringify(message.activity).includes(id))!.conversationId;
    await connector.waitFor(() => reminders(connector, thread).length === 1, 10_000);
    expect(JSON.stringify(reminders(connector, personalConversationId(KATI))[0].body)).toMatch(/Hooldus algas:\*\* SKAIS ei ole kättesaadav kuni 09\.12\.2026 20:00/);
    await bot.app.scheduler.tick();
    await settle();
    for (const person of PEOPLE) {
      expect(reminders(connector, personalConversationId(person))).toHaveLength(1);
      expect(noticeOf(person)).toHaveLength(1);
    }
  });

  it('cannot be cancelled once started, is named before answers about its system, and a specialist extends it past the old end', async () => {
    expect(textOf((await click(SIIM, deskCard, 'Jah, tühista hooldus'))[0])).toMatch(/juba alanud, seega seda tühistada ei saa/);
    // A question about the system hears of the maintenance first (the open STAR incident is not about SKAIS).
    const [first] = await say(KATI, 'Miks SKAIS ei avane?');
    expect(textOf(first)).toMatch(/^Praegu käib planeeritud hooldus, mis võib sinu küsimust puudutada:\n\n- \*\*SKAIS\*\*: SKAIS on hoolduse ajal kättesaamatu \(kuni 09\.12\.2026 20:00\)$/);
    const end = { [`endDate-${id}`]: '2026-12-09', [`endTime-${id}`]: '19:00' };
    const desk = channelMessages(connector).find((message) => textOf(message.activity).includes(`Hooldus käib: SKAIS`) && JSON.stringify(message.activity).includes(id))!;
    const inThread = { conversation: { id: desk.conversationId, conversationType: 'channel', isGroup: true }, channelData: { team: { id: TEAM_ID }, channel: { id: CHANNEL_ID } }, replyToId: desk.id };
    const [refused] = await bot.ask(cardSubmit(KATI, buttonData(cardOf(desk.activity), 'Salvesta uus lõpp'), { ...end, [`endTime-${id}`]: '23:00' }, { ...common(), ...inThread }));
    expect(textOf(refused)).toMatch(/ainult kasutajatoe spetsialistid/);
    expect(textOf((await click(SIIM, deskCard, 'Salvesta uus lõpp', end))[0])).toMatch(/Uus lõpp peab olema hilisem kui praegune lõpp \(09\.12\.2026 20:00\)/);
    const [extended] = await click(SIIM, deskCard, 'Salvesta uus lõpp', { ...end, [`endTime-${id}`]: '21:30' });
    expect(textOf(extended)).toMatch(/on pikendatud: uus lõpp on 09\.12\.2026 21:30\. Välja läinud teated muudan kohapeal\./);
    for (const person of PEOPLE) await connector.waitFor(() => /Hooldust pikendati: uus lõpp on 09\.12\.2026 21:30 \(varem 09\.12\.2026 20:00\)/.test(textOf(noticeOf(person)[0].activity)), 10_000);
    clock.set('2026-12-09T18:30:00Z');
    await bot.app.scheduler.tick();
    await settle();
    for (const person of PEOPLE) expect(textOf(noticeOf(person)[0].activity)).toMatch(/Hooldus käib: SKAIS/);
  });

  it('resolves itself at the end, edited in place as ended', async () => {
    clock.set('2026-12-09T19:30:00Z');
    await bot.app.scheduler.tick();
    for (const person of PEOPLE) await connector.waitFor(() => textOf(noticeOf(person)[0].activity).includes('Hooldus lõppenud: SKAIS'), 10_000);
    expect(textOf(noticeOf(MARI)[0].activity)).not.toContain('[Sain aru]');
    expect(textOf(noticeOf(MARI)[0].activity)).toMatch(/Olek: lõppenud/);
    for (const person of PEOPLE) expect(noticeOf(person)).toHaveLength(1);
    expect(textOf((await click(SIIM, deskCard, 'Salvesta uus lõpp', { [`endDate-${id}`]: '2026-12-10', [`endTime-${id}`]: '10:00' }))[0])).toMatch(/juba lõppenud või tühistatud/);
    expect(textOf((await say(KATI, 'rikked'))[0])).not.toMatch(/Planeeritud hooldused/);
  });

  it('cancelled before the start: an announced notice is edited in place, an unannounced one tells nobody', async () => {
    const announced = await schedule({ ...FORM, startDate: '2026-12-11', startTime: '10:00', endDate: '2026-12-11', endTime: '12:00', lead: 'now' });
    expect(textOf(announced.replies[0])).toMatch(/Teade läks saatmisele/);
    for (const person of PEOPLE) await connector.waitFor(() => noticeOf(person, announced.id).length === 1, 10_000);
    const [cancelled] = await click(SIIM, announced.card, 'Jah, tühista hooldus');
    expect(textOf(cancelled)).toMatch(/on tühistatud\. Välja läinud teated muudan kohapeal tühistatuks\./);
    for (const person of PEOPLE) await connector.waitFor(() => /Hooldus tühistatud: SKAIS[\s\S]*töötab tavapäraselt/.test(textOf(noticeOf(person, announced.id)[0].activity)), 10_000);

    const quiet = await schedule({ ...FORM, startDate: '2026-12-14', startTime: '10:00', endDate: '2026-12-14', endTime: '12:00' });
    const [gone] = await click(SIIM, quiet.card, 'Jah, tühista hooldus');
    expect(textOf(gone)).toMatch(/Teade polnud veel välja läinud, seega kedagi ei teavitatud/);
    clock.set('2026-12-13T09:00:00Z');
    await bot.app.scheduler.tick();
    await settle();
    for (const person of PEOPLE) expect(noticeOf(person, quiet.id)).toHaveLength(0);
  });
});

describe('planned maintenance with the clock moved by TUGIBOT_NOW, restarting as an outside check does', () => {
  it('goes out at the announce time and, after sleeping through the start, resolves at the end with one edit', async () => {
    let bot = await startBot({ ...ENV, TUGIBOT_NOW: '2026-12-07T08:00:00Z' });
    const connector = bot.connector;
    const restartAt = async (now: string) => {
      await bot.close(true);
      bot = await startBot({ ...ENV, TUGIBOT_NOW: now }, {}, { dataDir: bot.dataDir, connector });
      await bot.app.scheduler.tick();
    };
    try {
      await bot.post(installationUpdate(KATI, { serviceUrl: connector.url }));
      const [formCard] = await bot.ask(personalMessage(SIIM, 'uus hooldus', { serviceUrl: connector.url }));
      const [shown] = await bot.ask(cardSubmit(SIIM, buttonData(cardOf(formCard), /Edasi/), FORM, { serviceUrl: connector.url }));
      const inputs = Object.fromEntries(((cardOf(shown)?.body ?? []) as Array<Record<string, unknown>>).filter((item) => item.type === 'Input.Text').map((item) => [item.id, item.value]));
      const [planned] = await bot.ask(cardSubmit(SIIM, buttonData(cardOf(shown), 'Kinnita ja planeeri'), inputs, { serviceUrl: connector.url }));
      const id = /HOOLDUS-\d{8}-[0-9A-F]{4}/.exec(textOf(planned))![0];
      const notice = () => notices(connector, personalConversationId(KATI), id);

      await restartAt('2026-12-08T15:59:00Z');
      await new Promise((resolve) => setTimeout(resolve, 300));
      expect(notice()).toHaveLength(0);
      await restartAt('2026-12-08T16:00:05Z');
      await connector.waitFor(() => notice().length === 1, 10_000);
      expect(textOf(notice()[0].activity)).toMatch(/Planeeritud hooldus: SKAIS/);
      await restartAt('2026-12-09T18:00:05Z');
      await connector.waitFor(() => textOf(notice()[0]?.activity ?? {}).includes('Hooldus lõppenud: SKAIS'), 10_000);
      expect(notice()).toHaveLength(1);
      expect(reminders(connector, personalConversationId(KATI))).toHaveLength(0);
    } finally {
      await bot.close();
      await connector.stop();
    }
  });
});
