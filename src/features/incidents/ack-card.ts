import type { CardSigner } from '../../shared/card-signer.js';
import { paragraph, type Element } from '../../shared/cards.js';
import { say, type Lang, type Text } from '../../shared/i18n.js';
import type { Reply } from '../../shared/messaging.js';
import { showTime } from '../../shared/tallinn-time.js';
import type { Incident } from './incident.js';
import type { NoticeAck } from './incident-store.js';
import { noticeCard } from './notice-card.js';

const T: Record<'button' | 'done' | 'reminder', Text> = {
  button: { et: 'Sain aru', en: 'Got it' },
  done: { et: '✓ Märkisid {time}, et said teatest aru.', en: '✓ You confirmed at {time} that you got this notice.' },
  reminder: {
    et: 'Meeldetuletus: see rike on kriitiline. Palun loe teade läbi ja vajuta „Sain aru“.',
    en: 'Reminder: this incident is critical. Please read the notice and press "Got it".',
  },
};

export const ACK_VERB = 'incidents.ack';

/**
 * The notice as it goes to one person: with a "Got it" button bound to them (their Entra object id
 * is in the signed data, and the handler compares it with who clicked), or, once they pressed it,
 * when they did. A resolved notice has no button. `Action.Execute`: Teams shows the card the bot
 * answers with, so pressing costs no extra call to Teams.
 */
export function personalNotice(incident: Incident, lang: Lang, recipient: string | undefined, acked: NoticeAck | undefined, signer: CardSigner, reminder = false): Reply {
  const extra: Element[] = reminder ? [paragraph(`**${say(T.reminder, lang)}**`)] : [];
  if (acked) extra.push(paragraph(say(T.done, lang, { time: showTime(acked.at) ?? '' }), { color: 'Good' }));
  const buttons: Element[] = [];
  if (!acked && recipient && incident.status !== 'resolved') {
    buttons.push({ type: 'Action.Execute', title: say(T.button, lang), verb: ACK_VERB, data: signer.sign(ACK_VERB, { id: incident.id, to: recipient.toLowerCase() }), style: 'positive' });
  }
  return noticeCard(incident, lang, buttons, extra);
}
