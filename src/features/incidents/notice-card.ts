import type { CardSigner } from '../../shared/card-signer.js';
import { adaptiveCard, facts, heading, paragraph, submitButton, type Element } from '../../shared/cards.js';
import { say, type Lang, type Text } from '../../shared/i18n.js';
import { cardReply, textReply, type Reply } from '../../shared/messaging.js';
import type { Incident } from './incident.js';
import { FACT, formatTime, severityOf, statusOf } from './incident-texts.js';
import { plainText } from '../../shared/plain-text.js';
import { isMaintenance } from './maintenance.js';
import { maintenanceBody, maintenanceButtons, maintenanceCard } from './maintenance-card.js';

const HEADING: Record<'open' | 'resolved', Text> = {
  open: { et: 'Rike: {systems}', en: 'Incident: {systems}' },
  resolved: { et: 'Lahendatud: {systems}', en: 'Resolved: {systems}' },
};
const FOOTER: Record<'open' | 'resolved', Text> = {
  open: { et: 'Annan teada, kui olukord muutub. Mida kuulda soovid, saad valida käsuga „teavitused“.', en: 'I will let you know when this changes. Type "notifications" to choose what you hear about.' },
  resolved: { et: 'Rike on lahendatud. Aitäh kannatlikkuse eest!', en: 'The incident is resolved. Thank you for your patience!' },
};
const BUTTON: Record<'update' | 'resolve', Text> = {
  update: { et: 'Lisa uuendus', en: 'Post an update' },
  resolve: { et: 'Märgi lahendatuks', en: 'Mark as resolved' },
};
const ACTIVE: Text = {
  et: 'Praegu on teada rike, mis võib sinu küsimust puudutada:',
  en: 'There is a known incident that may be behind your question:',
};
const ACTIVE_LINE: Text = { et: '**{systems}**: {title} (olek: {status}{end})', en: '**{systems}**: {title} (status: {status}{end})' };
const ACTIVE_END: Text = { et: ', eeldatav lõpp {time}', en: ', expected end {time}' };

export const titleOf = (incident: Pick<Incident, 'title' | 'titleEn'>, lang: Lang): string => (lang === 'en' && incident.titleEn) || incident.title;
const descriptionOf = (incident: Incident, lang: Lang): string => (lang === 'en' && incident.descriptionEn) || incident.description;

/** Systems, title and description were typed (by a specialist or monitoring): shown as text. */
const systemsOf = (incident: Incident): string => plainText(incident.systems.join(', '));

/** The facts and text of a notice, shared by the notice itself, the preview and the list. */
export function noticeBody(incident: Incident, lang: Lang): Element[] {
  if (isMaintenance(incident)) return maintenanceBody(incident, lang);
  const state = incident.status === 'resolved' ? 'resolved' : 'open';
  return [
    heading(say(HEADING[state], lang, { systems: systemsOf(incident) })),
    paragraph(`**${plainText(titleOf(incident, lang))}**`, { spacing: 'Small' }),
    facts([
      [say(FACT.severity, lang), severityOf(incident.severity, lang)],
      [say(FACT.status, lang), statusOf(incident.status, lang)],
      [say(FACT.started, lang), formatTime(incident.startsAt, lang)],
      [say(FACT.expectedEnd, lang), state === 'open' ? formatTime(incident.expectedEnd, lang) : undefined],
      [say(FACT.resolved, lang), formatTime(incident.resolvedAt, lang)],
      [say(FACT.updated, lang), incident.version > 1 ? formatTime(incident.updatedAt, lang) : undefined],
      [say(FACT.ref, lang), incident.id],
    ]),
    paragraph(plainText(descriptionOf(incident, lang))),
  ];
}

/** Buttons a specialist gets on a notice (the specialists' channel, the incident list). */
export function specialistButtons(incident: Incident, signer: CardSigner, lang: Lang): Element[] {
  if (isMaintenance(incident)) return maintenanceButtons(incident, signer, lang);
  if (incident.status === 'resolved') return [];
  return [
    submitButton(say(BUTTON.update, lang), signer.sign('incidents.edit', { id: incident.id })),
    submitButton(say(BUTTON.resolve, lang), signer.sign('incidents.resolve', { id: incident.id })),
  ];
}

/** The notice as it is sent and later edited in place. */
export function noticeCard(incident: Incident, lang: Lang, buttons: Element[] = [], extra: Element[] = []): Reply {
  if (isMaintenance(incident)) return maintenanceCard(incident, lang, buttons, extra);
  const state = incident.status === 'resolved' ? 'resolved' : 'open';
  const body = [...noticeBody(incident, lang), ...extra, paragraph(say(FOOTER[state], lang), { isSubtle: true, size: 'Small' })];
  return cardReply(adaptiveCard(body, buttons), `${say(HEADING[state], lang, { systems: incident.systems.join(', ') })}: ${titleOf(incident, lang)}`);
}

/** A short text about open incidents, for other features to show before their answer. */
export function activeNotice(incidents: Incident[], lang: Lang): Reply | undefined {
  if (incidents.length === 0) return undefined;
  const lines = incidents.map((incident) => `- ${say(ACTIVE_LINE, lang, {
    systems: systemsOf(incident),
    title: plainText(titleOf(incident, lang)),
    status: statusOf(incident.status, lang),
    end: incident.expectedEnd ? say(ACTIVE_END, lang, { time: formatTime(incident.expectedEnd, lang) ?? '' }) : '',
  })}`);
  return textReply(`${say(ACTIVE, lang)}\n\n${lines.join('\n')}`);
}
