import { noArticleTitles, type ArticleTitles } from '../../shared/article-titles.js';
import type { CardSigner } from '../../shared/card-signer.js';
import { adaptiveCard, choiceInput, facts, heading, paragraph, submitButton, textInput, type Element } from '../../shared/cards.js';
import { say, type Lang, type Text } from '../../shared/i18n.js';
import type { Reply } from '../../shared/messaging.js';
import { isActive, type Case } from './case.js';
import { KIND_LABELS, STATUS_LABELS, SYSTEM_LABELS, URGENCY_LABELS, formatTime } from './case-labels.js';
import { plainText } from '../../shared/plain-text.js';

const T = {
  requester: { et: 'Pöörduja', en: 'Requester' },
  system: { et: 'Süsteem', en: 'System' },
  kind: { et: 'Liik', en: 'Type' },
  urgency: { et: 'Kiireloomulisus', en: 'Urgency' },
  status: { et: 'Olek', en: 'Status' },
  assignee: { et: 'Menetleja', en: 'Assignee' },
  due: { et: 'Tähtaeg', en: 'Due' },
  escalated: { et: 'Edastatud', en: 'Escalated to' },
  chat: { et: 'Vestlus', en: 'Chat' },
  chatWith: { et: '{name} vestleb pöördujaga', en: '{name} is chatting with the requester' },
  unassigned: { et: 'määramata', en: 'unassigned' },
  question: { et: 'Küsimus robotile', en: 'Question to the bot' },
  shown: { et: 'Robot näitas artikleid', en: 'Articles shown by the bot' },
  resolution: { et: 'Lahendus', en: 'Resolution' },
  rating: { et: 'Hinnang', en: 'Rating' },
  take: { et: 'Võta enda peale', en: 'Assign to me' },
  reply: { et: 'Vasta pöördujale', en: 'Reply to the requester' },
  escalate: { et: 'Edasta', en: 'Escalate' },
  escalateTo: { et: 'Kellele', en: 'To whom' },
  toSpecialist: { et: 'arendusüksuse valdkonnaspetsialist', en: 'domain specialist in the development unit' },
  toThirdParty: { et: 'kolmas osapool (nt tarnija)', en: 'third party (e.g. the vendor)' },
  escalateName: { et: 'Nimi või ettevõte', en: 'Name or company' },
  escalateRef: { et: 'Nende viide (kui on)', en: 'Their reference (if any)' },
  escalateSend: { et: 'Edasta pöördumine', en: 'Escalate the case' },
  wait: { et: 'Küsi lisainfot', en: 'Ask for more information' },
  waitNote: { et: 'Mida pöördujalt vaja on?', en: 'What do you need from the requester?' },
  waitSend: { et: 'Küsi pöördujalt', en: 'Ask the requester' },
  resolve: { et: 'Lahenda', en: 'Resolve' },
  resolutionInput: { et: 'Lahendus pöördujale', en: 'Resolution for the requester' },
  saveDraft: { et: 'Salvesta teadmusbaasi artikli mustandina', en: 'Save as a draft knowledge article' },
  resolveSend: { et: 'Märgi lahendatuks', en: 'Mark as resolved' },
} satisfies Record<string, Text>;

function requesterLine(item: Case): string {
  const { name, jobTitle, department } = item.requester;
  return plainText([name, [jobTitle, department].filter(Boolean).join(', ')].filter(Boolean).join(' — '));
}

function showCard(title: string, body: Element[], submit: Element): Element {
  return { type: 'Action.ShowCard', title, card: { type: 'AdaptiveCard', version: '1.5', body, actions: [submit] } };
}

function actionsFor(item: Case, signer: CardSigner, lang: Lang): Element[] {
  if (!isActive(item)) return [];
  const args = { n: item.id, v: item.version };
  const actions: Element[] = [];
  if (item.status !== 'in_progress' || !item.assignee) actions.push(submitButton(say(T.take, lang), signer.sign('cases.take', args)));
  actions.push(submitButton(say(T.reply, lang), signer.sign('cases.reply', args)));
  if (item.status !== 'escalated') {
    actions.push(showCard(say(T.escalate, lang), [
      choiceInput('escalateTo', say(T.escalateTo, lang), [
        { title: say(T.toSpecialist, lang), value: 'specialist' },
        { title: say(T.toThirdParty, lang), value: 'third_party' },
      ], { value: 'specialist', isRequired: true }),
      textInput('escalateName', say(T.escalateName, lang), { isRequired: true, errorMessage: say(T.escalateName, lang) }),
      textInput('escalateRef', say(T.escalateRef, lang)),
    ], submitButton(say(T.escalateSend, lang), signer.sign('cases.escalate', args))));
  }
  if (item.status === 'in_progress' || item.status === 'escalated') {
    actions.push(showCard(say(T.wait, lang), [textInput('waitNote', say(T.waitNote, lang), { isMultiline: true, isRequired: true })],
      submitButton(say(T.waitSend, lang), signer.sign('cases.wait', args))));
  }
  actions.push(showCard(say(T.resolve, lang), [
    textInput('resolution', say(T.resolutionInput, lang), { isMultiline: true, isRequired: true, maxLength: 4000 }),
    { type: 'Input.Toggle', id: 'saveDraft', title: say(T.saveDraft, lang), value: 'false', valueOn: 'true', valueOff: 'false' },
  ], submitButton(say(T.resolveSend, lang), signer.sign('cases.resolve', args))));
  return actions;
}

/** The case's card in the specialists' channel; updated in place as the case changes. */
export function channelCard(item: Case, signer: CardSigner, lang: Lang, titles: ArticleTitles = noArticleTitles): Reply {
  const title = `${item.id}: ${say(KIND_LABELS[item.kind], lang)} (${say(SYSTEM_LABELS[item.system], lang)})`;
  const escalation = item.escalation && item.status === 'escalated'
    ? plainText(`${item.escalation.name}${item.escalation.reference ? ` (${item.escalation.reference})` : ''}`) : undefined;
  const body: Element[] = [
    heading(title),
    facts([
      [say(T.requester, lang), requesterLine(item)],
      [say(T.system, lang), say(SYSTEM_LABELS[item.system], lang)],
      [say(T.kind, lang), say(KIND_LABELS[item.kind], lang)],
      [say(T.urgency, lang), say(URGENCY_LABELS[item.urgency], lang)],
      [say(T.status, lang), say(STATUS_LABELS[item.status], lang)],
      [say(T.assignee, lang), item.assignee ? plainText(item.assignee.name) : say(T.unassigned, lang)],
      [say(T.due, lang), isActive(item) ? formatTime(item.dueAt, lang) : undefined],
      [say(T.escalated, lang), escalation],
      [say(T.chat, lang), item.handoff ? say(T.chatWith, lang, { name: plainText(item.handoff.specialist.name) }) : undefined],
      [say(T.rating, lang), item.rating ? `${item.rating}/5` : undefined],
    ]),
    paragraph(plainText(item.description)),
  ];
  if (item.question && item.question !== item.description) body.push(paragraph(`**${say(T.question, lang)}:** ${plainText(item.question)}`, { isSubtle: true }));
  if (item.shownArticles.length > 0) body.push(paragraph(`**${say(T.shown, lang)}:** ${plainText(item.shownArticles.map((id) => titles(id, lang) ?? id).join(', '))}`, { isSubtle: true }));
  if (item.resolution) body.push(paragraph(`**${say(T.resolution, lang)}:** ${plainText(item.resolution.text)}`));
  return { kind: 'card', card: adaptiveCard(body, actionsFor(item, signer, lang)), summary: title };
}
