import type { CardSigner } from '../../shared/card-signer.js';
import { adaptiveCard, choiceInput, dateInput, heading, paragraph, submitButton, textInput } from '../../shared/cards.js';
import type { DirectoryPerson } from '../../shared/directory.js';
import { say, type Lang } from '../../shared/i18n.js';
import type { AdaptiveCard } from '../../shared/messaging.js';
import type { Catalogue } from './catalogue.js';
import { KIND, T } from './texts.js';

const W = {
  title: { et: 'Ligipääsutaotlus', en: 'Access request' },
  intro: {
    et: 'Taotle õigusi endale või juhina oma alluvale. Õigused antakse kooskõlastatud taotluse alusel ja need peavad vastama ametijuhendile; erandi korral lisa põhjendus.',
    en: 'Request rights for yourself or, as a manager, for someone who reports to you. Rights are granted on the basis of an approved request and must match the job description; for an exception, add a reason.',
  },
  kind: { et: 'Mida on vaja?', en: 'What do you need?' },
  subjectId: { et: 'Või muu inimese Entra object ID (ainult kasutajatoele)', en: 'Or another person\'s Entra object ID (support desk only)' },
  start: { et: 'Alates', en: 'From' },
  end: { et: 'Kuni (õigused lõpevad sel päeval; peatamise korral päev, mil õigused taastatakse)', en: 'Until (the rights end on this day; for a suspension, the day they are restored)' },
  send: { et: 'Saada taotlus', en: 'Submit the request' },
  self: { et: '{name} (mina)', en: '{name} (me)' },
};

export interface FormOptions {
  me: DirectoryPerson;
  reports: DirectoryPerson[];
  specialist: boolean;
  today: string;
}

/** The request form: for oneself or a subordinate; system, roles, justification, start and optional end. */
export function requestFormCard(catalogue: Catalogue, options: FormOptions, lang: Lang, signer: CardSigner): AdaptiveCard {
  const { me, reports, specialist, today } = options;
  const people = [{ title: say(W.self, lang, { name: me.name }), value: me.id }, ...reports.map((person) => ({ title: `${person.name}${person.jobTitle ? `, ${person.jobTitle}` : ''}`, value: person.id }))];
  const roles = catalogue.systems.flatMap((system) => system.roles.map((role) => ({ title: `${system.id} – ${role.name[lang]}`, value: role.id })));
  const body = [
    heading(say(W.title, lang)),
    paragraph(say(W.intro, lang), { isSubtle: true }),
    choiceInput('kind', say(W.kind, lang), (['grant', 'suspend', 'close'] as const).map((kind) => ({ title: say(KIND[kind], lang), value: kind })), { value: 'grant', isRequired: true }),
    choiceInput('subject', say(T.for, lang), people, { value: me.id, isRequired: true }),
    ...(specialist ? [textInput('subjectId', say(W.subjectId, lang))] : []),
    choiceInput('system', say(T.system, lang), catalogue.systems.map((system) => ({ title: system.name[lang], value: system.id })), { value: catalogue.systems[0].id }),
    choiceInput('roles', say(T.roles, lang), roles, { isMultiSelect: true, style: 'expanded' }),
    textInput('justification', say(T.justification, lang), { isMultiline: true, isRequired: true, maxLength: 1000 }),
    textInput('flagReason', say(T.flagReason, lang), { isMultiline: true, maxLength: 1000 }),
    dateInput('start', say(W.start, lang), { value: today, min: today, isRequired: true }),
    dateInput('end', say(W.end, lang), { min: today }),
  ];
  return adaptiveCard(body, [submitButton(say(W.send, lang), signer.sign('access.submit'), { style: 'positive' })]);
}
