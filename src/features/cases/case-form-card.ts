import type { CardSigner } from '../../shared/card-signer.js';
import { adaptiveCard, choiceInput, facts, heading, paragraph, submitButton, textInput } from '../../shared/cards.js';
import { say, type Lang, type Text } from '../../shared/i18n.js';
import type { Reply } from '../../shared/messaging.js';
import { CASE_KINDS, CASE_SYSTEMS, URGENCIES, type Case } from './case.js';
import { FIELD_LABELS, KIND_LABELS, STATUS_LABELS, SYSTEM_LABELS, URGENCY_LABELS, formatTime } from './case-labels.js';
import { plainText } from '../../shared/plain-text.js';

const T = {
  title: { et: 'Uus pöördumine kasutajatoele', en: 'New case for the support desk' },
  intro: {
    et: 'Täida palun need väljad ja spetsialist võtab pöördumise menetlusse. Ära lisa kirjeldusse isikukoode, kui see pole hädavajalik.',
    en: 'Please fill in these fields and a specialist will take up your case. Do not include personal ID codes in the description unless they are essential.',
  },
  ...FIELD_LABELS,
  descriptionHint: { et: 'Mida sa tegid, mis juhtus ja mida ootasid?', en: 'What did you do, what happened and what did you expect?' },
  submit: { et: 'Saada pöördumine', en: 'Submit the case' },
  registered: { et: 'Pöördumine {number} on registreeritud', en: 'Case {number} is registered' },
  status: { et: 'Olek', en: 'Status' },
  due: { et: 'Tähtaeg', en: 'Due' },
} satisfies Record<string, Text>;

export interface FormContext {
  question?: string;
  shown?: string;
  formId: string;
  /** The system whose outage notice was already shown, so it is not shown twice. */
  noticed?: string;
  /** The system the question names, chosen in advance. */
  system?: string;
}

function choices<K extends string>(values: readonly K[], labels: Record<K, Text>, lang: Lang) {
  return values.map((value) => ({ title: say(labels[value], lang), value }));
}

/** The form that opens a case, pre-filled with the question the bot could not settle. */
export function caseFormCard(signer: CardSigner, lang: Lang, context: FormContext): Reply {
  const args: Record<string, string> = { formId: context.formId, shown: context.shown ?? '' };
  if (context.question) args.question = context.question;
  if (context.noticed) args.noticed = context.noticed;
  const body = [
    heading(say(T.title, lang)),
    paragraph(say(T.intro, lang), { isSubtle: true }),
    choiceInput('system', say(T.system, lang), choices(CASE_SYSTEMS, SYSTEM_LABELS, lang), { isRequired: true, errorMessage: say(T.system, lang), ...(context.system ? { value: context.system } : {}) }),
    choiceInput('kind', say(T.kind, lang), choices(CASE_KINDS, KIND_LABELS, lang), { isRequired: true, errorMessage: say(T.kind, lang) }),
    choiceInput('urgency', say(T.urgency, lang), choices(URGENCIES, URGENCY_LABELS, lang), { value: 'normal', isRequired: true }),
    textInput('description', say(T.description, lang), { isMultiline: true, maxLength: 4000, placeholder: say(T.descriptionHint, lang), value: context.question ?? '', isRequired: true, errorMessage: say(T.description, lang) }),
  ];
  return { kind: 'card', card: adaptiveCard(body, [submitButton(say(T.submit, lang), signer.sign('cases.submit', args))]), summary: say(T.title, lang) };
}

/** What replaces the form once sent: the case without buttons, so the form cannot be sent twice. */
export function submittedCard(item: Case, lang: Lang): Reply {
  const body = [
    heading(say(T.registered, lang, { number: item.id })),
    facts([
      [say(T.system, lang), say(SYSTEM_LABELS[item.system], lang)],
      [say(T.kind, lang), say(KIND_LABELS[item.kind], lang)],
      [say(T.urgency, lang), say(URGENCY_LABELS[item.urgency], lang)],
      [say(T.status, lang), say(STATUS_LABELS[item.status], lang)],
      [say(T.due, lang), formatTime(item.dueAt, lang)],
    ]),
    paragraph(plainText(item.description)),
  ];
  return { kind: 'card', card: adaptiveCard(body), summary: say(T.registered, lang, { number: item.id }) };
}
