import type { CardSigner } from '../../shared/card-signer.js';
import { adaptiveCard, facts, heading, paragraph, submitButton, type Element } from '../../shared/cards.js';
import { say, type Lang, type Text } from '../../shared/i18n.js';
import type { Reply } from '../../shared/messaging.js';
import { isActive, type Case } from './case.js';
import { KIND_LABELS, STATUS_LABELS, SYSTEM_LABELS, URGENCY_LABELS, formatTime } from './case-labels.js';
import { plainOptional, plainText } from '../../shared/plain-text.js';

const T = {
  status: { et: 'Olek', en: 'Status' },
  system: { et: 'Süsteem', en: 'System' },
  kind: { et: 'Liik', en: 'Type' },
  urgency: { et: 'Kiireloomulisus', en: 'Urgency' },
  opened: { et: 'Avatud', en: 'Opened' },
  due: { et: 'Tähtaeg', en: 'Due' },
  assignee: { et: 'Menetleja', en: 'Assignee' },
  escalated: { et: 'Edastatud', en: 'Escalated to' },
  waiting: { et: 'Mida spetsialist sinult vajab', en: 'What the specialist needs from you' },
  resolution: { et: 'Lahendus', en: 'Resolution' },
  resolvedTitle: { et: 'Pöördumine {number} on lahendatud', en: 'Case {number} is resolved' },
  rate: { et: 'Kui rahul sa lahendusega oled? (1 – üldse mitte, 5 – väga)', en: 'How satisfied are you with the resolution? (1 – not at all, 5 – very satisfied)' },
  rated: { et: 'Sinu hinnang: {rating}/5. Aitäh!', en: 'Your rating: {rating}/5. Thank you!' },
  reopen: { et: 'Ava uuesti', en: 'Reopen' },
  reopenHint: { et: 'Kui probleem ei ole lahendatud, saad pöördumise {days} päeva jooksul uuesti avada.', en: 'If the problem is not solved, you can reopen the case within {days} days.' },
  endChat: { et: 'Lõpeta vestlus', en: 'End chat' },
  chatStarted: {
    et: '{name} ({role}) tegeleb sinu pöördumisega {number} ja vestleb nüüd sinuga siin. Kuni vestlus kestab, lähevad sinu sõnumid temale. Vestluse lõpetamiseks kirjuta „lõpeta vestlus“ või vajuta nuppu.',
    en: '{name} ({role}) is handling your case {number} and is now chatting with you here. Until the chat ends, your messages go to them. To end the chat, type "end chat" or press the button.',
  },
  statusOnly: {
    et: 'Siin näitan ainult olekut. Pöördumise sisu näeb pöörduja oma vestluses robotiga ja kasutajatugi spetsialistide kanalis.',
    en: 'Only the status is shown here. The requester sees the whole case in their own chat with the bot, the support desk in the specialists\' channel.',
  },
  listTitle: { et: 'Sinu pöördumised', en: 'Your cases' },
  none: { et: 'Sul ei ole avatud pöördumisi.', en: 'You have no open cases.' },
} satisfies Record<string, Text>;

/** The state of one case as its requester (or a specialist in a personal chat) sees it. */
export function caseStatusCard(item: Case, lang: Lang, signer: CardSigner, reopenDays: number): Reply {
  const body: Element[] = [
    heading(`${item.id}: ${say(STATUS_LABELS[item.status], lang)}`),
    facts([
      [say(T.system, lang), say(SYSTEM_LABELS[item.system], lang)],
      [say(T.kind, lang), say(KIND_LABELS[item.kind], lang)],
      [say(T.urgency, lang), say(URGENCY_LABELS[item.urgency], lang)],
      [say(T.opened, lang), formatTime(item.openedAt, lang)],
      [say(T.due, lang), isActive(item) ? formatTime(item.dueAt, lang) : undefined],
      [say(T.assignee, lang), plainOptional(item.assignee?.name)],
      [say(T.escalated, lang), item.status === 'escalated' ? plainOptional(item.escalation?.name) : undefined],
      [say(T.waiting, lang), item.status === 'waiting_for_user' ? plainOptional(item.waitingFor) : undefined],
    ]),
    paragraph(plainText(item.description), { isSubtle: true }),
  ];
  if (item.resolution) body.push(paragraph(`**${say(T.resolution, lang)}:** ${plainText(item.resolution.text)}`));
  const actions: Element[] = [];
  if (item.status === 'resolved') {
    body.push(paragraph(say(T.reopenHint, lang, { days: reopenDays }), { isSubtle: true }));
    actions.push(submitButton(say(T.reopen, lang), signer.sign('cases.reopen', { n: item.id, v: item.version })));
  }
  if (item.handoff) actions.push(submitButton(say(T.endChat, lang), signer.sign('cases.endChat', { n: item.id, h: item.handoff.startedAt })));
  return { kind: 'card', card: adaptiveCard(body, actions), summary: `${item.id}: ${say(STATUS_LABELS[item.status], lang)}` };
}

/**
 * The status of a case without its content: what is shown where others may read along (a channel
 * other than the specialists', a group chat) or in a chat that is not the requester's own.
 */
export function caseStatusOnlyCard(item: Case, lang: Lang): Reply {
  const title = `${item.id}: ${say(STATUS_LABELS[item.status], lang)}`;
  const body: Element[] = [
    heading(title),
    facts([
      [say(T.system, lang), say(SYSTEM_LABELS[item.system], lang)],
      [say(T.status, lang), say(STATUS_LABELS[item.status], lang)],
      [say(T.due, lang), isActive(item) ? formatTime(item.dueAt, lang) : undefined],
    ]),
    paragraph(say(T.statusOnly, lang), { isSubtle: true }),
  ];
  return { kind: 'card', card: adaptiveCard(body), summary: title };
}

/**
 * Told to the requester on resolution: the text, the 1–5 satisfaction question and a reopen button;
 * once rated, the rating in place of the question (a rating counts once).
 */
export function resolvedCard(item: Case, lang: Lang, signer: CardSigner, reopenDays: number): Reply {
  const title = say(T.resolvedTitle, lang, { number: item.id });
  const rating = [1, 2, 3, 4, 5].map((score) => submitButton(String(score), signer.sign('cases.rate', { n: item.id, r: score })));
  const question: Element[] = item.rating === undefined
    ? [paragraph(say(T.rate, lang)), { type: 'ActionSet', actions: rating }]
    : [paragraph(say(T.rated, lang, { rating: item.rating }))];
  const body: Element[] = [
    heading(title),
    paragraph(plainText(item.resolution?.text ?? '')),
    ...question,
    paragraph(say(T.reopenHint, lang, { days: reopenDays }), { isSubtle: true }),
  ];
  const reopen = submitButton(say(T.reopen, lang), signer.sign('cases.reopen', { n: item.id, v: item.version }));
  return { kind: 'card', card: adaptiveCard(body, [reopen]), summary: title };
}

/** Told to the requester when a specialist joins: who is talking, and how to end it. */
export function chatStartedCard(item: Case, specialist: string, role: string, lang: Lang, signer: CardSigner): Reply {
  const text = say(T.chatStarted, lang, { name: plainText(specialist), role, number: item.id });
  const args: Record<string, string> = item.handoff ? { n: item.id, h: item.handoff.startedAt } : { n: item.id };
  return { kind: 'card', card: adaptiveCard([paragraph(text)], [submitButton(say(T.endChat, lang), signer.sign('cases.endChat', args))]), summary: text };
}

/** A requester's own cases. */
export function myCasesCard(items: Case[], lang: Lang): Reply {
  if (items.length === 0) return { kind: 'text', text: say(T.none, lang) };
  const lines = items.map((item) => `- **${item.id}** (${say(SYSTEM_LABELS[item.system], lang)}, ${say(KIND_LABELS[item.kind], lang)}): ${say(STATUS_LABELS[item.status], lang)}`);
  return { kind: 'card', card: adaptiveCard([heading(say(T.listTitle, lang)), paragraph(lines.join('\n'))]), summary: say(T.listTitle, lang) };
}
