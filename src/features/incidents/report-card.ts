import { adaptiveCard, facts, heading, paragraph, type Element } from '../../shared/cards.js';
import { showTime } from '../../shared/tallinn-time.js';
import type { AckFigures } from './ack-figures.js';
import type { Broadcast } from './incident-store.js';
import { say, type Lang, type Text } from '../../shared/i18n.js';
import { cardReply, type Reply } from '../../shared/messaging.js';
import type { DeliveryProgress } from './delivery-progress.js';
import type { Incident } from './incident.js';
import { titleOf } from './notice-card.js';
import { plainText } from '../../shared/plain-text.js';
import { reachLines, type ReachFigures } from './reach-figures.js';

const TEXT: Record<'running' | 'done' | 'starting' | 'delivered' | 'pending' | 'failed' | 'dropped' | 'why' | 'webhook' | 'alertmanager' | 'schedule', Text> = {
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
  schedule: { et: 'See teade läks välja planeeritud hoolduse ajakava järgi.', en: 'This notice went out on the planned maintenance\'s schedule.' },
};

const ACK: Record<'acknowledged' | 'byDepartment' | 'line' | 'unknown' | 'more' | 'reminded', Text> = {
  acknowledged: { et: 'Kinnitanud („Sain aru“)', en: 'Acknowledged ("Got it")' },
  byDepartment: { et: 'Osakondade kaupa (kohale jõudnud / kinnitanud / ebaõnnestunud, inimesi)', en: 'By department (delivered / acknowledged / failed, people)' },
  line: { et: '- {name}: {delivered} / {acknowledged} / {failed}, {people}', en: '- {name}: {delivered} / {acknowledged} / {failed}, {people}' },
  unknown: { et: '(osakond teadmata)', en: '(department unknown)' },
  more: { et: '- ja veel {count} osakonda', en: '- and {count} more departments' },
  reminded: { et: 'Meeldetuletus saadeti {time} {people} inimesele ({name}).', en: 'A reminder went to {people} people at {time} ({name}).' },
};

/** How many departments the report lists by name; the rest are counted. */
const DEPARTMENTS_SHOWN = 12;

function ackLines(acks: AckFigures, lang: Lang): Element[] {
  if (acks.people === 0) return [];
  const shown = acks.departments.slice(0, DEPARTMENTS_SHOWN).map((item) => say(ACK.line, lang, { ...item, name: item.name ? plainText(item.name) : say(ACK.unknown, lang) }));
  const rest = acks.departments.length - DEPARTMENTS_SHOWN;
  if (rest > 0) shown.push(say(ACK.more, lang, { count: rest }));
  return [facts([[say(ACK.acknowledged, lang), `${acks.acknowledged} / ${acks.people}`]]), paragraph(`${say(ACK.byDepartment, lang)}:\n\n${shown.join('\n')}`, { size: 'Small' })];
}

/** The first version of the author's progress message, before the worker has counted anything. */
export function startingReport(incident: Pick<Incident, 'title' | 'titleEn'>, total: number, lang: Lang): Reply {
  return cardReply(adaptiveCard([paragraph(say(TEXT.starting, lang, { title: plainText(titleOf(incident, lang)), total }))]));
}

/** Progress and, once nothing is waiting, the final count with the reasons for failures; says when monitoring sent the notice. */
export function progressReport(incident: Incident, progress: DeliveryProgress, lang: Lang, acks?: AckFigures, buttons: Element[] = [], reminder?: Broadcast['reminder'], reach?: ReachFigures): Reply {
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
  body.push(...reachLines(reach, lang));
  if (acks) body.push(...ackLines(acks, lang));
  if (reminder) body.push(paragraph(say(ACK.reminded, lang, { time: showTime(reminder.at) ?? '', people: reminder.people, name: plainText(reminder.by ?? '-') }), { size: 'Small' }));
  const source = incident.history[incident.history.length - 1]?.by.source;
  if (source === 'webhook' || source === 'alertmanager' || source === 'schedule') body.push(paragraph(say(TEXT[source], lang), { isSubtle: true, size: 'Small' }));
  return cardReply(adaptiveCard(body, buttons));
}
