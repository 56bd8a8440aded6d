import type { CardSigner, SignedActionData } from '../../shared/card-signer.js';
import { adaptiveCard, paragraph, submitButton } from '../../shared/cards.js';
import { say, type Lang, type Text } from '../../shared/i18n.js';
import { cardReply, textReply, type Reply } from '../../shared/messaging.js';
import { plainText } from '../../shared/plain-text.js';
import type { Incident } from './incident.js';
import { noticeBody } from './notice-card.js';

const TEXT: Record<'intro' | 'send' | 'cancel' | 'cancelled' | 'sent' | 'already' | 'alreadyCancelled' | 'unchanged', Text> = {
  intro: {
    et: 'Eelvaade. Kinnitamisel saadan selle teate {total} vestlusse: {channels} kanalisse ja {people} inimesele, kes jälgivad neid süsteeme. Varem saadetud teated muudetakse kohapeal.',
    en: 'Preview. When you confirm, I will send this notice to {total} conversations: {channels} channels and {people} people who follow these systems. Notices sent earlier are edited in place.',
  },
  send: { et: 'Kinnita ja saada', en: 'Confirm and send' },
  cancel: { et: 'Loobu', en: 'Cancel' },
  cancelled: { et: 'Teadet ei saadetud.', en: 'The notice was not sent.' },
  sent: { et: 'Kinnitatud: teade {id} läks saatmisele. Edenemist näitan eraldi sõnumis.', en: 'Confirmed: notice {id} is being sent. I show the progress in a separate message.' },
  already: { et: 'See teade on juba saadetud ({id}, saatis {name}); teist korda ma seda ei saada.', en: 'This notice has already been sent ({id}, by {name}); I will not send it twice.' },
  alreadyCancelled: { et: 'Sellest teatest on juba loobunud {name}, seega seda ei saadetud.', en: '{name} has already cancelled this notice, so it was not sent.' },
  unchanged: { et: 'Teates ei muutunud midagi, seega ma kedagi ei teavitanud.', en: 'Nothing in the notice changed, so I did not notify anyone.' },
};

/** The notice as it will look, how many conversations get it, and the confirm button. */
export function previewCard(incident: Incident, audience: { channels: number; people: number; total: number }, confirm: SignedActionData, signer: CardSigner, lang: Lang): Reply {
  const body = [paragraph(say(TEXT.intro, lang, audience), { weight: 'Bolder' }), { type: 'Container', style: 'emphasis', items: noticeBody(incident, lang) }];
  return cardReply(adaptiveCard(body, [submitButton(say(TEXT.send, lang), confirm), submitButton(say(TEXT.cancel, lang), signer.sign('incidents.cancel', { draftId: String(confirm.args.draftId ?? '') }))]));
}

export type ConfirmOutcome = 'sent' | 'already' | 'alreadyCancelled' | 'unchanged' | 'cancelled';

/** What replaces the preview once it is decided (the loser of two clicks is told who decided first). */
export function decidedCard(outcome: ConfirmOutcome, id: string, lang: Lang, name = '-'): Reply {
  return textReply(say(TEXT[outcome], lang, { id, name: plainText(name) }));
}
