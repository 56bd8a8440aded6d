import { ALERTMANAGER_TOKEN, alertmanager } from '../support/alertmanager.js';
import { CHANNEL_ID, KATI, MARI, SIIM, TEAM_ID, cardSubmit, installationUpdate, personalConversationId, personalMessage } from '../support/activities.js';
import { buttonData, cardOf, startBot, textOf, type Harness } from '../support/bot-harness.js';
import { FakeGraph } from '../support/fake-graph.js';
import { GraphDirectory } from '../../src/features/directory/index.js';

const TOOMAS = { id: 'a7a7a7a7-0000-4000-8000-000000000007', displayName: 'Toomas Tamm', department: 'Hüvitiste osakond', jobTitle: 'Toetuste spetsialist' };
const JAAN = { id: 'd4d4d4d4-0000-4000-8000-000000000004', displayName: 'Jaan Juht', department: 'Hüvitiste osakond', jobTitle: 'Osakonna juhataja' };
const EVE = { id: 'e5e5e5e5-0000-4000-8000-000000000005', displayName: 'Eve Infoturve', department: 'Üldosakond', jobTitle: 'Infoturbejuht' };
const TIINA = { id: 'f6f6f6f6-0000-4000-8000-000000000006', displayName: 'Tiina Talitusejuhataja', department: 'Arendustalitus', jobTitle: 'Talituse juhataja' };
const ARVO = { id: 'a8a8a8a8-0000-4000-8000-000000000008', displayName: 'Arvo Arendaja', department: 'Arendustalitus', jobTitle: 'Arendaja' };
const SKAIS_USERS = '0a0a0a0a-0000-4000-8000-00000000000a';
const form = { systems: 'SKAIS', severity: 'major', status: 'investigating', title: 'Pensionide moodul on aeglane', description: 'Otsuste salvestamine võtab mitu minutit.' };
const chatOf = (id: string) => `19:${id}_bot@unq.gbl.spaces`;

describe('a notice targeted by department and Entra group, reaching people who never opened the bot', () => {
  const graph = new FakeGraph({ pageSize: 2, devicesInGroups: true });
  let bot: Harness;
  let serviceUrl: string;
  const notices = (conversationId: string) => bot.connector.sends(conversationId).filter((call) => JSON.stringify(call.body).includes('RIKE-'));
  const lastReport = () => {
    const messages = bot.connector.messagesIn(personalConversationId(SIIM)).filter((message) => /Kohale jõudnud/.test(JSON.stringify(message.activity)));
    return JSON.stringify(messages[messages.length - 1]?.activity ?? {});
  };

  async function preview(inputs: Record<string, string>) {
    const [formCard] = await bot.ask(personalMessage(SIIM, 'uus teade', { serviceUrl }));
    const [card] = await bot.ask(cardSubmit(SIIM, buttonData(cardOf(formCard), 'Eelvaade'), { ...form, ...inputs }, { serviceUrl }));
    return card;
  }

  beforeAll(async () => {
    await graph.start();
    graph.addUsers(
      { id: KATI.aadObjectId, displayName: KATI.name, department: 'Hüvitiste osakond', jobTitle: 'Pensionide menetleja' },
      { id: MARI.aadObjectId, displayName: MARI.name, department: 'hüvitiste osakond', jobTitle: 'Pensionide menetleja' },
      { id: SIIM.aadObjectId, displayName: SIIM.name, department: 'Arendustalitus', jobTitle: 'Kasutajatoe peaspetsialist' },
      TOOMAS, JAAN, EVE, TIINA, ARVO,
    );
    graph.addGroup({ id: 'nested-1', displayName: 'Juhid', members: [TIINA.id] });
    graph.addGroup({ id: SKAIS_USERS, displayName: 'SKAIS kasutajad', members: [EVE.id, 'nested-1', KATI.aadObjectId] });
    graph.addGroup({ id: 'devs', displayName: 'Arendajad', members: [ARVO.id] });
    const client = new GraphDirectory({ baseUrl: graph.url, tokens: { token: async () => 'graph-token' } });
    bot = await startBot(
      { ALERTMANAGER_TOKEN, BROADCAST_RATE_PER_SECOND: '20', PROACTIVE_INSTALL: 'on', TEAMS_APP_CATALOG_ID: 'c0ffee00-0000-4000-8000-00000000abcd', GRAPH_INSTALL_RATE_PER_SECOND: '20' },
      { directory: client, installGraph: client },
    );
    serviceUrl = bot.connector.url;
    for (const person of [SIIM, KATI]) await bot.post(installationUpdate(person, { serviceUrl }));
    await bot.post(installationUpdate(SIIM, { serviceUrl, inChannel: true }));
  });
  afterAll(async () => {
    await bot.close();
    await graph.stop();
  });

  it('names the audience and its size in the preview, and who the bot will install itself for', async () => {
    const card = await preview({ departments: 'Hüvitiste osakond', groups: 'SKAIS kasutajad' });
    const text = textOf(card);
    expect(text).toMatch(/Sihtrühm: osakond: Hüvitiste osakond; grupp: SKAIS kasutajad\. Kokku 6 inimest\./);
    // The channel and KATI have chats; MARI, TOOMAS, JAAN, EVE and TIINA (through the nested group) do not.
    expect(text).toMatch(/saadan selle teate 2 vestlusse: 1 kanalisse ja 1 inimesele sihtrühmast/);
    expect(text).toMatch(/Neist 5 pole robotiga veel vestelnud: paigaldan roboti neile/);
    expect(graph.installed.size).toBe(0);
  });

  it('refuses a group the directory does not know, naming it', async () => {
    const card = await preview({ groups: 'Olematu grupp' });
    expect(textOf(card)).toMatch(/Gruppi „Olematu grupp“ ma kataloogist ei leia/);
  });

  it('installs the bot for them after confirmation, sends to everyone in the audience once, and reports the installs', async () => {
    const card = await preview({ departments: 'Hüvitiste osakond', groups: 'SKAIS kasutajad' });
    await bot.ask(cardSubmit(SIIM, buttonData(cardOf(card), 'Kinnita ja saada'), {}, { serviceUrl }));
    const newcomers = [MARI.aadObjectId, TOOMAS.id, JAAN.id, EVE.id, TIINA.id];
    await bot.connector.waitFor(() => newcomers.every((id) => notices(chatOf(id)).length === 1) && notices(personalConversationId(KATI)).length === 1, 20_000);
    expect(notices(personalConversationId(SIIM))).toHaveLength(0);
    expect(notices(chatOf(ARVO.id))).toHaveLength(0);
    expect([...graph.installed.keys()].sort()).toEqual([...newcomers].sort());
    await bot.connector.waitFor(() => /Kohale jõudnud","value":"7 \/ 7"/.test(lastReport()) && /Robot paigaldatud","value":"5"/.test(lastReport()), 20_000);
    expect(notices(CHANNEL_ID)).toHaveLength(1);
  }, 40_000);

  it('lets the desk target monitoring\'s draft, showing who it reaches before publishing', async () => {
    expect((await alertmanager(bot.url, 'g-slow', 'firing', { alertname: 'Slow', system: 'SKAIS', severity: 'warning', instance: 'skais-app1' }, { summary: 'p95 above 5 s' })).status).toBe(201);
    const deskMessages = () => bot.connector.conversationIds().filter((id) => id.startsWith(CHANNEL_ID)).flatMap((conversationId) => bot.connector.messagesIn(conversationId).map((message) => ({ conversationId, ...message })));
    await bot.connector.waitFor(() => deskMessages().some((message) => /Mustand ülevaatamiseks/.test(JSON.stringify(message.activity))), 10_000);
    const draft = deskMessages().find((message) => /Mustand ülevaatamiseks/.test(JSON.stringify(message.activity)))!;
    const inThread = { conversation: { id: `${CHANNEL_ID};messageid=${draft.id}`, conversationType: 'channel', isGroup: true }, channelData: { team: { id: TEAM_ID }, channel: { id: CHANNEL_ID } }, replyToId: draft.id };
    const inputs = { title: 'SKAIS on aeglane', description: 'Tegeleme sellega.', jobTitles: 'Toetuste spetsialist' };
    const [changed] = await bot.ask(cardSubmit(SIIM, buttonData(cardOf(draft.activity), 'Avalda'), inputs, { serviceUrl, ...inThread }));
    expect(textOf(changed)).toMatch(/Sihtrühm muutus, seega ma teadet veel ei avaldanud/);
    const redrawn = bot.connector.messagesIn(draft.conversationId).find((message) => message.id === draft.id)!.activity;
    const shown = JSON.stringify(redrawn);
    expect(shown).toMatch(/Sihtrühm: ametinimetus: Toetuste spetsialist\. Kokku 1 inimest\./);
    expect(shown).toMatch(/1 inimesele sihtrühmast/);
    const [published] = await bot.ask(cardSubmit(SIIM, buttonData(cardOf(redrawn), 'Avalda'), inputs, { serviceUrl, ...inThread }));
    expect(textOf(published)).toMatch(/Avaldatud: teade RIKE-/);
    await bot.connector.waitFor(() => notices(chatOf(TOOMAS.id)).length === 2, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(notices(personalConversationId(KATI))).toHaveLength(1);
    expect(notices(chatOf(MARI.aadObjectId))).toHaveLength(1);
  }, 30_000);

  it('without the permission says how many people it cannot reach, in the report and the next preview', async () => {
    graph.canInstall = false;
    // Teams announces MARI's chat after the install: the same chat under the id Teams uses, not a second person.
    await bot.post(installationUpdate(MARI, { serviceUrl }));
    const card = await preview({ groups: 'Arendajad', jobTitles: 'Pensionide menetleja' });
    await bot.ask(cardSubmit(SIIM, buttonData(cardOf(card), 'Kinnita ja saada'), {}, { serviceUrl }));
    await bot.connector.waitFor(() => /Ei saa teadet kätte \(robotit pole ja paigaldada ei saa\)","value":"1"/.test(lastReport()), 20_000);
    await bot.connector.waitFor(() => notices(personalConversationId(MARI)).length === 1, 10_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(notices(chatOf(MARI.aadObjectId))).toHaveLength(1);
    expect(graph.installed.has(ARVO.id)).toBe(false);
    const again = await preview({ groups: 'Arendajad' });
    expect(textOf(again)).toMatch(/Neist 1 inimest ei saa teadet kätte: nad pole robotiga vestelnud ja Microsoft Graph keelas roboti paigaldamise/);
  }, 40_000);
});

describe('an install whose chat Graph does not give', () => {
  it('sends once Teams announces the chat (conversationUpdate), on the next tick', async () => {
    const graph = new FakeGraph({ chatsReadable: false });
    await graph.start();
    graph.addUsers({ id: SIIM.aadObjectId, displayName: SIIM.name, department: 'Arendustalitus' }, { id: MARI.aadObjectId, displayName: MARI.name, department: 'Hüvitiste osakond' });
    const client = new GraphDirectory({ baseUrl: graph.url, tokens: { token: async () => 'graph-token' } });
    const bot = await startBot({ PROACTIVE_INSTALL: 'on', TEAMS_APP_CATALOG_ID: 'c0ffee00-0000-4000-8000-00000000abcd', SCHEDULER_INTERVAL_SECONDS: '3600' }, { directory: client, installGraph: client });
    try {
      const serviceUrl = bot.connector.url;
      await bot.post(installationUpdate(SIIM, { serviceUrl }));
      const [formCard] = await bot.ask(personalMessage(SIIM, 'uus teade', { serviceUrl }));
      const [card] = await bot.ask(cardSubmit(SIIM, buttonData(cardOf(formCard), 'Eelvaade'), { ...form, departments: 'Hüvitiste osakond' }, { serviceUrl }));
      await bot.ask(cardSubmit(SIIM, buttonData(cardOf(card), 'Kinnita ja saada'), {}, { serviceUrl }));
      await bot.connector.waitFor(() => graph.installed.has(MARI.aadObjectId) && graph.calls.some((call) => call.path.endsWith('/chat')), 10_000);
      const mari = personalConversationId(MARI);
      // Past the installer's own widening (half a second after an install): only the tick can find the chat now.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(bot.connector.sends(mari)).toHaveLength(0);
      await bot.post(installationUpdate(MARI, { serviceUrl }));
      for (const feature of bot.app.features) await feature.tick?.(new Date());
      await bot.connector.waitFor(() => bot.connector.sends(mari).filter((call) => JSON.stringify(call.body).includes('RIKE-')).length === 1, 10_000);
    } finally {
      await bot.close();
      await graph.stop();
    }
  }, 30_000);
});
