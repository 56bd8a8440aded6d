import type { Text } from '../../shared/i18n.js';

/** What the knowledge feature says about proposed phrasings, in Estonian and English. */
export const PROPOSAL_TEXTS = {
  title: { et: 'Uus sõnastuse ettepanek', en: 'Proposed phrasing' },
  intro: {
    et: 'Kasutaja küsis nii. Kui see küsimus sobib artikliga, lisa see artikli sõnastuste hulka ja robot vastab sellele edaspidi otse.',
    en: 'A user asked this. If the question fits the article, add it to the article\'s phrasings and the bot will answer it directly from now on.',
  },
  question: { et: 'Küsimus', en: 'Question' },
  article: { et: 'Artikkel', en: 'Article' },
  file: { et: 'Fail', en: 'File' },
  origin: { et: 'Allikas', en: 'Origin' },
  originHelpful: { et: 'kasutaja valis soovituse ja märkis, et see aitas ({count}×)', en: 'a user picked the suggestion and said it helped ({count}×)' },
  originLinked: { et: 'spetsialist sidus vastuseta küsimuse artikliga ({count}×)', en: 'a specialist linked an unanswered question to the article ({count}×)' },
  accept: { et: 'Lisa sõnastuseks', en: 'Add as a phrasing' },
  reject: { et: 'Lükka tagasi', en: 'Reject' },
  accepted: { et: 'Lisatud sõnastuseks: {name}, {when}.', en: 'Added as a phrasing by {name}, {when}.' },
  rejected: { et: 'Tagasi lükatud: {name}, {when}.', en: 'Rejected by {name}, {when}.' },
  acceptedReply: {
    et: 'Lisasin küsimuse „{question}“ artikli „{title}“ sõnastuseks ja kirjutasin selle faili {file}. Robot vastab sellele küsimusele nüüd selle artikliga.',
    en: 'I added the question "{question}" as a phrasing of "{title}" and wrote it to {file}. The bot now answers this question with that article.',
  },
  acceptedNotAnswered: {
    et: 'Lisasin küsimuse „{question}“ artikli „{title}“ sõnastuseks ja kirjutasin selle faili {file}. Otsing leiab selle artikli nüüd, kuid küsimus sobib ka teiste artiklitega, seega pakub robot seda soovituste hulgas, mitte ei vasta sellega kohe.',
    en: 'I added the question "{question}" as a phrasing of "{title}" and wrote it to {file}. Search now finds that article, but the question also fits other articles, so the bot offers it among suggestions rather than answering with it directly.',
  },
  acceptedNotSearched: {
    et: 'Lisasin küsimuse „{question}“ artikli „{title}“ sõnastuseks ja kirjutasin selle faili {file}. Teadmusbaasis on aga katkisi artikleid, seega jääb otsingusse eelmine versioon, kuni need on parandatud (vaata `npm run kb -- lint`).',
    en: 'I added the question "{question}" as a phrasing of "{title}" and wrote it to {file}. The knowledge base has broken articles, though, so search keeps the previous version until they are fixed (see `npm run kb -- lint`).',
  },
  rejectedReply: { et: 'Ettepanek on tagasi lükatud ega tule enam aruandesse.', en: 'The proposal is rejected and will not come back in the report.' },
  alreadyDecided: { et: 'Selle ettepaneku üle on juba otsustatud.', en: 'This proposal has already been decided.' },
  reportProposals: { et: 'Sõnastuse ettepanekud, mis ootavad otsust', en: 'Proposed phrasings awaiting a decision' },
  reportProposalsOne: { et: 'Otsust ootab 1 ettepanek, see on allpool eraldi kaardil.', en: '1 proposal awaits a decision; it follows below on its own card.' },
  reportProposalsAll: { et: 'Otsust ootab {count} ettepanekut, igaüks on allpool eraldi kaardil.', en: '{count} proposals await a decision, each on its own card below.' },
  reportProposalsSome: {
    et: 'Otsust ootab {count} ettepanekut. Allpool on {shown} sagedasemat, igaüks eraldi kaardil; ülejäänud näitab järgmine aruanne.',
    en: '{count} proposals await a decision. The {shown} most frequent follow below, each on its own card; the next report shows the rest.',
  },
  link: { et: 'Seo artikliga', en: 'Link to an article' },
  linkTitle: { et: 'Seo küsimus artikliga', en: 'Link the question to an article' },
  linkIntro: {
    et: 'Vali artikkel, mis vastab küsimusele „{question}“. Küsimusest saab selle artikli sõnastuse ettepanek.',
    en: 'Choose the article that answers "{question}". The question becomes a proposed phrasing of that article.',
  },
  linkChoice: { et: 'Artikkel (sobivamad eespool)', en: 'Article (the likeliest first)' },
  linkChoiceMissing: { et: 'Vali artikkel.', en: 'Choose an article.' },
  linkSend: { et: 'Tee ettepanek', en: 'Propose' },
  linked: { et: 'Seotud artikliga „{title}“.', en: 'Linked to "{title}".' },
  linkedAgain: {
    et: 'See küsimus on artikliga „{title}“ juba seotud ja selle üle on otsustatud.',
    en: 'This question is already linked to "{title}" and has been decided.',
  },
} satisfies Record<string, Text>;
