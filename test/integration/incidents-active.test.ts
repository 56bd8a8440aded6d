import { KATI, MARI, cardSubmit, installationUpdate, personalMessage } from '../support/activities.js';
import { buttonData, cardOf, startBot, textOf, type Harness } from '../support/bot-harness.js';
import { signIncident } from '../../src/http/incident-signature.js';

const SECRET = 'webhook-secret-for-tests';
const star = { ref: 'star-down', systems: ['STAR'], severity: 'major', status: 'investigating', title: 'STAR ei salvesta otsuseid', description: 'Uurime.' };

async function postIncident(bot: Harness, body: unknown): Promise<number> {
  const raw = JSON.stringify(body);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const response = await fetch(`${bot.url}/api/incidents`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tugibot-timestamp': timestamp, 'x-tugibot-signature': signIncident(SECRET, timestamp, raw) }, body: raw });
  return response.status;
}

describe('open incidents shown by other features (activeFor through cases and knowledge)', () => {
  let bot: Harness;
  let serviceUrl: string;

  beforeAll(async () => {
    bot = await startBot({ INCIDENT_WEBHOOK_SECRET: SECRET, NOTICE_AUTO_PUBLISH: 'STAR:major' });
    serviceUrl = bot.connector.url;
    for (const person of [KATI, MARI]) await bot.post(installationUpdate(person, { serviceUrl }));
    expect(await postIncident(bot, star)).toBe(201);
  });
  afterAll(() => bot.close());

  async function openCase(person: typeof KATI, system: string): Promise<string> {
    const [form] = await bot.ask(personalMessage(person, 'uus pöördumine', { serviceUrl }));
    const replies = await bot.ask(cardSubmit(person, buttonData(cardOf(form), 'Saada pöördumine'), { system, kind: 'broken', urgency: 'high', description: 'Otsus ei salvestu.' }, { serviceUrl }));
    return replies.map(textOf).join('\n');
  }

  it('tells a user who opens a STAR case about the open STAR incident', async () => {
    const text = await openCase(KATI, 'STAR');
    expect(text).toMatch(/Praegu on teada rike, mis võib sinu küsimust puudutada:\n\n- \*\*STAR\*\*: STAR on aeglane \(olek: uurime\)/);
    expect(text).toMatch(/Sinu pöördumise number on TUGI-/);
  });

  it('speaks of it first when a question to the knowledge base names STAR, not SKAIS', async () => {
    const [first] = await bot.ask(personalMessage(MARI, 'Miks STAR ei salvesta otsust?', { serviceUrl }));
    expect(textOf(first)).toMatch(/^Praegu on teada rike, mis võib sinu küsimust puudutada:\n\n- \*\*STAR\*\*: STAR on aeglane/);
    const skais = await bot.ask(personalMessage(MARI, 'Kuidas SKAISis avaldust parandada?', { serviceUrl }));
    expect(skais.length).toBeGreaterThan(0);
    expect(skais.map(textOf).join('\n')).not.toMatch(/Praegu on teada rike/);
  });

  it('says nothing of it for a SKAIS case, nor once it is resolved', async () => {
    expect(await openCase(MARI, 'SKAIS')).not.toMatch(/Praegu on teada rike/);
    expect(await postIncident(bot, { ...star, status: 'resolved', description: 'Parandatud.' })).toBe(200);
    const text = await openCase(MARI, 'STAR');
    expect(text).not.toMatch(/Praegu on teada rike/);
    const answer = await bot.ask(personalMessage(MARI, 'Miks STAR ei salvesta otsust?', { serviceUrl }));
    expect(answer.map(textOf).join('\n')).not.toMatch(/Praegu on teada rike/);
    expect(text).toMatch(/Sinu pöördumise number on TUGI-/);
  });
});
