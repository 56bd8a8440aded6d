import { z } from 'zod';
import type { CardSigner } from '../../shared/card-signer.js';
import { adaptiveCard, choiceInput, dateInput, facts, heading, paragraph, submitButton, textInput, type Element } from '../../shared/cards.js';
import { DomainError } from '../../shared/errors.js';
import { say, type Lang, type Text } from '../../shared/i18n.js';
import { cardReply, type Reply } from '../../shared/messaging.js';
import { showTime, tallinnToDate } from '../../shared/tallinn-time.js';
import { FORM_INVALID } from './notice-form.js';
import { maintenanceTemplate } from './notice-template.js';
import { announceAtFor, checkTimes, LEADS, type Lead } from './maintenance.js';
import { signedDraft } from './signed-draft.js';

const LABEL: Record<string, Text> = {
  title: { et: 'Uus planeeritud hooldus', en: 'New planned maintenance' },
  systems: { et: 'Süsteem', en: 'System' },
  start: { et: 'Algus (kuupäev ja kellaaeg Eesti aja järgi)', en: 'Start (date and time, Estonian time)' },
  end: { et: 'Lõpp (kuupäev ja kellaaeg Eesti aja järgi)', en: 'End (date and time, Estonian time)' },
  lead: { et: 'Millal teade välja saata', en: 'When to send the notice' },
  next: { et: 'Edasi: tekst ja eelvaade', en: 'Next: text and preview' },
};
const LEAD_TEXT: Record<Lead, Text> = {
  '72h': { et: '72 tundi enne algust', en: '72 hours before the start' },
  '24h': { et: '24 tundi enne algust', en: '24 hours before the start' },
  '2h': { et: '2 tundi enne algust', en: '2 hours before the start' },
  now: { et: 'kohe', en: 'now' },
};
const PREVIEW: Record<string, Text> = {
  intro: {
    et: 'Eelvaade. Teade läheb välja {when} ja praeguse seisuga saab selle {total} vestlust: {channels} kanalit ja {people} inimest, kes neid süsteeme jälgivad. Hoolduse algul saadan lühikese meeldetuletuse ja lõpus märgin teate lõppenuks. Vaata tekst üle ja kinnita.',
    en: 'Preview. The notice goes out {when}, and as things stand it reaches {total} conversations: {channels} channels and {people} people who follow these systems. At the start I send a short reminder, and at the end I mark the notice as ended. Review the text and confirm.',
  },
  now: { et: 'kohe pärast kinnitamist', en: 'as soon as you confirm' },
  at: { et: '{time}', en: 'at {time}' },
  start: { et: 'Algus', en: 'Starts' },
  end: { et: 'Lõpp', en: 'Ends' },
  announce: { et: 'Teade läheb välja', en: 'Notice goes out' },
  textEt: { et: 'Pealkiri (eesti keeles)', en: 'Title (in Estonian)' },
  descriptionEt: { et: 'Tekst (eesti keeles)', en: 'Text (in Estonian)' },
  textEn: { et: 'Pealkiri inglise keeles', en: 'Title in English' },
  descriptionEn: { et: 'Tekst inglise keeles', en: 'Text in English' },
  confirm: { et: 'Kinnita ja planeeri', en: 'Confirm and schedule' },
  cancel: { et: 'Loobu', en: 'Cancel' },
};

/** What the form decides: the rest (texts) is reviewed on the preview. */
export interface MaintenanceDraft {
  systems: string[];
  startsAt: string;
  endsAt: string;
  lead: Lead;
}

/** `uus hooldus`: system, start, end and when to announce (24 h before the start unless chosen). */
export function maintenanceForm(signer: CardSigner, lang: Lang): Reply {
  const body: Element[] = [
    heading(say(LABEL.title, lang)),
    choiceInput('systems', say(LABEL.systems, lang), [{ title: 'SKAIS', value: 'SKAIS' }, { title: 'STAR', value: 'STAR' }], { isMultiSelect: true, style: 'expanded', isRequired: true }),
    dateInput('startDate', say(LABEL.start, lang), { isRequired: true }),
    { type: 'Input.Time', id: 'startTime', isRequired: true },
    dateInput('endDate', say(LABEL.end, lang), { isRequired: true }),
    { type: 'Input.Time', id: 'endTime', isRequired: true },
    choiceInput('lead', say(LABEL.lead, lang), LEADS.map((lead) => ({ title: say(LEAD_TEXT[lead], lang), value: lead })), { value: '24h' }),
  ];
  return cardReply(adaptiveCard(body, [submitButton(say(LABEL.next, lang), signer.sign('incidents.maintenance.preview'))]));
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** The form's inputs as a draft, or a DomainError naming the fields to fix, or the broken rule (end before start, start past). */
export function parseMaintenanceForm(data: Record<string, unknown>, lang: Lang, now: Date): MaintenanceDraft {
  const systems = [...new Set((str(data.systems)?.split(',') ?? []).map((system) => system.trim().toUpperCase()).filter((system) => system === 'SKAIS' || system === 'STAR'))];
  const at = (day: unknown, time: unknown) => (str(day) && str(time) ? tallinnToDate(str(day) as string, str(time)) : undefined);
  const startsAt = at(data.startDate, data.startTime);
  const endsAt = at(data.endDate, data.endTime);
  const lead = LEADS.find((value) => value === str(data.lead)) ?? (str(data.lead) ? undefined : '24h');
  const missing = [systems.length === 0 && LABEL.systems, !startsAt && LABEL.start, !endsAt && LABEL.end, !lead && LABEL.lead].filter((label): label is Text => Boolean(label));
  if (missing.length > 0 || !startsAt || !endsAt || !lead) throw new DomainError('MAINTENANCE_FORM_INVALID', FORM_INVALID, { fields: missing.map((label) => say(label, lang)).join(', ') });
  checkTimes(startsAt, endsAt, now);
  return { systems, startsAt: startsAt.toISOString(), endsAt: endsAt.toISOString(), lead };
}

/** The preview: times, when the notice goes out, the audience size now, and the template's text to edit. */
export function maintenancePreview(draft: MaintenanceDraft, audience: { channels: number; people: number; total: number }, signer: CardSigner, lang: Lang, now: Date, draftId: string): Reply {
  const announceAt = announceAtFor(new Date(draft.startsAt), draft.lead, now);
  const immediate = announceAt.getTime() <= now.getTime();
  const when = immediate ? say(PREVIEW.now, lang) : say(PREVIEW.at, lang, { time: showTime(announceAt.toISOString()) ?? '' });
  const text = maintenanceTemplate(draft.systems, new Date(draft.startsAt), new Date(draft.endsAt));
  const body: Element[] = [
    paragraph(say(PREVIEW.intro, lang, { ...audience, when }), { weight: 'Bolder' }),
    heading(`${say(LABEL.title, lang)}: ${draft.systems.join(', ')}`),
    facts([
      [say(PREVIEW.start, lang), showTime(draft.startsAt)],
      [say(PREVIEW.end, lang), showTime(draft.endsAt)],
      [say(PREVIEW.announce, lang), immediate ? say(LEAD_TEXT.now, lang) : showTime(announceAt.toISOString())],
    ]),
    textInput('title', say(PREVIEW.textEt, lang), { maxLength: 200, value: text.title, isRequired: true }),
    textInput('description', say(PREVIEW.descriptionEt, lang), { isMultiline: true, maxLength: 4000, value: text.description, isRequired: true }),
    textInput('titleEn', say(PREVIEW.textEn, lang), { maxLength: 200, value: text.titleEn }),
    textInput('descriptionEn', say(PREVIEW.descriptionEn, lang), { isMultiline: true, maxLength: 4000, value: text.descriptionEn }),
  ];
  const confirm = signer.sign('incidents.maintenance.confirm', { draft: JSON.stringify(draft), draftId });
  return cardReply(adaptiveCard(body, [submitButton(say(PREVIEW.confirm, lang), confirm), submitButton(say(PREVIEW.cancel, lang), signer.sign('incidents.cancel', { draftId }))]));
}

const draftSchema = z.object({ systems: z.array(z.string()), startsAt: z.string(), endsAt: z.string(), lead: z.unknown() });

/** A draft from a confirm button's signed data (the signature already checked at the edge); unreadable ones are refused. */
export function draftOf(raw: unknown): MaintenanceDraft {
  const value = signedDraft(raw, draftSchema);
  const lead = LEADS.find((known) => known === value.lead) ?? '24h';
  return { systems: value.systems, startsAt: value.startsAt, endsAt: value.endsAt, lead };
}
