import type { CardSigner } from '../../shared/card-signer.js';
import { adaptiveCard, choiceInput, dateInput, heading, paragraph, submitButton, textInput, type Element } from '../../shared/cards.js';
import { DomainError } from '../../shared/errors.js';
import { say, type Lang, type Text } from '../../shared/i18n.js';
import { tallinnInputs, tallinnToIso } from '../../shared/tallinn-time.js';
import { cardReply, type Reply } from '../../shared/messaging.js';
import { SEVERITIES, STATUSES, type IncidentContent } from './incident.js';
import { incidentInputSchema, type IncidentInput } from './incident-input.js';
import { SEVERITY_TEXT, STATUS_TEXT } from './incident-texts.js';
import { VERSION_ARG, type BuiltFrom } from './notice-version.js';

const LABEL: Record<string, Text> = {
  newTitle: { et: 'Uus teade rikkest', en: 'New incident notice' },
  editTitle: { et: 'Uuendus rikke {id} kohta', en: 'Update on incident {id}' },
  systems: { et: 'Süsteemid', en: 'Systems' },
  otherSystems: { et: 'Muud süsteemid või moodulid (komadega eraldatud)', en: 'Other systems or modules (comma-separated)' },
  severity: { et: 'Mõju', en: 'Severity' },
  status: { et: 'Olek', en: 'Status' },
  title: { et: 'Pealkiri (eesti keeles)', en: 'Title (in Estonian)' },
  description: { et: 'Kirjeldus (eesti keeles)', en: 'Description (in Estonian)' },
  titleEn: { et: 'Pealkiri inglise keeles (soovi korral)', en: 'Title in English (optional)' },
  descriptionEn: { et: 'Kirjeldus inglise keeles (soovi korral)', en: 'Description in English (optional)' },
  expectedEnd: { et: 'Eeldatav lõpp (kuupäev ja kellaaeg Eesti aja järgi)', en: 'Expected end (date and time, Estonian time)' },
  preview: { et: 'Eelvaade', en: 'Preview' },
  audience: { et: 'Sihtrühm (soovi korral). Tühjana saavad teate kõik, kes neid süsteeme jälgivad; täidetuna ainult need, kes kuuluvad mõnda neist (komadega eraldatud).', en: 'Audience (optional). Left empty, everyone who follows these systems gets the notice; filled in, only people in one of these (comma-separated).' },
  departments: { et: 'Osakonnad', en: 'Departments' },
  jobTitles: { et: 'Ametinimetused', en: 'Job titles' },
  groups: { et: 'Entra grupid (nimi või id)', en: 'Entra groups (name or id)' },
};

export const FORM_INVALID: Text = {
  et: 'Palun täida või paranda need väljad: {fields}.',
  en: 'Please fill in or correct these fields: {fields}.',
};

const choices = <T extends string>(values: readonly T[], texts: Record<T, Text>, lang: Lang) => values.map((value) => ({ title: say(texts[value], lang), value }));

/**
 * The form a specialist fills in; `builtFrom` (the incident's id and version) when it updates an
 * incident: its signed data carries that version, so a form older than the stored incident is refused.
 */
export function noticeForm(signer: CardSigner, lang: Lang, prefill?: IncidentContent, builtFrom?: BuiltFrom): Reply {
  const incidentId = builtFrom?.id;
  const known = new Set(['SKAIS', 'STAR']);
  const end = tallinnInputs(prefill?.expectedEnd);
  const body: Element[] = [
    heading(incidentId ? say(LABEL.editTitle, lang, { id: incidentId }) : say(LABEL.newTitle, lang)),
    choiceInput('systems', say(LABEL.systems, lang), [{ title: 'SKAIS', value: 'SKAIS' }, { title: 'STAR', value: 'STAR' }], { isMultiSelect: true, style: 'expanded', value: prefill?.systems.filter((s) => known.has(s)).join(',') }),
    textInput('otherSystems', say(LABEL.otherSystems, lang), { value: prefill?.systems.filter((s) => !known.has(s)).join(', ') }),
    choiceInput('severity', say(LABEL.severity, lang), choices(SEVERITIES, SEVERITY_TEXT, lang), { value: prefill?.severity ?? 'major' }),
    choiceInput('status', say(LABEL.status, lang), choices(STATUSES, STATUS_TEXT, lang), { value: prefill?.status ?? 'investigating' }),
    textInput('title', say(LABEL.title, lang), { maxLength: 200, value: prefill?.title, isRequired: true }),
    textInput('description', say(LABEL.description, lang), { isMultiline: true, maxLength: 4000, value: prefill?.description, isRequired: true }),
    textInput('titleEn', say(LABEL.titleEn, lang), { maxLength: 200, value: prefill?.titleEn }),
    textInput('descriptionEn', say(LABEL.descriptionEn, lang), { isMultiline: true, maxLength: 4000, value: prefill?.descriptionEn }),
    dateInput('expectedEndDate', say(LABEL.expectedEnd, lang), { value: end.date }),
    { type: 'Input.Time', id: 'expectedEndTime', value: end.time },
    paragraph(say(LABEL.audience, lang), { size: 'Small', isSubtle: true }),
    textInput('departments', say(LABEL.departments, lang), { value: prefill?.audience?.departments?.join(', ') }),
    textInput('jobTitles', say(LABEL.jobTitles, lang), { value: prefill?.audience?.jobTitles?.join(', ') }),
    textInput('groups', say(LABEL.groups, lang), { value: prefill?.audience?.groups?.map((group) => group.name).join(', ') }),
  ];
  const args: Record<string, string | number> = builtFrom ? { id: builtFrom.id, [VERSION_ARG]: builtFrom.version } : {};
  return cardReply(adaptiveCard(body, [submitButton(say(LABEL.preview, lang), signer.sign('incidents.preview', args))]));
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value.trim() ? value.trim() : undefined);

/** The form's inputs as an incident input, or a DomainError naming the fields to fix. */
export function parseNoticeForm(data: Record<string, unknown>, lang: Lang, ref?: string): IncidentInput {
  const systems = [...(str(data.systems)?.split(',') ?? []), ...(str(data.otherSystems)?.split(',') ?? [])].map((s) => s.trim()).filter(Boolean);
  const date = str(data.expectedEndDate);
  const candidate = {
    ref,
    systems,
    severity: str(data.severity),
    status: str(data.status),
    title: str(data.title),
    description: str(data.description),
    titleEn: str(data.titleEn),
    descriptionEn: str(data.descriptionEn),
    // A date or time that cannot be read stays as typed, so the schema names the field to fix.
    expectedEnd: date ? (tallinnToIso(date, str(data.expectedEndTime) ?? '23:59') ?? `${date} ${str(data.expectedEndTime) ?? ''}`) : undefined,
  };
  const parsed = incidentInputSchema.safeParse(Object.fromEntries(Object.entries(candidate).filter(([, value]) => value !== undefined)));
  if (parsed.success) return parsed.data;
  const fields = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '')))].map((field) => (LABEL[field] ? say(LABEL[field], lang) : field));
  throw new DomainError('INCIDENT_FORM_INVALID', FORM_INVALID, { fields: fields.join(', ') });
}
