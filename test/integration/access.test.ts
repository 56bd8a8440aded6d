import { readFileSync } from 'node:fs';
import { CHANNEL_ID, KATI, MARI, SIIM, TEAM_ID, cardSubmit, fileConsentInvoke, installationUpdate, personalConversationId, personalMessage, type Person } from '../support/activities.js';
import { buttonData, cardOf, startBot, textOf, type Harness } from '../support/bot-harness.js';
import { CardSigner } from '../../src/shared/card-signer.js';
import { ManualClock } from '../../src/shared/clock.js';

/** Signs like the bot (the harness's secret): a button as a person could hold it, to test the rules behind the edge. */
const signer = new CardSigner('test-secret-test-secret-test-secret');

const JUHT: Person = { aadObjectId: 'd4d4d4d4-0000-4000-8000-000000000004', name: 'Jaan Juht' };
const EVE: Person = { aadObjectId: 'e5e5e5e5-0000-4000-8000-000000000005', name: 'Eve Infoturve' };
const TIINA: Person = { aadObjectId: 'f6f6f6f6-0000-4000-8000-000000000006', name: 'Tiina Talitusejuhataja' };

describe('access rights through HTTP', () => {
  const clock = new ManualClock('2026-11-26T08:00:00.000Z');
  let bot: Harness;
  let serviceUrl: string;

  const personal = (person: Person) => personalConversationId(person);
  const lastSend = (person: Person) => bot.connector.sends(personal(person)).at(-1)!;
  const sendsText = (person: Person) => bot.connector.sends(personal(person)).map((call) => textOf(call.body)).join('\n---\n');
  /** The task cards in the specialists' channel: thread id and current content. */
  function channelCards(): Array<{ thread: string; id: string; text: string; card: Record<string, unknown> | undefined }> {
    const found = [];
    for (let id = 1000; id < 1000 + bot.connector.calls.length + 10; id += 1) {
      const thread = `${CHANNEL_ID};messageid=${id}`;
      const message = bot.connector.message(thread, String(id));
      if (message) found.push({ thread, id: String(id), text: textOf(message), card: cardOf(message) });
    }
    return found;
  }
  const taskCard = (taskId: string) => channelCards().find((item) => item.text.includes(`Ülesanne ${taskId}:`));
  const channelClick = (person: Person, title: string, taskId: string, inputs: Record<string, unknown> = {}) => {
    const card = taskCard(taskId)!;
    return bot.ask(cardSubmit(person, buttonData(card.card, title), inputs, {
      serviceUrl, replyToId: card.id, conversation: { id: card.thread, conversationType: 'channel', isGroup: true }, channelData: { team: { id: TEAM_ID }, channel: { id: CHANNEL_ID } },
    }));
  };
  async function request(person: Person, inputs: Record<string, unknown>) {
    const [form] = await bot.ask(personalMessage(person, 'ligipääs', { serviceUrl }));
    return bot.ask(cardSubmit(person, buttonData(cardOf(form), 'Saada taotlus'), inputs, { serviceUrl }));
  }
  /** Asks for a report in the personal chat, accepts its file consent card and returns the uploaded CSV. */
  async function reportFile(person: Person, command: string): Promise<string> {
    await bot.ask(personalMessage(person, command, { serviceUrl }));
    const card = bot.connector.consentCards(personal(person)).at(-1)!;
    await bot.post(fileConsentInvoke(person, 'accept', card.content.acceptContext, bot.connector.uploadInfo(card.name), { serviceUrl }));
    return bot.connector.uploads.get(card.name)?.content ?? '';
  }
  const tick = async (at: string) => {
    clock.set(at);
    await bot.app.scheduler.tick();
  };

  beforeAll(async () => {
    bot = await startBot({ DIRECTORY_FILE: 'test/fixtures/directory.json', ACCESS_REMINDER_DAYS: '3' }, { clock });
    serviceUrl = bot.connector.url;
    await bot.post(installationUpdate(SIIM, { serviceUrl, inChannel: true }));
    for (const person of [KATI, MARI, SIIM, JUHT, EVE, TIINA]) await bot.post(installationUpdate(person, { serviceUrl }));
  });
  afterAll(() => bot.close());

  it('shows the form with the manager\'s subordinates to choose from', async () => {
    const [form] = await bot.ask(personalMessage(JUHT, 'Ligipääs', { serviceUrl }));
    const subjects = JSON.stringify(cardOf(form));
    expect(subjects).toContain('Kati Kasutaja, Pensionide menetleja');
    expect(subjects).toContain('Toomas Tamm');
    expect(textOf(form)).toMatch(/Ligipääsutaotlus/);
  });

  it('approves a request: only the approver, once, and the task goes to the channel', async () => {
    const replies = await request(KATI, { kind: 'grant', subject: KATI.aadObjectId, system: 'SKAIS', roles: 'skais.pension-register', justification: 'Pensionide menetlemine', start: '2026-11-26', end: '2026-12-31' });
    expect(replies.map(textOf).join('\n')).toMatch(/Taotlus LIG-2026-00001 on saadetud kooskõlastamiseks \(Jaan Juht\)/);
    const approval = lastSend(JUHT);
    expect(textOf(approval.body)).toMatch(/LIG-2026-00001 ootab sinu kooskõlastust/);
    const approve = buttonData(cardOf(approval.body), 'Kooskõlasta');
    const reject = buttonData(cardOf(approval.body), 'Lükka tagasi');

    // The card was sent to Jaan: another person's click (a replayed payload) is refused at the edge.
    const [notYours] = await bot.ask(cardSubmit(MARI, approve, {}, { serviceUrl }));
    expect(textOf(notYours)).toMatch(/See kaart saadeti teisele inimesele/);
    const [forged] = await bot.ask(cardSubmit(MARI, signer.sign('access.decide', { requestId: 'LIG-2026-00001', approve: true }), {}, { serviceUrl }));
    expect(textOf(forged)).toMatch(/Sa ei ole selle taotluse kooskõlastaja/);

    const messageId = bot.connector.messagesIn(personal(JUHT)).at(-1)!.id;
    await bot.ask(cardSubmit(JUHT, approve, { comment: 'Sobib' }, { serviceUrl, replyToId: messageId }));
    const replaced = bot.connector.message(personal(JUHT), messageId)!;
    expect(textOf(replaced)).toMatch(/LIG-2026-00001: kooskõlastatud/);
    expect(textOf(replaced)).not.toMatch(/\[Kooskõlasta\]/);

    const [twice] = await bot.ask(cardSubmit(JUHT, reject, { comment: 'Ei' }, { serviceUrl, replyToId: messageId }));
    expect(textOf(twice)).toMatch(/Selle kaardi kohta on juba otsustanud Jaan Juht/);
    const [again] = await bot.ask(cardSubmit(JUHT, signer.sign('access.decide', { requestId: 'LIG-2026-00001', approve: false }), { comment: 'Ei' }, { serviceUrl }));
    expect(textOf(again)).toMatch(/Taotluse LIG-2026-00001 on juba otsustanud Jaan Juht \(kooskõlastatud\)/);
    expect(sendsText(KATI)).toMatch(/Ligipääsutaotlus LIG-2026-00001 on kooskõlastatud \(Jaan Juht\)/);

    const task = taskCard('LIG-2026-00001/1')!;
    expect(task.text).toMatch(/Õiguste andmine[\s\S]*Kati Kasutaja[\s\S]*SKAIS[\s\S]*26\.11\.2026 – 31\.12\.2026/);
    expect(taskCard('LIG-2026-00001/2')).toBeUndefined();
    const [refused] = await channelClick(KATI, 'Tehtud', 'LIG-2026-00001/1');
    expect(textOf(refused)).toMatch(/ainult kasutajatoe spetsialistid/);
    await channelClick(SIIM, 'Tehtud', 'LIG-2026-00001/1');
    expect(taskCard('LIG-2026-00001/1')!.text).toMatch(/Seis: tehtud[\s\S]*Lõpetas: Siim Spetsialist/);
    expect(sendsText(KATI)).toMatch(/Ülesanne LIG-2026-00001\/1 on tehtud/);

    const roles = await reportFile(SIIM, 'rollid');
    expect(roles).toMatch(/SKAIS,skais\.pension-register,Riikliku pensionikindlustuse registri andmete töötlemine,a1a1a1a1-0000-4000-8000-000000000001,Kati Kasutaja,2026-11-26,2026-12-31,active,LIG-2026-00001/);
  });

  it('rejects a request with a comment and tells the requester', async () => {
    await request(KATI, { kind: 'grant', subject: KATI.aadObjectId, system: 'STAR', roles: 'star.test-account', justification: 'Koolitus', start: '2026-11-27' });
    const approval = lastSend(JUHT);
    const reject = buttonData(cardOf(approval.body), 'Lükka tagasi');
    const [noComment] = await bot.ask(cardSubmit(JUHT, reject, { comment: '' }, { serviceUrl }));
    expect(textOf(noComment)).toMatch(/kirjuta tagasilükkamise põhjus/);
    await bot.ask(cardSubmit(JUHT, reject, { comment: 'Koolitus on jaanuaris' }, { serviceUrl }));
    expect(sendsText(KATI)).toMatch(/Ligipääsutaotlus LIG-2026-00002 lükati tagasi \(Jaan Juht\)\. Põhjus: Koolitus on jaanuaris/);
    expect(taskCard('LIG-2026-00002/1')).toBeUndefined();
  });

  it('flags a request outside the job description: a reason first, then the ticked acknowledgement', async () => {
    const inputs = { kind: 'grant', subject: MARI.aadObjectId, system: 'SKAIS', roles: 'skais.payments', justification: 'Aastalõpu väljamaksed', start: '2026-11-30', end: '2026-12-20' };
    const [needsReason] = await request(JUHT, inputs);
    expect(textOf(needsReason)).toMatch(/vajab erandi põhjendust: roll „Väljamaksete koostamine ja kinnitamine“ ei vasta ametijuhendile \(Pensionide menetleja\)/);
    await request(JUHT, { ...inputs, flagReason: 'Finantsosakonna asendus detsembris' });
    const approval = lastSend(TIINA);
    expect(textOf(approval.body)).toMatch(/⚠ Erand/);
    const approve = buttonData(cardOf(approval.body), 'Kooskõlasta');
    const [notYours] = await bot.ask(cardSubmit(JUHT, approve, { ack: 'true' }, { serviceUrl }));
    expect(textOf(notYours)).toMatch(/See kaart saadeti teisele inimesele/);
    const [selfApproval] = await bot.ask(cardSubmit(JUHT, signer.sign('access.decide', { requestId: 'LIG-2026-00003', approve: true }), { ack: 'true' }, { serviceUrl }));
    expect(textOf(selfApproval)).toBe('Oma taotlust ei saa ise kooskõlastada. Selle otsustab teine kooskõlastaja.');
    const [noAck] = await bot.ask(cardSubmit(TIINA, approve, { ack: 'false' }, { serviceUrl }));
    expect(textOf(noAck)).toMatch(/märgi palun ruut/);
    await bot.ask(cardSubmit(TIINA, approve, { ack: 'true' }, { serviceUrl }));
    expect(sendsText(JUHT)).toMatch(/LIG-2026-00003 on kooskõlastatud \(Tiina Talitusejuhataja\)/);
    expect(taskCard('LIG-2026-00003/1')!.text).toMatch(/Mari Maasikas/);
  });

  it('imports substitutions from pasted CSV: bad rows reported with line and reason, good rows kept', async () => {
    const csv = readFileSync('test/fixtures/substitutions.csv', 'utf8');
    const [report] = await bot.ask(personalMessage(SIIM, `impordi asendused\n${csv}`, { serviceUrl }));
    const text = textOf(report);
    expect(text).toMatch(/Asendusi kirja pandud: 2\./);
    expect(text).toMatch(/ASE-2026-00001: Kati Kasutaja → Mari Maasikas, 01\.12\.2026 – 14\.12\.2026 \(skais\.pension-register\)/);
    expect(text).toMatch(/ASE-2026-00002: Toomas Tamm → Kati Kasutaja/);
    expect(text).toMatch(/rida 3: puudujat „00000000-0000-4000-8000-000000000099“ ei ole kataloogis/);
    expect(text).toMatch(/rida 4: lõppkuupäev on enne alguskuupäeva/);
    expect(text).toMatch(/rida 5: tundmatu roll: skais\.unknown-role/);
    expect(text).toMatch(/rida 6: real on 3 välja, vaja on 5/);
    const [again] = await bot.ask(personalMessage(SIIM, `import substitutions\n${csv}`, { serviceUrl, locale: 'en-US' }));
    expect(textOf(again)).toMatch(/Substitutions recorded: 0[\s\S]*line 2: this substitution is already recorded \(ASE-2026-00001\)/);
    const [upcoming] = await bot.ask(personalMessage(SIIM, 'asendused', { serviceUrl }));
    expect(textOf(upcoming)).toMatch(/ASE-2026-00001.*ootab kinnitust[\s\S]*ASE-2026-00002/);
    // Nothing is granted until the absent person's manager approves.
    expect(taskCard('ASE-2026-00001/1')).toBeUndefined();
    const approvals = bot.connector.sends(personal(JUHT)).map((call) => call.body).filter((body) => /Asendus ASE-2026-0000[12] ootab sinu kinnitust/.test(textOf(body)));
    expect(approvals).toHaveLength(2);
    await bot.ask(cardSubmit(JUHT, buttonData(cardOf(approvals[0]), 'Kinnita'), {}, { serviceUrl }));
    expect(sendsText(SIIM)).toMatch(/Asendus ASE-2026-00001 on kinnitatud \(Jaan Juht\)/);
    await bot.ask(cardSubmit(JUHT, buttonData(cardOf(approvals[1]), 'Kinnita'), {}, { serviceUrl }));
    expect(taskCard('ASE-2026-00001/1')!.text).toMatch(/Õiguste andmine[\s\S]*Mari Maasikas[\s\S]*01\.12\.2026 – 15\.12\.2026/);
    const [notSpecialist] = await bot.ask(personalMessage(KATI, 'asendused', { serviceUrl }));
    expect(textOf(notSpecialist)).toMatch(/ainult kasutajatoe spetsialistid/);
  });

  it('creates the revocation at the end date, reminds before it, and raises it daily while overdue', async () => {
    await tick('2026-12-27T08:00:00Z');
    expect(taskCard('LIG-2026-00001/2')).toBeUndefined();
    await tick('2026-12-28T08:00:00Z');
    expect(taskCard('LIG-2026-00001/2')!.text).toMatch(/Õiguste lõpetamine[\s\S]*Kati Kasutaja[\s\S]*Tähtaeg: 31\.12\.2026/);

    const digests = () => bot.connector.sends(CHANNEL_ID).map((call) => textOf((call.body.activity ?? {}) as Record<string, unknown>)).filter((text) => text.includes('Tähtaja ületanud'));
    const before = digests().length;
    await tick('2027-01-01T08:00:00Z');
    expect(digests().length).toBe(before + 1);
    expect(digests().at(-1)).toMatch(/LIG-2026-00001\/2 – Õiguste lõpetamine, Kati Kasutaja/);
    await tick('2027-01-01T15:00:00Z');
    expect(digests().length).toBe(before + 1);
    await tick('2027-01-02T08:00:00Z');
    expect(digests().length).toBe(before + 2);

    const tasks = await reportFile(SIIM, 'ülesanded');
    expect(tasks).toMatch(/LIG-2026-00001\/2,revoke,Kati Kasutaja,SKAIS,skais\.pension-register,2026-12-31,2,yes/);
    await channelClick(SIIM, 'Tehtud', 'LIG-2026-00001/2');
    const roles = await reportFile(SIIM, 'rollid');
    expect(roles).not.toMatch(/LIG-2026-00001/);
    await tick('2027-01-03T08:00:00Z');
    expect(digests().at(-1)).not.toMatch(/LIG-2026-00001\/2/);

    const log = await reportFile(SIIM, 'ligipääsu logi');
    expect(log).toMatch(/revoked,Siim Spetsialist,LIG-2026-00001\/2,Kati Kasutaja/);
    expect(log).toMatch(/approved,Jaan Juht,LIG-2026-00001,Kati Kasutaja/);
  });

  it('closes every account of a leaver on a manager\'s request, without an approval step', async () => {
    const [refused] = await request(KATI, { kind: 'close', subject: KATI.aadObjectId, justification: 'Lahkun', start: '2027-01-03' });
    expect(textOf(refused)).toMatch(/ainult tema juht või kasutajatoe spetsialist/);
    const replies = await request(JUHT, { kind: 'close', subject: MARI.aadObjectId, justification: 'Töösuhe lõpeb', start: '2027-01-04' });
    expect(replies.map(textOf).join('\n')).toMatch(/Taotlus LIG-2027-00001 on kirja pandud ja kasutajatoele on loodud ülesanne \(tähtaeg 04\.01\.2027\)/);
    expect(taskCard('LIG-2027-00001/1')!.text).toMatch(/Kõigi kontode ja rollide sulgemine[\s\S]*Mari Maasikas[\s\S]*kõik süsteemid/);
    await channelClick(SIIM, 'Ei saa teha', 'LIG-2027-00001/1', { reason: '' }).then(([reply]) => expect(textOf(reply)).toMatch(/kirjuta, miks/));
    await channelClick(SIIM, 'Tehtud', 'LIG-2027-00001/1');
    expect(sendsText(JUHT)).toMatch(/Ülesanne LIG-2027-00001\/1 on tehtud: Kõigi kontode ja rollide sulgemine/);
  });

  it('imports the CSV from the import card, where line breaks survive', async () => {
    const [card] = await bot.ask(personalMessage(SIIM, 'impordi asendused', { serviceUrl }));
    const csv = 'person,substitute,from,to,rights\na7a7a7a7-0000-4000-8000-000000000007,c3c3c3c3-0000-4000-8000-000000000003,2027-02-01,2027-02-10,"rr.query; skais.read-only"\nbad,row';
    const [report] = await bot.ask(cardSubmit(SIIM, buttonData(cardOf(card), 'Impordi'), { csv }, { serviceUrl }));
    expect(textOf(report)).toMatch(/Asendusi kirja pandud: 1\.[\s\S]*rida 3: real on 2 välja/);
  });

  it('separation of duties: a specialist who names himself the substitute gets nothing without someone else\'s approval', async () => {
    const csv = `person,substitute,from,to,rights\n${EVE.aadObjectId},${SIIM.aadObjectId},2027-01-11,2027-01-20,misp2.permission-manager;skais.payments`;
    const [report] = await bot.ask(personalMessage(SIIM, `impordi asendused\n${csv}`, { serviceUrl }));
    const id = /ASE-\d{4}-\d{5}/.exec(textOf(report))![0];
    expect(textOf(report)).toMatch(/ootab kinnitust[\s\S]*alles pärast seda, kui puuduja juht/);
    expect(taskCard(`${id}/1`)).toBeUndefined();
    const card = bot.connector.sends(personal(TIINA)).map((call) => call.body).find((body) => textOf(body).includes(`Asendus ${id} ootab sinu kinnitust`))!;
    const approve = buttonData(cardOf(card), 'Kinnita');
    expect(textOf((await bot.ask(cardSubmit(SIIM, approve, {}, { serviceUrl })))[0])).toMatch(/See kaart saadeti teisele inimesele/);
    // Even with a button of his own (signed for him), neither he nor an outsider may approve it.
    const forged = signer.sign('access.substitution.decide', { id, approve: true });
    const [own] = await bot.ask(cardSubmit(SIIM, forged, {}, { serviceUrl }));
    expect(textOf(own)).toMatch(new RegExp(`Sa ei saa kinnitada asendust ${id}, sest oled selles puuduja või asendaja`));
    const [other] = await bot.ask(cardSubmit(KATI, forged, {}, { serviceUrl }));
    expect(textOf(other)).toMatch(new RegExp(`Sa ei ole asenduse ${id} kinnitaja`));
    expect(taskCard(`${id}/1`)).toBeUndefined();
    await bot.ask(cardSubmit(TIINA, approve, {}, { serviceUrl }));
    expect(taskCard(`${id}/1`)!.text).toMatch(/Siim Spetsialist/);
    const [fulfilOwn] = await channelClick(SIIM, 'Tehtud', `${id}/1`);
    expect(textOf(fulfilOwn)).toMatch(new RegExp(`Ülesanne ${id}/1 puudutab sinu enda õigusi`));
    expect(taskCard(`${id}/1`)!.text).toMatch(/Seis: avatud/);
    const log = await reportFile(SIIM, 'ligipääsu logi');
    expect(log).toMatch(new RegExp(`substitution-approved,Tiina Talitusejuhataja,${id},Siim Spetsialist`));
  });

  it('separation of duties: with no manager to ask, another specialist approves in the channel, never the one who recorded it', async () => {
    const csv = `person,substitute,from,to,rights\n${TIINA.aadObjectId},${KATI.aadObjectId},2027-01-12,2027-01-13,skais.read-only`;
    const [report] = await bot.ask(personalMessage(SIIM, `impordi asendused\n${csv}`, { serviceUrl }));
    const id = /ASE-\d{4}-\d{5}/.exec(textOf(report))![0];
    const card = channelCards().find((item) => item.text.includes(`Asendus ${id} ootab sinu kinnitust`))!;
    const [own] = await bot.ask(cardSubmit(SIIM, buttonData(card.card, 'Kinnita'), {}, {
      serviceUrl, replyToId: card.id, conversation: { id: card.thread, conversationType: 'channel', isGroup: true }, channelData: { team: { id: TEAM_ID }, channel: { id: CHANNEL_ID } },
    }));
    expect(textOf(own)).toMatch(/Sa ei saa kinnitada asendust/);
  });

  it('separation of duties: the subject never approves, whoever filed; with nobody left, the catalogue\'s named approvers decide', async () => {
    const replies = await request(SIIM, { kind: 'grant', subject: SIIM.aadObjectId, subjectId: TIINA.aadObjectId, system: 'SKAIS', roles: 'skais.user-admin', justification: 'Juhi ligipääs', flagReason: 'Erand', start: '2027-01-11' });
    const text = replies.map(textOf).join('\n');
    const id = /LIG-\d{4}-\d{5}/.exec(text)![0];
    expect(text).toMatch(new RegExp(`Taotlus ${id} on saadetud kooskõlastamiseks kataloogis nimetatud kooskõlastajatele \\(Eve Infoturve\\)`));
    expect(bot.connector.sends(personal(TIINA)).map((call) => textOf(call.body)).join('\n')).not.toContain(`${id} ootab sinu kooskõlastust`);
    const card = bot.connector.sends(personal(EVE)).map((call) => call.body).find((body) => textOf(body).includes(`${id} ootab sinu kooskõlastust`))!;
    expect(textOf(card)).toMatch(/kataloogis nimetatud kooskõlastajana/);
    const [bySubject] = await bot.ask(cardSubmit(TIINA, signer.sign('access.decide', { requestId: id, approve: true }), { ack: 'true' }, { serviceUrl }));
    expect(textOf(bySubject)).toMatch(/Sa ei saa kooskõlastada taotlust, mis annab õigused sulle endale/);
    await bot.ask(cardSubmit(EVE, buttonData(cardOf(card), 'Kooskõlasta'), { ack: 'true' }, { serviceUrl }));
    expect(sendsText(SIIM)).toMatch(new RegExp(`${id} on kooskõlastatud \\(Eve Infoturve\\)`));
  });

  it('writes report cells that look like formulas as text (formula injection)', async () => {
    await request(KATI, { kind: 'grant', subject: KATI.aadObjectId, system: 'STAR', roles: 'star.test-account', justification: 'Koolitus', start: '2027-01-10' });
    const reject = buttonData(cardOf(lastSend(JUHT).body), 'Lükka tagasi');
    await bot.ask(cardSubmit(JUHT, reject, { comment: '=HYPERLINK("http://evil.example","Klõpsa")' }, { serviceUrl }));
    const log = await reportFile(SIIM, 'ligipääsu logi');
    expect(log).toContain('rejected,Jaan Juht,');
    expect(log).toContain('"\'=HYPERLINK(""http://evil.example"",""Klõpsa"")"');
    expect(log).not.toMatch(/,"=HYPERLINK/);
  });
});
