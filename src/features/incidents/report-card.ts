import { adaptiveCard, facts, heading, paragraph } from '../../shared/cards.js';
import { say, type Lang, type Text } from '../../shared/i18n.js';
import { cardReply, type Reply } from '../../shared/messaging.js';
import type { DeliveryProgress } from './delivery-progress.js';
import type { Incident } from './incident.js';
import { titleOf } from './notice-card.js';
import { plainText } from '../../shared/plain-text.js';

const TEXT: Record<'running' | 'done' | 'starting' | 'delivered' | 'pending' | 'failed' | 'dropped' | 'why' | 'webhook' | 'alertmanager', Text> = {
  starting: { et: 'Saadan teadet „{title}“ ({total} vestlust)…', en: 'Sending the notice "{title}" ({total} conversations)…' },
  running: { et: 'Teate „{title}“ edastamine käib', en: 'Delivering the notice "{title}"' },
  done: { et: 'Teade „{title}“ on edastatud', en: 'The notice "{title}" has been delivered' },
  delivered: { et: 'Kohale jõudnud', en: 'Delivered' },
  pending: { et: 'Ootel', en: 'Waiting' },
  failed: { et: 'Ebaõnnestunud', en: 'Failed' },
  dropped: { et: 'Vestlus suletud (robot eemaldatud või blokeeritud)', en: 'Conversation closed (bot removed or blocked)' },
  why: { et: 'Põhjused', en: 'Reasons' },
  webhook: { et: 'Selle teate saatis seiresüsteem, mitte spetsialist.', en: 'This notice was sent by monitoring, not by a specialist.' },
  alertmanager: { et: 'Selle teate saatis seiresüsteem (Alertmanager), mitte spetsialist.', en: 'This notice was sent by monitoring (Alertmanager), not by a specialist.' },
};

/** The first version of the author's progress message, before the worker has counted anything. */
export function startingReport(incident: Pick<Incident, 'title' | 'titleEn'>, total: number, lang: Lang): Reply {
  return cardReply(adaptiveCard([paragraph(say(TEXT.starting, lang, { title: plainText(titleOf(incident, lang)), total }))]));
}

/** Progress and, once nothing is waiting, the final count with the reasons for failures; says when monitoring sent the notice. */
export function progressReport(incident: Incident, progress: DeliveryProgress, lang: Lang): Reply {
  const finished = progress.pending === 0;
  const reasons = Object.entries(progress.reasons).map(([reason, count]) => `- ${reason}: ${count}`);
  const body = [
    heading(say(finished ? TEXT.done : TEXT.running, lang, { title: plainText(titleOf(incident, lang)) })),
    facts([
      [say(TEXT.delivered, lang), `${progress.delivered} / ${progress.total}`],
      [say(TEXT.pending, lang), finished ? undefined : String(progress.pending)],
      [say(TEXT.failed, lang), progress.failed ? String(progress.failed) : undefined],
      [say(TEXT.dropped, lang), progress.dropped ? String(progress.dropped) : undefined],
    ]),
  ];
  if (reasons.length > 0) body.push(paragraph(`${say(TEXT.why, lang)}:\n\n${reasons.join('\n')}`, { size: 'Small' }));
  const source = incident.history[incident.history.length - 1]?.by.source;
  if (source === 'webhook' || source === 'alertmanager') body.push(paragraph(say(TEXT[source], lang), { isSubtle: true, size: 'Small' }));
  return cardReply(adaptiveCard(body));
}
