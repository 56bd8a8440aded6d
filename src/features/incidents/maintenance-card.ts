import type { CardSigner } from '../../shared/card-signer.js';
import { adaptiveCard, dateInput, facts, heading, paragraph, submitButton, type Element } from '../../shared/cards.js';
import { say, type Lang, type Text } from '../../shared/i18n.js';
import { cardReply, textReply, type Reply } from '../../shared/messaging.js';
import { plainText } from '../../shared/plain-text.js';
import { showTime, tallinnInputs } from '../../shared/tallinn-time.js';
import type { Maintenance, MaintenancePhase } from './maintenance.js';

type Shown = 'upcoming' | 'started' | 'ended' | 'cancelled';
const shownOf = (phase: MaintenancePhase): Shown => (phase === 'scheduled' || phase === 'announced' ? 'upcoming' : phase);

const HEADING: Record<Shown, Text> = {
  upcoming: { et: 'Planeeritud hooldus: {systems}', en: 'Planned maintenance: {systems}' },
  started: { et: 'Hooldus käib: {systems}', en: 'Maintenance in progress: {systems}' },
  ended: { et: 'Hooldus lõppenud: {systems}', en: 'Maintenance ended: {systems}' },
  cancelled: { et: 'Hooldus tühistatud: {systems}', en: 'Maintenance cancelled: {systems}' },
};
const STATE: Record<Shown, Text> = {
  upcoming: { et: 'tulemas', en: 'upcoming' },
  started: { et: 'käib', en: 'in progress' },
  ended: { et: 'lõppenud', en: 'ended' },
  cancelled: { et: 'tühistatud', en: 'cancelled' },
};
const FOOTER: Record<Shown, Text> = {
  upcoming: { et: 'Tuletan meelde, kui hooldus algab, ja annan teada, kui see lõpeb.', en: 'I will remind you when the maintenance starts and let you know when it ends.' },
  started: { et: 'Annan teada, kui hooldus lõpeb.', en: 'I will let you know when the maintenance is over.' },
  ended: { et: 'Hooldus on lõppenud. Aitäh kannatlikkuse eest!', en: 'The maintenance is over. Thank you for your patience!' },
  cancelled: { et: 'Hooldus jääb ära: {systems} töötab tavapäraselt.', en: 'The maintenance will not take place: {systems} works as usual.' },
};
const T: Record<string, Text> = {
  state: { et: 'Olek', en: 'Status' },
  start: { et: 'Algus', en: 'Starts' },
  end: { et: 'Lõpp', en: 'Ends' },
  ref: { et: 'Tunnus', en: 'Id' },
  announce: { et: 'Teade läheb välja', en: 'Notice goes out' },
  extended: { et: 'Hooldust pikendati: uus lõpp on {end} (varem {previous}).', en: 'The maintenance was extended: it now ends at {end} (previously {previous}).' },
  extend: { et: 'Pikenda', en: 'Extend' },
  newEnd: { et: 'Uus lõpp (kuupäev ja kellaaeg Eesti aja järgi)', en: 'New end (date and time, Estonian time)' },
  saveEnd: { et: 'Salvesta uus lõpp', en: 'Save the new end' },
  cancel: { et: 'Tühista', en: 'Cancel' },
  cancelAsk: { et: 'Kas tühistan selle hoolduse? Kui teade on juba välja läinud, muudan selle kohapeal tühistatuks.', en: 'Cancel this maintenance? If the notice has already gone out, I will edit it in place to say it is cancelled.' },
  cancelYes: { et: 'Jah, tühista hooldus', en: 'Yes, cancel the maintenance' },
  running: { et: 'Praegu käib planeeritud hooldus, mis võib sinu küsimust puudutada:', en: 'Planned maintenance is in progress that may be behind your question:' },
  runningLine: { et: '- **{systems}**: {title} (kuni {end})', en: '- **{systems}**: {title} (until {end})' },
  reminder: { et: '**Hooldus algas:** {systems} ei ole kättesaadav kuni {end}. ({title})', en: '**Maintenance has started:** {systems} is unavailable until {end}. ({title})' },
};

const systemsOf = (item: Maintenance): string => plainText(item.systems.join(', '));
const titleOf = (item: Maintenance, lang: Lang): string => (lang === 'en' && item.titleEn) || item.title;
const descriptionOf = (item: Maintenance, lang: Lang): string => (lang === 'en' && item.descriptionEn) || item.description;

/** The maintenance's facts and text, shared by the notice, the preview and the `rikked` list. */
export function maintenanceBody(item: Maintenance, lang: Lang, desk = false): Element[] {
  const shown = shownOf(item.maintenance.phase);
  const extended = item.maintenance.extended;
  const body: Element[] = [
    heading(say(HEADING[shown], lang, { systems: systemsOf(item) })),
    paragraph(`**${plainText(titleOf(item, lang))}**`, { spacing: 'Small' }),
    facts([
      [say(T.state, lang), say(STATE[shown], lang)],
      [say(T.start, lang), showTime(item.startsAt)],
      [say(T.end, lang), showTime(item.expectedEnd)],
      [say(T.announce, lang), desk && item.maintenance.phase === 'scheduled' ? showTime(item.maintenance.announceAt) : undefined],
      [say(T.ref, lang), item.id],
    ]),
    paragraph(plainText(descriptionOf(item, lang))),
  ];
  if (extended && shown !== 'cancelled') body.push(paragraph(say(T.extended, lang, { end: showTime(item.expectedEnd) ?? '', previous: showTime(extended.previousEnd) ?? '' }), { weight: 'Bolder' }));
  return body;
}

/** The notice as it is sent and edited in place at the start, at the end, or when extended or cancelled. */
export function maintenanceCard(item: Maintenance, lang: Lang, buttons: Element[] = [], extra: Element[] = []): Reply {
  const shown = shownOf(item.maintenance.phase);
  const body = [...maintenanceBody(item, lang), ...extra, paragraph(say(FOOTER[shown], lang, { systems: systemsOf(item) }), { isSubtle: true, size: 'Small' })];
  return cardReply(adaptiveCard(body, buttons), `${say(HEADING[shown], lang, { systems: item.systems.join(', ') })}: ${titleOf(item, lang)}`);
}

function showCard(title: string, body: Element[], submit: Element): Element {
  return { type: 'Action.ShowCard', title, card: { type: 'AdaptiveCard', version: '1.5', body, actions: [submit] } };
}

/** Input ids carry the maintenance's id, so that two maintenances on one card (the list) do not share inputs. */
export const endInputs = (id: string) => ({ date: `endDate-${id}`, time: `endTime-${id}` });

/** "Extend" while it is not over; "Cancel" until it starts. Specialists only (the handlers check). */
export function maintenanceButtons(item: Maintenance, signer: CardSigner, lang: Lang): Element[] {
  const phase = item.maintenance.phase;
  if (phase === 'ended' || phase === 'cancelled') return [];
  const ids = endInputs(item.id);
  const end = tallinnInputs(item.expectedEnd);
  const buttons = [showCard(say(T.extend, lang), [
    dateInput(ids.date, say(T.newEnd, lang), { value: end.date, isRequired: true }),
    { type: 'Input.Time', id: ids.time, value: end.time, isRequired: true },
  ], submitButton(say(T.saveEnd, lang), signer.sign('incidents.maintenance.extend', { id: item.id })))];
  if (phase !== 'started') {
    buttons.push(showCard(say(T.cancel, lang), [paragraph(say(T.cancelAsk, lang))], submitButton(say(T.cancelYes, lang), signer.sign('incidents.maintenance.cancel', { id: item.id }))));
  }
  return buttons;
}

/** The short message at the start: a new message, so that Teams notifies (an edit in place does not). */
export function startReminder(item: Maintenance, lang: Lang): Reply {
  return textReply(say(T.reminder, lang, { systems: systemsOf(item), end: showTime(item.expectedEnd) ?? '', title: plainText(titleOf(item, lang)) }));
}

/** The open incidents' notice (if any) followed by maintenance in progress, for other features to show before their answer. */
export function withRunningMaintenance(incidents: Reply | undefined, items: Maintenance[], lang: Lang): Reply | undefined {
  if (items.length === 0) return incidents;
  const lines = items.map((item) => say(T.runningLine, lang, { systems: systemsOf(item), title: plainText(titleOf(item, lang)), end: showTime(item.expectedEnd) ?? '' }));
  const running = `${say(T.running, lang)}\n\n${lines.join('\n')}`;
  return textReply(incidents?.kind === 'text' ? `${incidents.text}\n\n${running}` : running);
}
