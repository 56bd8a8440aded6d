import type { CardSigner, SignedActionData } from '../../shared/card-signer.js';
import { adaptiveCard, paragraph, submitButton } from '../../shared/cards.js';
import { say, type Lang, type Text } from '../../shared/i18n.js';
import { cardReply, textReply, type Reply } from '../../shared/messaging.js';
import { plainText } from '../../shared/plain-text.js';
import type { Incident } from './incident.js';
import { noticeBody } from './notice-card.js';
import { describeAudience, isTargeted } from './audience.js';
import type { InstallMode } from './app-installs.js';

const REACH: Record<'intro' | 'audience' | 'install' | 'forbidden' | 'off', Text> = {
  intro: {
    et: 'Eelvaade. Kinnitamisel saadan selle teate {total} vestlusse: {channels} kanalisse ja {people} inimesele sihtrühmast, kes jälgivad neid süsteeme. Varem saadetud teated muudetakse kohapeal.',
    en: 'Preview. When you confirm, I will send this notice to {total} conversations: {channels} channels and {people} people in the audience who follow these systems. Notices sent earlier are edited in place.',
  },
  audience: { et: 'Sihtrühm: {audience}. Kokku {selected} inimest.', en: 'Audience: {audience}. {selected} people in all.' },
  install: {
    et: 'Neist {unreached} pole robotiga veel vestelnud: paigaldan roboti neile Microsoft Graphi kaudu ja saadan teate siis. Paigaldamise käiku näitan edenemise sõnumis.',
    en: '{unreached} of them have never talked to the bot: I will install it for them through Microsoft Graph and then send the notice. The progress message shows how the installs go.',
  },
  forbidden: {
    et: 'Neist {unreached} inimest ei saa teadet kätte: nad pole robotiga vestelnud ja Microsoft Graph keelas roboti paigaldamise (õigus TeamsAppInstallation.ReadWriteForUser.All puudub).',
    en: '{unreached} of them will not get the notice: they have never talked to the bot, and Microsoft Graph refused to install it (the permission TeamsAppInstallation.ReadWriteForUser.All is missing).',
  },
  off: {
    et: 'Neist {unreached} inimest ei saa teadet kätte: nad pole robotiga vestelnud ja roboti paigaldamine neile on välja lülitatud (PROACTIVE_INSTALL).',
    en: '{unreached} of them will not get the notice: they have never talked to the bot, and installing it for them is turned off (PROACTIVE_INSTALL).',
  },
};

/** The audience's size and what becomes of people the bot cannot reach yet. */
export interface PreviewReach {
  channels: number;
  people: number;
  total: number;
  selected?: number;
  unreached?: number;
  install?: InstallMode;
}

/** The audience named, its size, and what becomes of people without a chat (preview and desk draft). */
export function audienceLines(incident: Incident, reach: PreviewReach, lang: Lang) {
  if (!isTargeted(incident.audience) || reach.selected === undefined) return [];
  const lines = [paragraph(say(REACH.audience, lang, { audience: describeAudience(incident.audience, lang), selected: reach.selected }))];
  if (reach.unreached) lines.push(paragraph(say(REACH[reach.install === 'on' ? 'install' : reach.install === 'forbidden' ? 'forbidden' : 'off'], lang, { unreached: reach.unreached }), { isSubtle: reach.install === 'on' }));
  return lines;
}

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
export function previewCard(incident: Incident, audience: PreviewReach, confirm: SignedActionData, signer: CardSigner, lang: Lang): Reply {
  const targeted = isTargeted(incident.audience) && audience.selected !== undefined;
  const { channels, people, total } = audience;
  const body = [
    paragraph(say(targeted ? REACH.intro : TEXT.intro, lang, { channels, people, total }), { weight: 'Bolder' }),
    ...audienceLines(incident, audience, lang),
    { type: 'Container', style: 'emphasis', items: noticeBody(incident, lang) },
  ];
  return cardReply(adaptiveCard(body, [submitButton(say(TEXT.send, lang), confirm), submitButton(say(TEXT.cancel, lang), signer.sign('incidents.cancel', { draftId: String(confirm.args.draftId ?? '') }))]));
}

export type ConfirmOutcome = 'sent' | 'already' | 'alreadyCancelled' | 'unchanged' | 'cancelled';

/** What replaces the preview once it is decided (the loser of two clicks is told who decided first). */
export function decidedCard(outcome: ConfirmOutcome, id: string, lang: Lang, name = '-'): Reply {
  return textReply(say(TEXT[outcome], lang, { id, name: plainText(name) }));
}
