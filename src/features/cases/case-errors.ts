import { DomainError } from '../../shared/errors.js';
import type { Text } from '../../shared/i18n.js';
import { plainText } from '../../shared/plain-text.js';

/** Every refusal of the cases feature, with a stable code and words in both languages. */
export const caseErrors = {
  notFound: (number: string) =>
    new DomainError('CASE_NOT_FOUND', { et: 'Pöördumist {number} ei leitud.', en: 'Case {number} was not found.' }, { number }),
  notYours: (number: string) =>
    new DomainError('CASE_NOT_YOURS', { et: 'Pöördumine {number} ei ole sinu oma, seega ei saa ma seda näidata ega muuta.', en: 'Case {number} is not yours, so I cannot show or change it.' }, { number }),
  illegal: (number: string, action: Text, status: Text) =>
    new DomainError('CASE_ILLEGAL_TRANSITION', {
      et: 'Pöördumisega {number} ei saa seda teha („{action}“), sest selle olek on „{status}“.',
      en: 'Case {number} cannot be changed this way ("{action}") because its status is "{status}".',
    }, { number, action, status }),
  reopenExpired: (number: string, days: number) =>
    new DomainError('CASE_REOPEN_EXPIRED', {
      et: 'Pöördumist {number} saab uuesti avada {days} päeva jooksul pärast lahendamist; see aeg on möödas. Palun ava uus pöördumine.',
      en: 'Case {number} can be reopened within {days} days of its resolution; that time has passed. Please open a new case.',
    }, { number, days }),
  stale: (number: string) =>
    new DomainError('CASE_CARD_STALE', {
      et: 'See kaart on aegunud: pöördumist {number} on vahepeal muudetud. Siin on selle praegune seis.',
      en: 'This card is out of date: case {number} has changed in the meantime. Here is its current state.',
    }, { number }),
  decidedBy: (number: string, name: string) =>
    new DomainError('CASE_ALREADY_DECIDED', {
      et: 'Pöördumise {number} kohta on vahepeal juba otsustanud {name}. Siin on selle praegune seis.',
      en: 'Case {number} has already been decided by {name} in the meantime. Here is its current state.',
    }, { number, name: plainText(name) }),
  alreadyYours: (number: string) =>
    new DomainError('CASE_ALREADY_YOURS', { et: 'Pöördumine {number} on juba sinu käes.', en: 'Case {number} is already assigned to you.' }, { number }),
  notSpecialist: () =>
    new DomainError('CASE_NOT_SPECIALIST', { et: 'Pöördumisi saavad menetleda ainult kasutajatoe spetsialistid.', en: 'Only support desk specialists can work on cases.' }),
  notRequester: (number: string) =>
    new DomainError('CASE_NOT_REQUESTER', { et: 'Seda saab teha ainult pöördumise {number} esitaja.', en: 'Only the person who opened case {number} can do this.' }, { number }),
  noHandoff: () =>
    new DomainError('CASE_NO_HANDOFF', { et: 'Sul ei ole praegu pooleliolevat vestlust spetsialistiga.', en: 'You are not in a chat with a specialist right now.' }),
  chatOver: () =>
    new DomainError('CASE_CHAT_OVER', {
      et: 'See vestlus on juba lõppenud, seega see nupp enam midagi ei tee.',
      en: 'This chat has already ended, so this button no longer does anything.',
    }),
  alreadyRated: (number: string, rating: number) =>
    new DomainError('CASE_ALREADY_RATED', {
      et: 'Sa oled pöördumise {number} lahendust juba hinnanud ({rating}/5). Hinnang läheb arvesse üks kord.',
      en: 'You have already rated the resolution of case {number} ({rating}/5). A rating counts once.',
    }, { number, rating }),
  handoffBusy: (number: string, name: string) =>
    new DomainError('CASE_HANDOFF_BUSY', {
      et: 'Pöördumise {number} esitajaga vestleb juba {name}.',
      en: '{name} is already chatting with the requester of case {number}.',
    }, { number, name: plainText(name) }),
  handoffElsewhere: (number: string) =>
    new DomainError('CASE_HANDOFF_ELSEWHERE', {
      et: 'Selle inimesega on juba pooleli vestlus pöördumise {number} kohta. Palun lõpeta kõigepealt see vestlus.',
      en: 'This person is already in a chat about case {number}. Please end that chat first.',
    }, { number }),
  badNumber: () =>
    new DomainError('CASE_BAD_NUMBER', { et: 'Palun kirjuta pöördumise number kujul TUGI-2026-00042.', en: 'Please write the case number as TUGI-2026-00042.' }),
  missingInput: (field: string | Text) =>
    new DomainError('CASE_MISSING_INPUT', { et: 'Palun täida väli „{field}“.', en: 'Please fill in "{field}".' }, { field }),
  badInput: (field: string | Text) =>
    new DomainError('CASE_BAD_INPUT', { et: 'Välja „{field}“ väärtus ei sobi. Palun vali väärtus loendist.', en: 'The value of "{field}" is not valid. Please choose one from the list.' }, { field }),
  badRating: () =>
    new DomainError('CASE_BAD_RATING', { et: 'Hinnang peab olema vahemikus 1–5.', en: 'The rating must be between 1 and 5.' }),
  noIdentity: () =>
    new DomainError('CASE_NO_IDENTITY', { et: 'Ma ei saanud aru, kes sa oled (Teams ei saatnud sinu konto andmeid), seega ei saa ma sinu pöördumisi käsitleda.', en: 'I could not tell who you are (Teams did not send your account details), so I cannot handle cases for you.' }),
  closed: (number: string) =>
    new DomainError('CASE_CLOSED', { et: 'Pöördumine {number} on suletud ja seda ei saa enam muuta.', en: 'Case {number} is closed and can no longer be changed.' }, { number }),
};
