import { personalConversationId } from '../../../scripts/chat/activities.js';
import { executePayload, submitPayload } from '../../../scripts/chat/clicks.js';
import { handleLine } from '../../../scripts/chat/commands.js';
import { CHANNEL, KATI, MARI, caseFormCard, cardMessage, sessionRig } from './fixtures.js';

const KATI_CHAT = personalConversationId(KATI);

describe('submitPayload and executePayload', () => {
  it('merge the button data with the inputs, as Teams does', () => {
    const action = { type: 'Action.Submit', data: { verb: 'cases.create', args: { system: 'STAR' }, sig: 'abc' } };
    expect(submitPayload(action, { subject: 'Ei avane' })).toEqual({ value: { verb: 'cases.create', args: { system: 'STAR' }, sig: 'abc', subject: 'Ei avane' } });
    expect(submitPayload({ type: 'Action.Submit', data: 'jah' }, {})).toEqual({ text: 'jah' });
    expect(submitPayload({ type: 'Action.Submit', data: { msteams: { type: 'imBack', value: 'abi' } } }, {})).toEqual({ text: 'abi' });
    expect(executePayload({ type: 'Action.Execute', verb: 'cases.take', id: 'take', data: { args: { id: 1 } } }, { note: 'x' }))
      .toEqual({ verb: 'cases.take', data: { args: { id: 1 }, note: 'x' }, actionId: 'take' });
  });
});

describe('clicking a button by its number', () => {
  it('asks for the inputs and sends a message whose value is the data plus the inputs, with no text', async () => {
    const rig = sessionRig();
    rig.presenter.showReplies([cardMessage(caseFormCard())], KATI_CHAT);
    const card = rig.book.active()!;
    rig.typed.push('STAR ei avane', '1', '2026-12-01');

    await handleLine(rig.session, '1');

    const sent = rig.sent.at(-1)!;
    expect(sent).toMatchObject({
      type: 'message',
      replyToId: card.wireId,
      conversation: { id: KATI_CHAT, conversationType: 'personal' },
      from: { id: `29:${KATI}`, aadObjectId: KATI },
      value: { verb: 'cases.create', args: { system: 'STAR' }, sig: 'sig-create', subject: 'STAR ei avane', priority: 'critical', due: '2026-12-01' },
    });
    expect(sent.text).toBeUndefined();
    expect(rig.output()).toContain('→ kaart #1 „Uus pöördumine“: [1] Saada');
    expect(rig.output()).toContain('Prioriteet (vali number; Enter jätab: Tavaline): 1');
  });

  it('sends an adaptiveCard/action invoke for Action.Execute and puts the card it answers in place of the clicked one', async () => {
    const rig = sessionRig(['--locale', 'en-US']);
    rig.presenter.showReplies([cardMessage(caseFormCard())], KATI_CHAT);
    const card = rig.book.active()!;
    const refreshed = { type: 'AdaptiveCard', version: '1.5', body: [{ type: 'TextBlock', text: 'Pöördumine on tööl' }] };
    rig.answers.push({ kind: 'ok', activities: [] }, {
      kind: 'ok',
      activities: [{ type: 'invokeResponse', value: { status: 200, body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: refreshed } } }],
    });

    await handleLine(rig.session, '2');

    const invoke = rig.sent.at(-1)!;
    expect(invoke).toMatchObject({
      type: 'invoke',
      name: 'adaptiveCard/action',
      replyToId: card.wireId,
      value: { action: { type: 'Action.Execute', verb: 'cases.refresh', data: { verb: 'cases.refresh', args: { id: 'TUGI-2026-00042' }, sig: 'sig-refresh' } }, trigger: 'manual' },
    });
    expect(rig.output()).toContain(`(card #${card.no} updated)`);
    expect(rig.output()).toContain('│ Pöördumine on tööl');
    expect(rig.book.byNumber(card.no)?.card?.actions).toEqual([]);
  });

  it('sends the installation once, before the first click, and never asks for inputs a button does not submit', async () => {
    const rig = sessionRig();
    rig.presenter.showReplies([cardMessage(caseFormCard())], KATI_CHAT);
    await handleLine(rig.session, '2');
    await handleLine(rig.session, 'tere');
    expect(rig.sent.map((activity) => activity.type)).toEqual(['installationUpdate', 'invoke', 'message']);
    expect(rig.output()).not.toContain('Täida vorm');
  });

  it('opens an Action.ShowCard card whose submit carries the outer card\'s inputs too', async () => {
    const rig = sessionRig();
    const card = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'Input.Text', id: 'subject', label: 'Teema' }],
      actions: [{ type: 'Action.ShowCard', title: 'Lisa märkus', card: { type: 'AdaptiveCard', body: [{ type: 'Input.Text', id: 'note', label: 'Märkus' }], actions: [{ type: 'Action.Submit', title: 'Lisa', data: { verb: 'cases.note', args: {}, sig: 's' } }] } }],
    };
    rig.presenter.showReplies([cardMessage(card)], KATI_CHAT);
    await handleLine(rig.session, '1');
    rig.typed.push('Teema A', 'Märkus B');
    await handleLine(rig.session, '1');
    expect(rig.sent.at(-1)?.value).toEqual({ verb: 'cases.note', args: {}, sig: 's', subject: 'Teema A', note: 'Märkus B' });
  });

  it('clicks a card in a channel thread from that thread, and refuses a card in another person\'s chat', async () => {
    const rig = sessionRig(['--channel', CHANNEL]);
    rig.presenter.showReplies([cardMessage(caseFormCard())], `${CHANNEL};messageid=1700000000001`);
    await handleLine(rig.session, '2');
    expect(rig.sent.at(-1)?.conversation).toEqual({ id: `${CHANNEL};messageid=1700000000001`, conversationType: 'channel', isGroup: true, tenantId: rig.session.tenantId });

    rig.presenter.showReplies([cardMessage(caseFormCard())], CHANNEL);
    const root = rig.book.active()!;
    await handleLine(rig.session, '2');
    expect(rig.sent.at(-1)?.conversation?.id).toBe(`${CHANNEL};messageid=${root.wireId}`);

    rig.presenter.showReplies([cardMessage(caseFormCard())], personalConversationId(MARI));
    const maris = rig.book.recentCards()[0];
    rig.book.select(maris.no);
    const count = rig.sent.length;
    await handleLine(rig.session, '2');
    expect(rig.sent).toHaveLength(count);
    expect(rig.output()).toContain(`See kaart on teise inimese (Kasutaja ${MARI.slice(0, 8)}) isiklikus vestluses. Tema nimel vajutamiseks vaheta kasutajat: /user ${MARI}`);
  });

  it('sends a number as text when no card here has buttons, and says so when a card has no such button', async () => {
    const rig = sessionRig();
    await handleLine(rig.session, '3');
    expect(rig.sent.at(-1)).toMatchObject({ type: 'message', text: '3' });
    rig.presenter.showReplies([cardMessage(caseFormCard())], KATI_CHAT);
    await handleLine(rig.session, '9');
    expect(rig.output()).toContain('Kaardil #1 „Uus pöördumine“ ei ole nuppu 9; nupud on 1–3.');
    await handleLine(rig.session, '/say 9');
    expect(rig.sent.at(-1)).toMatchObject({ type: 'message', text: '9' });
  });
});
