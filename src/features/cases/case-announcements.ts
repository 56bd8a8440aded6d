import type { CardSigner } from '../../shared/card-signer.js';
import { say, type Text } from '../../shared/i18n.js';
import { textReply } from '../../shared/messaging.js';
import type { Case, CaseEvent } from './case.js';
import { SPECIALIST_ROLE } from './case-labels.js';
import type { CaseNotifier } from './case-notifier.js';
import { chatStartedCard, resolvedCard } from './requester-cards.js';
import type { Actor } from './transition.js';
import { plainText } from '../../shared/plain-text.js';

const T = {
  taken: { et: '{name} ({role}) võttis sinu pöördumise {number} menetlusse.', en: '{name} ({role}) has taken up your case {number}.' },
  escalatedSpecialist: {
    et: 'Sinu pöördumine {number} edastati arendusüksuse valdkonnaspetsialistile ({name}). Annan sulle teada, kui on uudiseid.',
    en: 'Your case {number} has been passed to a domain specialist in the development unit ({name}). I will let you know when there is news.',
  },
  escalatedThirdParty: {
    et: 'Sinu pöördumine {number} edastati lahendamiseks: {name}. Annan sulle teada, kui on uudiseid.',
    en: 'Your case {number} has been passed to {name} for resolution. I will let you know when there is news.',
  },
  escalationNote: { et: 'Edastatud: {name}{ref}. Edastatav tekst (isikukoodid varjatud):\n\n{summary}', en: 'Escalated to {name}{ref}. Text to pass on (personal ID codes masked):\n\n{summary}' },
  waiting: {
    et: '{name} ({role}) vajab pöördumise {number} kohta sinult lisainfot: {note}\n\nVasta palun siinsamas vestluses: sinu järgmine sõnum läheb spetsialistile.',
    en: '{name} ({role}) needs more information from you about case {number}: {note}\n\nPlease answer right here: your next message goes to the specialist.',
  },
  joinedThread: {
    et: '{name} alustas vestlust pöördujaga. Pöörduja sõnumid tulevad nüüd siia lõime; vastamiseks maini siin lõimes mind (@Tugibot). Vestluse lõpetamiseks kirjuta „@Tugibot lõpeta vestlus“.',
    en: '{name} has started a chat with the requester. Their messages now arrive in this thread; to answer, mention me (@Tugibot) here. To end the chat, write "@Tugibot end chat".',
  },
  endedRequester: { et: 'Vestlus spetsialistiga {name} pöördumise {number} kohta on lõppenud. Nüüd vastan sulle jälle mina, kasutajatoe robot.', en: 'The chat with {name} about case {number} has ended. You are now talking to me, the support bot, again.' },
  endedThread: { et: 'Vestlus pöördujaga on lõppenud (lõpetas {by}).', en: 'The chat with the requester has ended (ended by {by}).' },
  reopened: { et: '{name} avas pöördumise uuesti.', en: '{name} reopened the case.' },
} satisfies Record<string, Text>;

export interface AnnounceDeps {
  notifier: CaseNotifier;
  signer: CardSigner;
  reopenDays: number;
}

/** Tells the requester and the case thread what changed, after the change is saved. */
export async function announce(deps: AnnounceDeps, event: CaseEvent, before: Case, after: Case, actor: Actor): Promise<void> {
  const { notifier } = deps;
  const number = after.id;
  // Every name and text below was typed by a person: shown to the other side as plain text.
  const name = plainText(actor.name);
  const role = (lang: 'et' | 'en') => say(SPECIALIST_ROLE, lang);
  switch (event.type) {
    case 'take':
      await notifier.toRequester(after, (lang) => textReply(say(T.taken, lang, { name, role: role(lang), number })));
      break;
    case 'escalate': {
      const escalation = event.escalation;
      const text = escalation.to === 'specialist' ? T.escalatedSpecialist : T.escalatedThirdParty;
      await notifier.toRequester(after, (lang) => textReply(say(text, lang, { number, name: plainText(escalation.name) })));
      const ref = escalation.reference ? ` (${plainText(escalation.reference)})` : '';
      await notifier.toThread(after, (lang) => textReply(say(T.escalationNote, lang, { name: plainText(escalation.name), ref, summary: plainText(escalation.summary) })));
      break;
    }
    case 'wait_for_user':
      await notifier.toRequester(after, (lang) => textReply(say(T.waiting, lang, { name, role: role(lang), number, note: plainText(event.note) })));
      break;
    case 'resolve':
      await notifier.toRequester(after, (lang) => resolvedCard(after, lang, deps.signer, deps.reopenDays));
      if (before.handoff) await notifier.toThread(after, (lang) => textReply(say(T.endedThread, lang, { by: name })));
      break;
    case 'reopen':
      await notifier.toThread(after, (lang) => textReply(say(T.reopened, lang, { name })));
      break;
    case 'handoff_start':
      await notifier.toRequester(after, (lang) => chatStartedCard(after, actor.name, role(lang), lang, deps.signer));
      await notifier.toThread(after, (lang) => textReply(say(T.joinedThread, lang, { name })));
      break;
    case 'handoff_end': {
      const specialist = plainText(before.handoff?.specialist.name ?? '');
      await notifier.toRequester(after, (lang) => textReply(say(T.endedRequester, lang, { name: specialist, number })));
      await notifier.toThread(after, (lang) => textReply(say(T.endedThread, lang, { by: name })));
      break;
    }
    default:
      break;
  }
}
