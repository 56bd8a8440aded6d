import { DomainError } from '../../shared/errors.js';
import type { Text } from '../../shared/i18n.js';

/** The access feature's expected errors: stable codes for operators, words for users. */
export const accessErrors = {
  notApprover: () => new DomainError('ACCESS_NOT_APPROVER', {
    et: 'Teie ei ole selle taotluse kooskõlastaja, seega ei saa te seda otsustada.',
    en: 'You are not an approver of this request, so you cannot decide it.',
  }),
  alreadyDecided: (id: string) => new DomainError('ACCESS_ALREADY_DECIDED', {
    et: 'Taotlus {id} on juba otsustatud. Otsust ei saa teist korda teha.',
    en: 'Request {id} has already been decided. It cannot be decided twice.',
  }, { id }),
  ackRequired: () => new DomainError('ACCESS_ACK_REQUIRED', {
    et: 'See taotlus on märgitud erandiks. Kinnitamiseks märkige palun ruut, et olete erandi põhjendusega tutvunud.',
    en: 'This request is flagged as an exception. To approve it, please tick the box confirming you have read the reason.',
  }),
  commentRequired: () => new DomainError('ACCESS_COMMENT_REQUIRED', {
    et: 'Palun kirjutage tagasilükkamise põhjus, et taotleja teaks, mida teha.',
    en: 'Please write why you reject the request, so the requester knows what to do.',
  }),
  flagReasonRequired: (flags: string) => new DomainError('ACCESS_REASON_REQUIRED', {
    et: 'Taotlus vajab erandi põhjendust: {flags}. Palun kirjutage põhjendus vormi välja „Erandi põhjendus“ ja saatke uuesti.',
    en: 'The request needs a reason for the exception: {flags}. Please write it in the "Reason for the exception" field and send again.',
  }, { flags }),
  badInput: (problems: Text[]) => new DomainError('ACCESS_BAD_INPUT', {
    et: `Taotlust ei saa nii esitada: ${problems.map((problem) => problem.et).join('; ')}.`,
    en: `The request cannot be sent like this: ${problems.map((problem) => problem.en).join('; ')}.`,
  }),
  notManager: () => new DomainError('ACCESS_NOT_MANAGER', {
    et: 'Teise inimese eest saab taotluse esitada ainult tema juht või kasutajatoe spetsialist.',
    en: 'Only a person\'s manager or a support desk specialist can make a request for them.',
  }),
  unknownPerson: (id: string) => new DomainError('ACCESS_UNKNOWN_PERSON', {
    et: 'Ma ei leia kataloogist inimest {id}.',
    en: 'I cannot find the person {id} in the directory.',
  }, { id }),
  noApprover: () => new DomainError('ACCESS_NO_APPROVER', {
    et: 'Sellele taotlusele ei leia ma kooskõlastajat (juhti ega nimetatud kooskõlastajat). Palun pöörduge kasutajatoe poole.',
    en: 'I cannot find an approver for this request (no manager and no named approver). Please contact the support desk.',
  }),
  requestNotFound: (id: string) => new DomainError('ACCESS_NOT_FOUND', {
    et: 'Taotlust {id} ei leitud.',
    en: 'Request {id} was not found.',
  }, { id }),
  taskNotFound: (id: string) => new DomainError('ACCESS_TASK_NOT_FOUND', {
    et: 'Ülesannet {id} ei leitud.',
    en: 'Task {id} was not found.',
  }, { id }),
  taskClosed: (id: string) => new DomainError('ACCESS_TASK_CLOSED', {
    et: 'Ülesanne {id} on juba lõpetatud.',
    en: 'Task {id} is already closed.',
  }, { id }),
  impossibleReason: () => new DomainError('ACCESS_REASON_REQUIRED', {
    et: 'Palun kirjutage, miks seda ei saa teha.',
    en: 'Please write why this cannot be done.',
  }),
  csvMissing: () => new DomainError('ACCESS_CSV_MISSING', {
    et: 'Lisage käsu järele asenduste CSV read (päis: person,substitute,from,to,rights).',
    en: 'Add the substitution CSV lines after the command (header: person,substitute,from,to,rights).',
  }),
};
