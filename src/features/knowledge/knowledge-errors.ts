import { DomainError } from '../../shared/errors.js';

/** Every refusal of the knowledge feature, with a stable code and words in both languages. */
export const knowledgeErrors = {
  proposalNotFound: () =>
    new DomainError('KNOWLEDGE_PROPOSAL_NOT_FOUND', {
      et: 'Seda sõnastuse ettepanekut ei ole enam alles. Vaata värsket teadmusbaasi aruannet.',
      en: 'This proposed phrasing no longer exists. Please look at a fresh knowledge base report.',
    }),
  articleNotFound: (id: string) =>
    new DomainError('KNOWLEDGE_ARTICLE_NOT_FOUND', {
      et: 'Artiklit {id} teadmusbaasis ei ole. Vali artikkel loetelust.',
      en: 'There is no article {id} in the knowledge base. Please choose an article from the list.',
    }, { id }),
  questionGone: () =>
    new DomainError('KNOWLEDGE_QUESTION_GONE', {
      et: 'Seda vastuseta küsimust ei ole enam aruandes: keegi on selle juba artikliga sidunud. Vaata värsket teadmusbaasi aruannet.',
      en: 'This unanswered question is no longer in the report: someone has already linked it to an article. Please look at a fresh knowledge base report.',
    }),
  writeFailed: (file: string) =>
    new DomainError('KNOWLEDGE_PHRASING_WRITE_FAILED', {
      et: 'Sõnastust ei õnnestunud artikli faili {file} kirjutada. Midagi ei läinud kaduma: ettepanek ootab endiselt otsust ja fail on muutmata. Palun proovi hiljem uuesti või anna sellest teada robotit haldavale meeskonnale.',
      en: 'I could not write the phrasing to the article file {file}. Nothing was lost: the proposal is still awaiting a decision and the file is unchanged. Please try again later or tell the team that runs the bot.',
    }, { file }),
};
