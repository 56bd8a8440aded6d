import { MARI, SIIM, cardSubmit, personalMessage, type Person } from '../support/activities.js';
import { buttonData, cardOf, startBot, textOf, type Harness } from '../support/bot-harness.js';
import { useTempDataDir } from '../support/use-temp-data-dir.js';
import { signIncident } from '../../src/http/incident-signature.js';

const SECRET = 'webhook-secret-for-stale-forms';
const ENV = { SPECIALISTS: `${SIIM.aadObjectId},${MARI.aadObjectId}`, INCIDENT_WEBHOOK_SECRET: SECRET, NOTICE_AUTO_PUBLISH: 'SKAIS:critical', BROADCAST_RATE_PER_SECOND: '20' };
const FORM = { systems: 'SKAIS', severity: 'major', status: 'investigating', title: 'SKAIS on aeglane', description: 'Otsuste salvestamine võtab mitu minutit.' };
const CHANGED = /Teadet RIKE-\S+ on vahepeal muutnud Mari Maasikas, seega ma sinu muudatust ei salvestanud ega saatnud\. Siin on teate praegune seis\. Kui soovid seda veel muuta, vajuta kaardil „Lisa uuendus“/;

const temp = useTempDataDir('tugibot-stale-form-');

/** Posts monitoring's incident to the signed webhook. */
async function postIncident(bot: Harness, body: Record<string, unknown>) {
  const raw = JSON.stringify(body);
  const timestamp = String(Math.floor(Date.now() / 1000));
  const response = await fetch(`${bot.url}/api/incidents`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tugibot-timestamp': timestamp, 'x-tugibot-signature': signIncident(SECRET, timestamp, raw) }, body: raw });
  return { status: response.status, body: (await response.json()) as Record<string, string> };
}

describe('an update form older than the stored incident', () => {
  let bot: Harness;
  let serviceUrl: string;
  const say = (person: Person, text: string, locale?: string) => bot.ask(personalMessage(person, text, { serviceUrl, locale }));
  const click = (person: Person, card: Record<string, unknown>, button: string | RegExp, inputs: Record<string, unknown> = {}, locale?: string) =>
    bot.ask(cardSubmit(person, buttonData(cardOf(card), button), inputs, { serviceUrl, locale }));

  /** Siim's new notice, confirmed: its id. */
  async function published(): Promise<string> {
    const [form] = await say(SIIM, 'uus teade');
    const [preview] = await click(SIIM, form, 'Eelvaade', FORM);
    const [sent] = await click(SIIM, preview, 'Kinnita ja saada');
    return /RIKE-[\dA-F-]+/.exec(textOf(sent))![0];
  }

  /** Mari updates the notice from a form of her own, through to confirmation. */
  async function mariChanges(id: string, title: string): Promise<void> {
    const [form] = await say(MARI, `uuenda teadet ${id}`);
    const [preview] = await click(MARI, form, 'Eelvaade', { ...FORM, title });
    const [sent] = await click(MARI, preview, 'Kinnita ja saada');
    expect(textOf(sent)).toMatch(/Kinnitatud: teade RIKE-/);
  }

  /** The notice as the incident list shows it now (read from the store). */
  const listed = async () => textOf((await say(SIIM, 'rikked'))[0]);

  beforeEach(async () => {
    bot = await startBot({ ...ENV, DATA_DIR: temp.path });
    serviceUrl = bot.connector.url;
  });
  afterEach(() => bot.close());

  it('refuses the confirmation of an update previewed before another specialist\'s, and keeps theirs', async () => {
    const id = await published();
    const [list] = await say(SIIM, 'rikked');
    const [form] = await click(SIIM, list, 'Lisa uuendus');
    const [preview] = await click(SIIM, form, 'Eelvaade', { ...FORM, title: 'Siimu pealkiri' });
    await mariChanges(id, 'Mari pealkiri');

    const [refusal, current] = await click(SIIM, preview, 'Kinnita ja saada');
    expect(textOf(refusal)).toMatch(CHANGED);
    expect(textOf(current)).toContain('Mari pealkiri');
    expect(textOf(current)).toContain('[Lisa uuendus]');
    expect(await listed()).toContain('Mari pealkiri');
    expect(await listed()).not.toContain('Siimu pealkiri');

    // From the current state the form opens again, and the update goes through.
    const [again] = await click(SIIM, current, 'Lisa uuendus');
    const [fresh] = await click(SIIM, again, 'Eelvaade', { ...FORM, title: 'Siimu pealkiri' });
    expect(textOf((await click(SIIM, fresh, 'Kinnita ja saada'))[0])).toMatch(/Kinnitatud: teade RIKE-/);
    expect(await listed()).toContain('Siimu pealkiri');
  });

  it('refuses the preview of a form opened before another specialist\'s update, in English too', async () => {
    const id = await published();
    const [form] = await say(SIIM, `update notice ${id}`, 'en-US');
    await mariChanges(id, 'Mari pealkiri');
    const [refusal, current] = await click(SIIM, form, 'Preview', { ...FORM, title: 'Siimu pealkiri' }, 'en-US');
    expect(textOf(refusal)).toMatch(/^Notice RIKE-\S+ has been changed by Mari Maasikas in the meantime, so I have not saved or sent your change\. Here is its current state\. To change it further, press "Post an update" on the card/);
    expect(textOf(current)).toContain('Mari pealkiri');
    expect(await listed()).not.toContain('Siimu pealkiri');
  });

  it('refuses "Mark as resolved" confirmed after another specialist\'s update, leaving the notice open', async () => {
    const id = await published();
    const [list] = await say(SIIM, 'rikked');
    const [preview] = await click(SIIM, list, 'Märgi lahendatuks');
    expect(textOf(preview)).toMatch(/Lahendatud: SKAIS/);
    await mariChanges(id, 'Mari pealkiri');
    const [refusal] = await click(SIIM, preview, 'Kinnita ja saada');
    expect(textOf(refusal)).toMatch(CHANGED);
    const now = await listed();
    expect(now).toContain('Mari pealkiri');
    expect(now).toMatch(/Rike: SKAIS/);
    expect(now).not.toMatch(/Lahendatud: SKAIS/);
  });

  it('refuses a specialist\'s update previewed before monitoring changed the notice; monitoring\'s own update goes through', async () => {
    const opened = await postIncident(bot, { ref: 'mon-7', systems: ['SKAIS'], severity: 'critical', status: 'investigating', title: 'SKAIS ei avane', description: 'Sisselogimine ei tööta.' });
    expect(opened.status).toBe(201);
    const [form] = await say(SIIM, `uuenda teadet ${opened.body.id}`);
    const [preview] = await click(SIIM, form, 'Eelvaade', { ...FORM, severity: 'critical', title: 'SKAIS ei avane', description: 'Siimu kirjeldus' });
    const update = await postIncident(bot, { ref: 'mon-7', systems: ['SKAIS'], severity: 'critical', status: 'identified', title: 'SKAIS ei avane', description: 'Sisselogimine ei tööta.' });
    expect(update).toMatchObject({ status: 200, body: { id: opened.body.id, status: 'identified' } });

    const [refusal, current] = await click(SIIM, preview, 'Kinnita ja saada');
    expect(textOf(refusal)).toMatch(/^Teadet RIKE-\S+ on vahepeal muutnud seiresüsteem, seega ma sinu muudatust ei salvestanud ega saatnud/);
    expect(textOf(current)).toMatch(/Olek: põhjus on leitud/);
    const now = await listed();
    expect(now).toMatch(/Olek: põhjus on leitud/);
    expect(now).not.toContain('Siimu kirjeldus');
  });

  it('takes an update from a form of the current version, whose version is signed: an edited or added one is refused', async () => {
    const id = await published();
    const [form] = await say(SIIM, `uuenda teadet ${id}`);
    const previewButton = buttonData(cardOf(form), 'Eelvaade');
    expect(previewButton.args).toMatchObject({ id, v: 1 });
    await mariChanges(id, 'Mari pealkiri');

    // The version edited to the current one: the signature no longer matches.
    const tampered = { ...previewButton, args: { ...previewButton.args, v: 2 } };
    const [refused] = await bot.ask(cardSubmit(SIIM, tampered, { ...FORM, title: 'Siimu pealkiri' }, { serviceUrl }));
    expect(textOf(refused)).toMatch(/Selle kaardi andmed ei ühti nendega, mille ma saatsin/);
    // The current version as a form input beside the signed data: the signed version counts.
    const [stale] = await bot.ask(cardSubmit(SIIM, previewButton, { ...FORM, title: 'Siimu pealkiri', v: 2 }, { serviceUrl }));
    expect(textOf(stale)).toMatch(CHANGED);
    expect(await listed()).toContain('Mari pealkiri');

    const [fresh] = await say(SIIM, `uuenda teadet ${id}`);
    const [preview] = await click(SIIM, fresh, 'Eelvaade', { ...FORM, title: 'Siimu pealkiri' });
    expect(buttonData(cardOf(preview), 'Kinnita ja saada').args).toMatchObject({ id, v: 2 });
    expect(textOf((await click(SIIM, preview, 'Kinnita ja saada'))[0])).toMatch(/Kinnitatud: teade RIKE-/);
    expect(await listed()).toContain('Siimu pealkiri');
  });
});
