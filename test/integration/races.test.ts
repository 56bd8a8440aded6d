import { CHANNEL_ID, KATI, MARI, SIIM, TEAM_ID, cardSubmit, installationUpdate, personalConversationId, personalMessage, type Person } from '../support/activities.js';
import { buttonData, cardOf, startBot, textOf, type Harness } from '../support/bot-harness.js';
import { ManualClock } from '../../src/shared/clock.js';
import { reportCsv } from '../support/report-file.js';

const JUHT: Person = { aadObjectId: 'd4d4d4d4-0000-4000-8000-000000000004', name: 'Jaan Juht' };
const EVE: Person = { aadObjectId: 'e5e5e5e5-0000-4000-8000-000000000005', name: 'Eve Infoturve' };
type Data = ReturnType<typeof buttonData>;
type Replies = Array<Record<string, unknown>>;

const APOLOGY = /Vabandust|Sorry/;
const ALREADY = /juba otsustanud|juba saadetud|juba loobunud/;

/**
 * Every pair of buttons on every card kind, pressed at the same moment (two concurrent HTTP posts):
 * one of them decides, the other is told who decided first, nobody gets the generic apology, and
 * what is stored is what the winner decided.
 */
describe('two buttons pressed at the same moment', () => {
  const clock = new ManualClock('2026-11-26T08:00:00.000Z');
  let bot: Harness;
  let serviceUrl: string;

  const texts = (replies: Replies) => replies.map(textOf).join('\n');
  const threadOf = (id: string) => ({ id: `${CHANNEL_ID};messageid=${id}`, conversationType: 'channel', isGroup: true });
  const channelClick = (person: Person, data: Data, inputs: Record<string, unknown>, id: string) =>
    bot.ask(cardSubmit(person, data, inputs, { serviceUrl, replyToId: id, conversation: threadOf(id), channelData: { team: { id: TEAM_ID }, channel: { id: CHANNEL_ID } } }));
  const channelMessages = () => {
    const found: Array<{ id: string; message: Record<string, unknown> }> = [];
    for (let id = 1000; id < 1000 + bot.connector.calls.length + 10; id += 1) {
      const message = bot.connector.message(`${CHANNEL_ID};messageid=${id}`, String(id));
      if (message) found.push({ id: String(id), message });
    }
    return found;
  };
  const latestCard = (id: string) => cardOf(bot.connector.message(`${CHANNEL_ID};messageid=${id}`, id)!);

  /** Both answers arrive, exactly one of them says who decided first, and none apologises. */
  function expectOneWinner(first: Replies, second: Replies): 0 | 1 {
    const all = [texts(first), texts(second)];
    expect(all.join('\n')).not.toMatch(APOLOGY);
    const losers = all.map((text) => ALREADY.test(text));
    expect(losers.filter(Boolean)).toHaveLength(1);
    return losers[0] ? 1 : 0;
  }

  beforeAll(async () => {
    bot = await startBot({ DIRECTORY_FILE: 'test/fixtures/directory.json', BROADCAST_RATE_PER_SECOND: '50', SPECIALISTS: `${SIIM.aadObjectId},${MARI.aadObjectId}` }, { clock });
    serviceUrl = bot.connector.url;
    await bot.post(installationUpdate(SIIM, { serviceUrl, inChannel: true }));
    for (const person of [KATI, MARI, SIIM, JUHT, EVE]) await bot.post(installationUpdate(person, { serviceUrl }));
  });
  afterAll(() => bot.close());

  async function requestAccess(roles: string): Promise<{ approve: Data; reject: Data }> {
    const [form] = await bot.ask(personalMessage(KATI, 'ligipääs', { serviceUrl }));
    await bot.ask(cardSubmit(KATI, buttonData(cardOf(form), 'Saada taotlus'), { kind: 'grant', subject: KATI.aadObjectId, system: 'STAR', roles, justification: 'Koolitus', start: '2026-11-27', end: '2026-12-31' }, { serviceUrl }));
    const approval = cardOf(bot.connector.sends(personalConversationId(JUHT)).at(-1)!.body);
    return { approve: buttonData(approval, 'Kooskõlasta'), reject: buttonData(approval, 'Lükka tagasi') };
  }

  it('access approval: approve and reject together decide once, and the loser hears who decided', async () => {
    const { approve, reject } = await requestAccess('star.test-account');
    const inputs = { comment: 'Otsus' };
    const [a, b] = await Promise.all([bot.ask(cardSubmit(JUHT, approve, inputs, { serviceUrl })), bot.ask(cardSubmit(JUHT, reject, inputs, { serviceUrl }))]);
    const winner = expectOneWinner(a, b);
    expect(texts([a, b][1 - winner])).toMatch(/juba otsustanud Jaan Juht/);
    const notices = bot.connector.sends(personalConversationId(KATI)).map((call) => textOf(call.body)).filter((text) => /LIG-2026-00001 (on kooskõlastatud|lükati tagasi)/.test(text));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(winner === 0 ? /kooskõlastatud/ : /lükati tagasi/);
  });

  it('access task: "done" and "cannot be done" together leave the grant and its revocation consistent', async () => {
    const { approve } = await requestAccess('star.test-account');
    await bot.ask(cardSubmit(JUHT, approve, { comment: 'Sobib' }, { serviceUrl }));
    const task = channelMessages().find((item) => textOf(item.message).includes('Ülesanne LIG-2026-00002/1:'))!;
    const card = cardOf(task.message);
    const [a, b] = await Promise.all([
      channelClick(SIIM, buttonData(card, 'Tehtud'), { reason: 'Ei saa' }, task.id),
      channelClick(SIIM, buttonData(card, 'Ei saa teha'), { reason: 'Ei saa' }, task.id),
    ]);
    const winner = expectOneWinner(a, b);
    expect(texts([a, b][1 - winner])).toMatch(/juba otsustanud Siim Spetsialist/);
    const roles = await reportCsv(bot, SIIM, 'rollid');
    const log = await reportCsv(bot, SIIM, 'ligipääsu logi');
    if (winner === 0) {
      expect(roles).toMatch(/star\.test-account.*LIG-2026-00002/);
      expect(log).not.toMatch(/task-cancelled,Siim Spetsialist,LIG-2026-00002\/2/);
    } else {
      expect(roles).not.toMatch(/LIG-2026-00002/);
      expect(log).toMatch(/task-cancelled,Siim Spetsialist,LIG-2026-00002\/2/);
    }
  });

  const CASE_BUTTONS: Array<[string, Record<string, unknown>]> = [
    ['Võta enda peale', {}],
    ['Vasta pöördujale', {}],
    ['Edasta pöördumine', { escalateTo: 'third_party', escalateName: 'Tarnija OÜ' }],
    ['Küsi pöördujalt', { waitNote: 'Mis kuupäeval?' }],
    ['Märgi lahendatuks', { resolution: 'Tühjendage vahemälu.' }],
  ];
  const pairs = CASE_BUTTONS.flatMap((first, i) => CASE_BUTTONS.slice(i + 1).map((second) => [first, second] as const));

  it.each(pairs.map(([first, second]) => [first[0], second[0], first[1], second[1]]))('case card: "%s" and "%s" together change the case once', async (firstTitle, secondTitle, firstInputs, secondInputs) => {
    const [form] = await bot.ask(personalMessage(KATI, 'uus pöördumine', { serviceUrl }));
    await bot.ask(cardSubmit(KATI, buttonData(cardOf(form), 'Saada pöördumine'), { system: 'SKAIS', kind: 'broken', urgency: 'high', description: `Viga ${firstTitle}/${secondTitle}` }, { serviceUrl }));
    const { id } = channelMessages().at(-1)!;
    // Another specialist moves it first, to a status where both buttons are shown and allowed.
    const titles = [firstTitle, secondTitle];
    if (titles.includes('Küsi pöördujalt')) {
      const [title, inputs] = titles.includes('Võta enda peale') ? CASE_BUTTONS[2] : CASE_BUTTONS[0];
      await channelClick(MARI, buttonData(latestCard(id), title), inputs, id);
    } else if (!titles.includes('Võta enda peale')) {
      await channelClick(MARI, buttonData(latestCard(id), 'Võta enda peale'), {}, id);
    }
    const card = latestCard(id);
    const [a, b] = await Promise.all([
      channelClick(SIIM, buttonData(card, firstTitle as string), firstInputs as Record<string, unknown>, id),
      channelClick(SIIM, buttonData(card, secondTitle as string), secondInputs as Record<string, unknown>, id),
    ]);
    const winner = expectOneWinner(a, b);
    expect(texts([a, b][1 - winner])).toMatch(/on vahepeal juba otsustanud Siim Spetsialist/);
    await bot.ask(personalMessage(KATI, 'lõpeta vestlus', { serviceUrl }));
  });

  it('access approval on two approvers\' cards: one decides, the other hears who decided', async () => {
    const [form] = await bot.ask(personalMessage(KATI, 'ligipääs', { serviceUrl }));
    await bot.ask(cardSubmit(KATI, buttonData(cardOf(form), 'Saada taotlus'), { kind: 'grant', subject: KATI.aadObjectId, system: 'MISP2', roles: 'misp2.query-user', justification: 'Päringud', start: '2026-11-27' }, { serviceUrl }));
    const cardFor = (person: Person) => cardOf(bot.connector.sends(personalConversationId(person)).map((call) => call.body).filter((body) => /ootab sinu kooskõlastust/.test(textOf(body))).at(-1)!);
    const [a, b] = await Promise.all([
      bot.ask(cardSubmit(JUHT, buttonData(cardFor(JUHT), 'Kooskõlasta'), {}, { serviceUrl })),
      bot.ask(cardSubmit(EVE, buttonData(cardFor(EVE), 'Lükka tagasi'), { comment: 'Ei ole vaja' }, { serviceUrl })),
    ]);
    const winner = expectOneWinner(a, b);
    expect(texts([a, b][1 - winner])).toMatch(new RegExp(`on juba otsustanud ${winner === 0 ? 'Jaan Juht \\(kooskõlastatud' : 'Eve Infoturve \\(tagasi lükatud'}`));
  });

  it('substitution approval: approve and reject together decide once', async () => {
    const csv = `person,substitute,from,to,rights\n${KATI.aadObjectId},${MARI.aadObjectId},2026-12-01,2026-12-05,star.test-account`;
    await bot.ask(personalMessage(SIIM, `impordi asendused\n${csv}`, { serviceUrl }));
    const card = cardOf(bot.connector.sends(personalConversationId(JUHT)).map((call) => call.body).filter((body) => /Asendus ASE-.* ootab sinu kinnitust/.test(textOf(body))).at(-1)!);
    const [a, b] = await Promise.all([
      bot.ask(cardSubmit(JUHT, buttonData(card, 'Kinnita'), { comment: 'x' }, { serviceUrl })),
      bot.ask(cardSubmit(JUHT, buttonData(card, 'Lükka tagasi'), { comment: 'x' }, { serviceUrl })),
    ]);
    expectOneWinner(a, b);
  });

  it('requester\'s resolved card: two ratings, or a rating and "reopen", together leave one clear outcome', async () => {
    for (const [first, second] of [['4', '2'], ['5', 'Ava uuesti'], ['Ava uuesti', '3']]) {
      const [form] = await bot.ask(personalMessage(KATI, 'uus pöördumine', { serviceUrl }));
      await bot.ask(cardSubmit(KATI, buttonData(cardOf(form), 'Saada pöördumine'), { system: 'SKAIS', kind: 'broken', urgency: 'high', description: `Hinnang ${first}/${second}` }, { serviceUrl }));
      const { id } = channelMessages().at(-1)!;
      await channelClick(SIIM, buttonData(latestCard(id), 'Märgi lahendatuks'), { resolution: 'Parandatud.' }, id);
      const resolved = bot.connector.messagesIn(personalConversationId(KATI)).filter((item) => /on lahendatud/.test(textOf(item.activity))).at(-1)!;
      const card = cardOf(resolved.activity);
      const [a, b] = await Promise.all([first, second].map((title) => bot.ask(cardSubmit(KATI, buttonData(card, title), {}, { serviceUrl, replyToId: resolved.id }))));
      const winner = expectOneWinner(a, b);
      const channel = textOf(bot.connector.message(`${CHANNEL_ID};messageid=${id}`, id)!);
      const won = [first, second][winner];
      expect(channel).toMatch(won === 'Ava uuesti' ? /Olek: (uus|töös)/ : new RegExp(`Hinnang: ${won}/5`));
    }
  });

  it('knowledge answer: "Yes" and "No" together count once', async () => {
    const [answer] = await bot.ask(personalMessage(MARI, 'unustasin STARi parooli', { serviceUrl }));
    const [a, b] = await Promise.all(['Jah', 'Ei'].map((title) => bot.ask(cardSubmit(MARI, buttonData(cardOf(answer), title), {}, { serviceUrl }))));
    const winner = expectOneWinner(a, b);
    const [report] = await bot.ask(personalMessage(SIIM, 'teadmusbaasi aruanne', { serviceUrl }));
    // The report lists articles with a "No": exactly one click counted, whichever won.
    if (winner === 1) expect(textOf(report)).toMatch(/1 ei aidanud, 0 aitas/);
    else expect(textOf(report)).not.toMatch(/ei aidanud, \d+ aitas/);
  });

  it('incident preview: "confirm" and "cancel" together decide once', async () => {
    const notice = { systems: 'SKAIS', severity: 'major', status: 'investigating', title: 'Aeglane', description: 'Salvestamine on aeglane.', expectedEndDate: '2026-11-26', expectedEndTime: '14:00' };
    for (const [firstTitle, secondTitle] of [['Kinnita ja saada', 'Loobu'], ['Kinnita ja saada', 'Kinnita ja saada']]) {
      const [form] = await bot.ask(personalMessage(SIIM, 'uus teade', { serviceUrl }));
      const [preview] = await bot.ask(cardSubmit(SIIM, buttonData(cardOf(form), 'Eelvaade'), notice, { serviceUrl }));
      const sentBefore = bot.connector.sends(personalConversationId(KATI)).filter((call) => JSON.stringify(call.body).includes('RIKE-')).length;
      const [a, b] = await Promise.all([
        bot.ask(cardSubmit(SIIM, buttonData(cardOf(preview), firstTitle), {}, { serviceUrl })),
        bot.ask(cardSubmit(SIIM, buttonData(cardOf(preview), secondTitle), {}, { serviceUrl })),
      ]);
      const winner = expectOneWinner(a, b);
      const sent = texts([a, b][winner]).includes('Kinnitatud');
      expect(texts([a, b][1 - winner])).toMatch(/juba otsustanud Siim Spetsialist|juba saadetud \(RIKE-.*saatis Siim Spetsialist\)|juba loobunud Siim Spetsialist/);
      if (sent) await bot.connector.waitFor(() => bot.connector.sends(personalConversationId(KATI)).filter((call) => JSON.stringify(call.body).includes('RIKE-')).length > sentBefore);
    }
  });
});
