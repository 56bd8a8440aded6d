import type { CardSigner } from '../../shared/card-signer.js';
import { adaptiveCard, facts, heading, paragraph, submitButton, textInput, type Element } from '../../shared/cards.js';
import { say, type Lang, type Text } from '../../shared/i18n.js';
import { cardReply, type Reply } from '../../shared/messaging.js';
import { plainText } from '../../shared/plain-text.js';
import { showTime } from '../../shared/tallinn-time.js';
import type { Incident } from './incident.js';
import { severityOf } from './incident-texts.js';
import { noticeBody, specialistButtons } from './notice-card.js';
import { audienceLines, type PreviewReach } from './preview-card.js';
import { isTargeted } from './audience.js';
import { VERSION_ARG } from './notice-version.js';

const T: Record<string, Text> = {
  draft: { et: 'Mustand ülevaatamiseks: {systems}', en: 'Draft for review: {systems}' },
  published: { et: 'Avaldatud teade: {systems}', en: 'Published notice: {systems}' },
  withdrawn: { et: 'Mustand võeti tagasi: {systems}', en: 'Draft withdrawn: {systems}' },
  draftIntro: {
    et: 'Seire andis häire. Kasutajad ei ole veel midagi saanud. Vaata tekst üle, muuda vajadusel ja avalda: teade läheb {total} vestlusse ({channels} kanalisse ja {people} inimesele, kes seda süsteemi jälgivad).',
    en: 'Monitoring raised an alert. Users have not been told anything yet. Review the text, edit it if needed and publish: the notice goes to {total} conversations ({channels} channels and {people} people who follow this system).',
  },
  withdrawnIntro: { et: 'Häire lõppes enne avaldamist, seega kedagi ei teavitatud.', en: 'The alert resolved before it was published, so nobody was notified.' },
  publishedBy: { et: 'Avaldas {name}, {time}.', en: 'Published by {name}, {time}.' },
  publishedAuto: { et: 'Avaldatud ülevaatuseta operaatori reegli alusel (NOTICE_AUTO_PUBLISH), malli tekstiga, {time}.', en: 'Published without review under the operator\'s rule (NOTICE_AUTO_PUBLISH), with the template text, {time}.' },
  raw: { et: 'Seire teade (ainult tugimeeskonnale)', en: 'Monitoring\'s alert (for the desk only)' },
  source: { et: 'Allikas', en: 'Source' },
  state: { et: 'Häire olek', en: 'Alert state' },
  severity: { et: 'Mõju', en: 'Severity' },
  summary: { et: 'Kokkuvõte', en: 'Summary' },
  hosts: { et: 'Masinad', en: 'Hosts' },
  since: { et: 'Alates', en: 'Since' },
  received: { et: 'Viimati saadud', en: 'Last received' },
  labels: { et: 'Sildid', en: 'Labels' },
  annotations: { et: 'Märkused', en: 'Annotations' },
  title: { et: 'Pealkiri (eesti keeles)', en: 'Title (in Estonian)' },
  description: { et: 'Kirjeldus (eesti keeles)', en: 'Description (in Estonian)' },
  titleEn: { et: 'Pealkiri inglise keeles', en: 'Title in English' },
  descriptionEn: { et: 'Kirjeldus inglise keeles', en: 'Description in English' },
  publish: { et: 'Avalda', en: 'Publish' },
  draftIntroTargeted: {
    et: 'Seire andis häire. Kasutajad ei ole veel midagi saanud. Vaata tekst üle, muuda vajadusel ja avalda: teade läheb {total} vestlusse ({channels} kanalisse ja {people} inimesele sihtrühmast, kes seda süsteemi jälgivad).',
    en: 'Monitoring raised an alert. Users have not been told anything yet. Review the text, edit it if needed and publish: the notice goes to {total} conversations ({channels} channels and {people} people in the audience who follow this system).',
  },
  audienceHint: { et: 'Sihtrühm (soovi korral, komadega eraldatud). Tühjana saavad teate kõik, kes süsteemi jälgivad. Muutmisel vajuta enne avaldamist „Näita sihtrühma“.', en: 'Audience (optional, comma-separated). Left empty, everyone who follows the system gets the notice. After a change, press "Show audience" before publishing.' },
  departments: { et: 'Osakonnad', en: 'Departments' },
  jobTitles: { et: 'Ametinimetused', en: 'Job titles' },
  groups: { et: 'Entra grupid (nimi või id)', en: 'Entra groups (name or id)' },
  showAudience: { et: 'Näita sihtrühma', en: 'Show audience' },
  firing: { et: 'kestab', en: 'firing' },
  resolvedAlert: { et: 'lõppenud', en: 'resolved' },
};

const pairs = (record: Record<string, string>): string => Object.entries(record).slice(0, 30).map(([key, value]) => `- ${plainText(key)}: ${plainText(value.slice(0, 300))}`).join('\n');

/** Monitoring's own words, labels and hosts: the desk's facts, never shown to users. */
function rawAlert(incident: Incident, lang: Lang): Element[] {
  const alert = incident.alert;
  if (!alert) return [];
  const items: Element[] = [
    paragraph(`**${say(T.raw, lang)}**`),
    facts([
      [say(T.source, lang), alert.source === 'alertmanager' ? 'Alertmanager' : 'webhook'],
      [say(T.state, lang), say(alert.status === 'resolved' ? T.resolvedAlert : T.firing, lang)],
      [say(T.severity, lang), severityOf(alert.severity, lang)],
      [say(T.summary, lang), plainText(alert.summary)],
      [say(T.hosts, lang), alert.hosts.length > 0 ? plainText(alert.hosts.join(', ')) : undefined],
      [say(T.since, lang), showTime(alert.startsAt)],
      [say(T.received, lang), showTime(alert.receivedAt)],
    ]),
    paragraph(plainText(alert.description), { size: 'Small' }),
  ];
  if (Object.keys(alert.labels).length > 0) items.push(paragraph(`${say(T.labels, lang)}:\n\n${pairs(alert.labels)}`, { size: 'Small', isSubtle: true }));
  if (Object.keys(alert.annotations).length > 0) items.push(paragraph(`${say(T.annotations, lang)}:\n\n${pairs(alert.annotations)}`, { size: 'Small', isSubtle: true }));
  return [{ type: 'Container', style: 'warning', items }];
}

/**
 * The desk's card for monitoring's incident in the specialists' channel, edited in place: a draft
 * with the template's text in editable fields, the audience size and one "Publish" button; the
 * published notice with who published it; or the withdrawn draft. Always with the raw alert.
 */
export function deskCard(incident: Incident, audience: PreviewReach, signer: CardSigner, lang: Lang): Reply {
  const systems = plainText(incident.systems.join(', '));
  const stage = incident.stage ?? 'published';
  const body: Element[] = [heading(say(T[stage], lang, { systems }))];
  let actions: Element[] = [];
  if (stage === 'draft') {
    body.push(
      paragraph(say(isTargeted(incident.audience) && audience.selected !== undefined ? T.draftIntroTargeted : T.draftIntro, lang, { channels: audience.channels, people: audience.people, total: audience.total }), { weight: 'Bolder' }),
      ...audienceLines(incident, audience, lang),
      textInput('title', say(T.title, lang), { maxLength: 200, value: incident.title, isRequired: true }),
      textInput('description', say(T.description, lang), { isMultiline: true, maxLength: 4000, value: incident.description, isRequired: true }),
      textInput('titleEn', say(T.titleEn, lang), { maxLength: 200, value: incident.titleEn }),
      textInput('descriptionEn', say(T.descriptionEn, lang), { isMultiline: true, maxLength: 4000, value: incident.descriptionEn }),
      paragraph(say(T.audienceHint, lang), { size: 'Small', isSubtle: true }),
      textInput('departments', say(T.departments, lang), { value: incident.audience?.departments?.join(', ') }),
      textInput('jobTitles', say(T.jobTitles, lang), { value: incident.audience?.jobTitles?.join(', ') }),
      textInput('groups', say(T.groups, lang), { value: incident.audience?.groups?.map((group) => group.name).join(', ') }),
    );
    actions = [
      // The draft's version: the texts on this card are monitoring's of that version, refused once it moved on.
      submitButton(say(T.publish, lang), signer.sign('incidents.publish', { id: incident.id, [VERSION_ARG]: incident.version })),
      submitButton(say(T.showAudience, lang), signer.sign('incidents.audience', { id: incident.id, [VERSION_ARG]: incident.version })),
    ];
  } else if (stage === 'withdrawn') {
    body.push(paragraph(say(T.withdrawnIntro, lang)));
  } else {
    body.push({ type: 'Container', style: 'emphasis', items: noticeBody(incident, lang) });
    const by = incident.publishedBy;
    if (by) body.push(paragraph(by.auto ? say(T.publishedAuto, lang, { time: showTime(by.at) ?? '' }) : say(T.publishedBy, lang, { name: plainText(by.name ?? '-'), time: showTime(by.at) ?? '' }), { isSubtle: true, size: 'Small' }));
    actions = specialistButtons(incident, signer, lang);
  }
  body.push(...rawAlert(incident, lang));
  return cardReply(adaptiveCard(body, actions), `${say(T[stage], lang, { systems: incident.systems.join(', ') })}`);
}
