import { createIdSource, personalConversationId } from '../../../scripts/chat/activities.js';
import { startConnector, type RunningConnector } from '../../../scripts/chat/connector.js';
import { CHANNEL, KATI, MARI, caseFormCard, cardMessage, sessionRig, type SessionRig } from './fixtures.js';

describe('the local Bot Connector', () => {
  let rig: SessionRig;
  let connector: RunningConnector;
  const url = (path: string) => `${connector.serviceUrl}${path}`;
  const call = async (method: string, path: string, body?: unknown) => {
    const response = await fetch(url(path), {
      method,
      headers: { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const conversation = (id: string) => `v3/conversations/${encodeURIComponent(id)}`;

  beforeEach(async () => {
    rig = sessionRig();
    rig.session.switchUser(MARI, 'Mari Maasikas');
    rig.session.switchUser(KATI);
    connector = await startConnector({
      port: 0,
      onEvent: (event) => rig.presenter.showConnectorEvent(event),
      people: () => rig.session.people(),
      tenantId: () => rig.session.tenantId,
      newId: createIdSource(),
    });
  });

  afterEach(async () => {
    await connector.close();
  });

  it('listens on a free loopback port', () => {
    expect(connector.serviceUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    expect(connector.port).toBeGreaterThan(0);
  });

  it('prints a proactive message, labelled when it is for someone else\'s chat, and answers its id', async () => {
    const own = await call('POST', `${conversation(personalConversationId(KATI))}/activities/some-uuid`, { type: 'message', text: 'Spetsialist Mari Maasikas vastas: vaatan üle.' });
    const other = await call('POST', `${conversation(personalConversationId(MARI))}/activities`, { type: 'message', text: 'Uus pöördumine ootab.' });
    await call('POST', `${conversation(personalConversationId(KATI))}/activities`, { type: 'typing' });

    expect(own.status).toBe(201);
    expect(own.body.id).toMatch(/^\d+$/);
    expect(other.body.id).not.toBe(own.body.id);
    expect(rig.output()).toBe('Tugibot: Spetsialist Mari Maasikas vastas: vaatan üle.\n[vestlus: Mari Maasikas] Tugibot: Uus pöördumine ootab.\n');
  });

  it('starts a channel thread with the id Teams gives (<channel>;messageid=<n>) and prints it', async () => {
    const created = await call('POST', 'v3/conversations', {
      isGroup: true,
      channelData: { channel: { id: CHANNEL } },
      tenantId: rig.session.tenantId,
      activity: cardMessage(caseFormCard()),
    });
    expect(created.status).toBe(201);
    expect(created.body.id).toBe(`${CHANNEL};messageid=${created.body.activityId}`);
    const entry = rig.book.byWireId(created.body.activityId)!;
    expect(entry.conversationId).toBe(created.body.id);
    expect(rig.output()).toContain(`[uus lõim kanalis ${CHANNEL}] #${entry.no}`);
    expect(rig.output()).toContain('│ Uus pöördumine');
    expect(rig.output()).toContain(`(lõimes vastamiseks: /thread ${entry.no})`);
  });

  it('opens a personal chat under the same id the client uses for that person, and refuses one with no tenant', async () => {
    const created = await call('POST', 'v3/conversations', { isGroup: false, members: [{ id: MARI }], tenantId: rig.session.tenantId });
    expect(created).toEqual({ status: 201, body: { id: personalConversationId(MARI) } });
    const refused = await call('POST', 'v3/conversations', { isGroup: false, members: [{ id: MARI }] });
    expect(refused.status).toBe(400);
  });

  it('prints an update in place of the message it replaces, and a deletion', async () => {
    const chat = conversation(personalConversationId(KATI));
    const sent = await call('POST', `${chat}/activities`, cardMessage(caseFormCard()));
    const no = rig.book.byWireId(sent.body.id)!.no;
    const updated = await call('PUT', `${chat}/activities/${sent.body.id}`, { type: 'message', text: 'Rike on lahendatud.' });
    expect(updated).toEqual({ status: 200, body: { id: sent.body.id } });
    expect(rig.output()).toContain(`(muudetud sõnum #${no})\nTugibot: Rike on lahendatud.\n`);
    expect(rig.book.byNumber(no)?.card).toBeUndefined();

    const deleted = await call('DELETE', `${chat}/activities/${sent.body.id}`);
    expect(deleted.status).toBe(200);
    expect(rig.output()).toContain(`(kustutatud sõnum #${no})`);
  });

  it('answers roster calls with the people of this session and 404 for strangers', async () => {
    const chat = conversation(personalConversationId(KATI));
    const member = await call('GET', `${chat}/members/${encodeURIComponent(`29:${KATI}`)}`);
    expect(member.body).toMatchObject({ id: `29:${KATI}`, aadObjectId: KATI, name: 'Kati Kasutaja', tenantId: rig.session.tenantId, email: 'kati.kasutaja@tugibot.local' });
    const paged = await call('GET', `${chat}/pagedmembers`);
    expect(paged.body.members.map((person: { name: string }) => person.name)).toEqual(['Kati Kasutaja', 'Mari Maasikas']);
    const stranger = await call('GET', `${chat}/members/29:00000000-0000-0000-0000-000000000000`);
    expect(stranger.status).toBe(404);
  });

  it('says which calls it does not support', async () => {
    const answer = await call('POST', 'v3/attachments', {});
    expect(answer.status).toBe(404);
    expect(rig.output()).toContain('(Bot Connectori kõnet ei toetata: POST /v3/attachments)');
  });
});
