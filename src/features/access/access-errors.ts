import { DomainError } from '../../shared/errors.js';
import type { Text } from '../../shared/i18n.js';
import { plainText } from '../../shared/plain-text.js';

/** The access feature's expected errors: stable codes for operators, words for users. */
export const accessErrors = {
  notApprover: () => new DomainError('ACCESS_NOT_APPROVER', {
    et: 'Sa ei ole selle taotluse kooskõlastaja ega saa seda otsustada.',
    en: 'You are not an approver of this request, so you cannot decide it.',
  }),
  ownRequest: () => new DomainError('ACCESS_OWN_REQUEST', {
    et: 'Oma taotlust ei saa ise kooskõlastada. Selle otsustab teine kooskõlastaja.',
    en: 'You cannot approve your own request. Another approver decides it.',
  }),
  alreadyDecided: (id: string, name: string, decision: Text) => new DomainError('ACCESS_ALREADY_DECIDED', {
    et: 'Taotluse {id} on juba otsustanud {name} ({decision}). Teist korda seda otsustada ei saa.',
    en: 'Request {id} has already been decided by {name} ({decision}). It cannot be decided twice.',
  }, { id, name: plainText(name), decision }),
  ownGrant: () => new DomainError('ACCESS_OWN_GRANT', {
    et: 'Sa ei saa kooskõlastada taotlust, mis annab õigused sulle endale. Selle otsustab teine kooskõlastaja.',
    en: 'You cannot approve a request that grants rights to yourself. Another approver decides it.',
  }),
  ownTask: (id: string) => new DomainError('ACCESS_OWN_TASK', {
    et: 'Ülesanne {id} puudutab sinu enda õigusi, seega ei saa sa seda ise täita ega lõpetada. Selle teeb teine spetsialist.',
    en: 'Task {id} concerns your own rights, so you cannot carry it out or close it yourself. Another specialist does it.',
  }, { id }),
  ownSubstitution: (id: string) => new DomainError('ACCESS_OWN_SUBSTITUTION', {
    et: 'Sa ei saa kinnitada asendust {id}, sest oled selles puuduja või asendaja või panid selle ise kirja. Selle kinnitab keegi teine.',
    en: 'You cannot approve substitution {id}, because you are the absent person or the substitute in it, or you recorded it yourself. Someone else approves it.',
  }, { id }),
  notSubstitutionApprover: (id: string) => new DomainError('ACCESS_NOT_SUBSTITUTION_APPROVER', {
    et: 'Sa ei ole asenduse {id} kinnitaja. Selle kinnitab puuduja juht või teine kasutajatoe spetsialist.',
    en: 'You are not the approver of substitution {id}. The absent person\'s manager or another support desk specialist approves it.',
  }, { id }),
  substitutionDecided: (id: string, name: string, decision: Text) => new DomainError('ACCESS_SUBSTITUTION_DECIDED', {
    et: 'Asenduse {id} on juba otsustanud {name} ({decision}).',
    en: 'Substitution {id} has already been decided by {name} ({decision}).',
  }, { id, name: plainText(name), decision }),
  substitutionNotFound: (id: string) => new DomainError('ACCESS_SUBSTITUTION_NOT_FOUND', {
    et: 'Asendust {id} ei leitud.',
    en: 'Substitution {id} was not found.',
  }, { id }),
  ackRequired: () => new DomainError('ACCESS_ACK_REQUIRED', {
    et: 'See taotlus on märgitud erandiks. Kooskõlastamiseks märgi palun ruut, et oled erandi põhjendusega tutvunud.',
    en: 'This request is flagged as an exception. To approve it, please tick the box to confirm that you have read the reason.',
  }),
  commentRequired: () => new DomainError('ACCESS_COMMENT_REQUIRED', {
    et: 'Palun kirjuta tagasilükkamise põhjus, et taotleja teaks, mida edasi teha.',
    en: 'Please write why you are rejecting the request, so that the requester knows what to do next.',
  }),
  flagReasonRequired: (flags: string) => new DomainError('ACCESS_REASON_REQUIRED', {
    et: 'Taotlus vajab erandi põhjendust: {flags}. Palun kirjuta põhjendus vormi välja „Erandi põhjendus“ ja saada taotlus uuesti.',
    en: 'The request needs a reason for the exception: {flags}. Please write it in the "Reason for the exception" field and submit the request again.',
  }, { flags }),
  badInput: (problems: Text[]) => new DomainError('ACCESS_BAD_INPUT', {
    et: `Taotlust ei saa nii esitada: ${problems.map((problem) => problem.et).join('; ')}.`,
    en: `The request cannot be sent like this: ${problems.map((problem) => problem.en).join('; ')}.`,
  }),
  notManager: () => new DomainError('ACCESS_NOT_MANAGER', {
    et: 'Teise inimese eest saab taotluse esitada ainult tema juht või kasutajatoe spetsialist.',
    en: 'Only a person\'s manager or a support desk specialist can submit a request on their behalf.',
  }),
  unknownPerson: (id: string) => new DomainError('ACCESS_UNKNOWN_PERSON', {
    et: 'Ma ei leia inimest {id} kataloogist.',
    en: 'I cannot find the person {id} in the directory.',
  }, { id }),
  noApprover: () => new DomainError('ACCESS_NO_APPROVER', {
    et: 'Ma ei leia sellele taotlusele kooskõlastajat (ei juhti ega nimetatud kooskõlastajat). Palun pöördu kasutajatoe poole.',
    en: 'I cannot find an approver for this request (neither a manager nor a named approver). Please contact the support desk.',
  }),
  requestNotFound: (id: string) => new DomainError('ACCESS_NOT_FOUND', {
    et: 'Taotlust {id} ei leitud.',
    en: 'Request {id} was not found.',
  }, { id }),
  taskNotFound: (id: string) => new DomainError('ACCESS_TASK_NOT_FOUND', {
    et: 'Ülesannet {id} ei leitud.',
    en: 'Task {id} was not found.',
  }, { id }),
  taskClosed: (id: string, name: string, state: Text) => new DomainError('ACCESS_TASK_CLOSED', {
    et: 'Ülesande {id} on juba otsustanud {name} ({state}).',
    en: 'Task {id} has already been decided by {name} ({state}).',
  }, { id, name: plainText(name), state }),
  impossibleReason: () => new DomainError('ACCESS_REASON_REQUIRED', {
    et: 'Palun kirjuta, miks seda ei saa teha.',
    en: 'Please write why this cannot be done.',
  }),
  csvMissing: () => new DomainError('ACCESS_CSV_MISSING', {
    et: 'Palun lisa asenduste CSV read (päis: person,substitute,from,to,rights).',
    en: 'Please add the substitution CSV lines (header: person,substitute,from,to,rights).',
  }),
};
