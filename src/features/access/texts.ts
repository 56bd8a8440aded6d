import { say, type Lang, type Text } from '../../shared/i18n.js';
import { roleName, type Catalogue } from './catalogue.js';
import { showDay } from './dates.js';
import type { AccessRequest, AccessTask, Flag, RequestKind, TaskKind, TaskState } from './model.js';
import { plainOptional, plainText } from '../../shared/plain-text.js';

export const KIND: Record<RequestKind, Text> = {
  grant: { et: 'Õiguste andmine', en: 'Granting rights' },
  suspend: { et: 'Õiguste peatamine (pikk puudumine)', en: 'Suspending rights (long absence)' },
  close: { et: 'Kõigi kontode sulgemine (töölt lahkumine)', en: 'Closing all accounts (leaving the job)' },
};

export const TASK_KIND: Record<TaskKind, Text> = {
  grant: { et: 'Õiguste andmine', en: 'Granting the rights' },
  revoke: { et: 'Õiguste lõpetamine', en: 'Ending the rights' },
  suspend: { et: 'Õiguste peatamine', en: 'Suspending the rights' },
  resume: { et: 'Õiguste taastamine', en: 'Restoring the rights' },
  close: { et: 'Kõigi kontode ja rollide sulgemine', en: 'Closing all accounts and roles' },
};

export const TASK_STATE: Record<TaskState, Text> = {
  open: { et: 'avatud', en: 'open' },
  done: { et: 'tehtud', en: 'done' },
  impossible: { et: 'ei saa teha', en: 'cannot be done' },
  cancelled: { et: 'tühistatud', en: 'cancelled' },
};

export const T = {
  for: { et: 'Kellele', en: 'For' },
  requester: { et: 'Taotleja', en: 'Requester' },
  system: { et: 'Süsteem', en: 'System' },
  roles: { et: 'Rollid', en: 'Roles' },
  justification: { et: 'Põhjendus', en: 'Justification' },
  flagReason: { et: 'Erandi põhjendus', en: 'Reason for the exception' },
  period: { et: 'Periood', en: 'Period' },
  due: { et: 'Tähtaeg', en: 'Due' },
  state: { et: 'Seis', en: 'Status' },
  open: { et: 'tähtajatu', en: 'open-ended' },
  allSystems: { et: 'kõik süsteemid', en: 'all systems' },
  comment: { et: 'Kommentaar', en: 'Comment' },
  approve: { et: 'Kooskõlasta', en: 'Approve' },
  reject: { et: 'Lükka tagasi', en: 'Reject' },
  ack: { et: 'Olen erandi põhjendusega tutvunud ja kooskõlastan taotluse teadlikult', en: 'I have read the reason for the exception and knowingly approve the request' },
  done: { et: 'Tehtud', en: 'Done' },
  impossible: { et: 'Ei saa teha', en: 'Cannot be done' },
  impossibleReason: { et: 'Miks ei saa seda teha? (kohustuslik, kui vajutate „Ei saa teha“)', en: 'Why can it not be done? (required if you press "Cannot be done")' },
  fromCatalogue: {
    et: 'Sina kooskõlastad selle taotluse kataloogis nimetatud kooskõlastajana, sest õiguste saaja ega taotleja juht ei saa seda teha (juhti pole või ta on ise saaja või taotleja).',
    en: 'You approve this request as an approver named in the catalogue, because neither the manager of the person receiving the rights nor that of the requester can (there is none, or they are that person or the requester).',
  },
  flagged: { et: '⚠ Erand: {flags}', en: '⚠ Exception: {flags}' },
  jobFlag: { et: 'roll „{role}“ ei vasta ametijuhendile ({title})', en: 'role "{role}" does not match the job description ({title})' },
  comboFlag: { et: 'rolli „{role}“ ei tohi olla samal inimesel koos rolliga „{other}“', en: 'role "{role}" may not be held together with "{other}"' },
  approvalTitle: { et: 'Ligipääsutaotlus {id} ootab sinu kooskõlastust', en: 'Access request {id} is waiting for your approval' },
  decidedTitle: { et: 'Ligipääsutaotlus {id}: {decision}', en: 'Access request {id}: {decision}' },
  approved: { et: 'kooskõlastatud', en: 'approved' },
  rejected: { et: 'tagasi lükatud', en: 'rejected' },
  submittedTitle: { et: 'Ligipääsutaotlus {id} on esitatud', en: 'Access request {id} has been submitted' },
  decidedBy: { et: 'Otsustas', en: 'Decided by' },
  taskTitle: { et: 'Ülesanne {id}: {what}', en: 'Task {id}: {what}' },
  closedBy: { et: 'Lõpetas', en: 'Closed by' },
} satisfies Record<string, Text>;

export function rolesText(catalogue: Catalogue, roles: string[], lang: Lang): string {
  return roles.map((role) => roleName(catalogue, role, lang)).join(', ');
}

export function periodText(start: string, end: string | undefined, lang: Lang): string {
  return `${showDay(start, lang)} – ${end ? showDay(end, lang) : say(T.open, lang)}`;
}

export function flagsText(catalogue: Catalogue, flags: Flag[], jobTitle: string, lang: Lang): string {
  return flags.map((flag) => flag.kind === 'job'
    ? say(T.jobFlag, lang, { role: roleName(catalogue, flag.role, lang), title: jobTitle || '-' })
    : say(T.comboFlag, lang, { role: roleName(catalogue, flag.role, lang), other: roleName(catalogue, flag.other ?? '', lang) })).join('; ');
}

export function requestFacts(catalogue: Catalogue, request: AccessRequest, lang: Lang): Array<[string, string | undefined]> {
  return [
    [say(T.for, lang), plainText(request.subject.name)],
    [say(T.requester, lang), plainText(request.requester.name)],
    [say(T.system, lang), request.system || say(T.allSystems, lang)],
    [say(T.roles, lang), rolesText(catalogue, request.roles, lang)],
    [say(T.period, lang), periodText(request.start, request.end, lang)],
    [say(T.justification, lang), plainText(request.justification)],
    [say(T.flagReason, lang), plainOptional(request.flagReason)],
  ];
}

export function taskLine(catalogue: Catalogue, task: AccessTask, lang: Lang): string {
  const what = say(TASK_KIND[task.kind], lang);
  const roles = task.roles.length > 0 ? `: ${rolesText(catalogue, task.roles, lang)}` : '';
  return `${task.id} – ${what}, ${plainText(task.subject.name)}, ${task.system || say(T.allSystems, lang)}${roles}; ${say(T.due, lang).toLowerCase()} ${showDay(task.due, lang)}`;
}

/** Notices to people, in their language. */
export const N = {
  submitted: { et: 'Aitäh! Taotlus {id} on saadetud kooskõlastamiseks ({approvers}). Annan sulle teada, kui otsus on tehtud.', en: 'Thank you! Request {id} has been sent for approval ({approvers}). I will let you know when it has been decided.' },
  submittedToCatalogue: {
    et: 'Aitäh! Taotlus {id} on saadetud kooskõlastamiseks kataloogis nimetatud kooskõlastajatele ({approvers}), sest juhti, kes ei oleks ise õiguste saaja ega taotleja, ei leidu.',
    en: 'Thank you! Request {id} has been sent for approval to the approvers named in the catalogue ({approvers}), because there is no manager who is neither the person receiving the rights nor the requester.',
  },
  recorded: { et: 'Aitäh! Taotlus {id} on kirja pandud ja kasutajatoele on loodud ülesanne (tähtaeg {due}).', en: 'Thank you! Request {id} has been recorded and a task has been created for the support desk (due {due}).' },
  approvedNotice: { et: 'Ligipääsutaotlus {id} on kooskõlastatud ({by}). Kasutajatugi annab õigused alates {start}.', en: 'Access request {id} has been approved ({by}). The support desk will grant the rights from {start}.' },
  rejectedNotice: { et: 'Ligipääsutaotlus {id} lükati tagasi ({by}). Põhjus: {comment}', en: 'Access request {id} has been rejected ({by}). Reason: {comment}' },
  decidedReply: { et: 'Otsus on kirja pandud ja taotlejale teada antud.', en: 'The decision has been recorded and the requester has been informed.' },
  taskDone: { et: 'Ülesanne {id} on tehtud: {what} ({system}) – {subject}.', en: 'Task {id} is done: {what} ({system}) – {subject}.' },
  taskImpossible: { et: 'Ülesannet {id} ei saa teha: {what} ({system}) – {subject}. Põhjus: {reason}', en: 'Task {id} cannot be done: {what} ({system}) – {subject}. Reason: {reason}' },
  reminder: { et: '⏰ Meeldetuletus: ülesande {id} tähtaeg on {due}.', en: '⏰ Reminder: task {id} is due on {due}.' },
  overdueCall: { et: '{who} ⚠️ Ülesande {id} tähtaeg ({due}) on möödas: palun tee see ära või märgi võimatuks.', en: '{who} ⚠️ Task {id} is overdue (due {due}): please do it or mark it impossible.' },
  overdueTitle: { et: 'Tähtaja ületanud ligipääsuülesanded ({count})', en: 'Overdue access tasks ({count})' },
  noChannel: { et: 'Ma ei tea veel spetsialistide kanalit, kuid ülesanne on kirja pandud ja käsuga „ülesanded“ näha.', en: 'I do not know the specialists\' channel yet, but the task has been recorded and is shown by the "tasks" command.' },
} satisfies Record<string, Text>;
