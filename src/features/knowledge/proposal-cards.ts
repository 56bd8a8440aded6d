import type { CardSigner } from '../../shared/card-signer.js';
import { adaptiveCard, choiceInput, facts, heading, paragraph, submitButton } from '../../shared/cards.js';
import { say, type Lang } from '../../shared/i18n.js';
import type { AdaptiveCard } from '../../shared/messaging.js';
import { tallinnTime } from '../../shared/tallinn-time.js';
import type { Proposal } from './proposal-store.js';
import { PROPOSAL_TEXTS as T } from './proposal-texts.js';
import { plainText } from '../../shared/plain-text.js';

export const PROPOSAL_VERBS = {
  accept: 'knowledge.acceptPhrasing',
  reject: 'knowledge.rejectPhrasing',
  linkForm: 'knowledge.linkForm',
  link: 'knowledge.link',
} as const;

/** The article a proposal is for, as the card shows it. */
export interface ProposalTarget {
  title: string;
  file: string;
}

function originLines(proposal: Proposal, lang: Lang): string {
  const lines: string[] = [];
  if (proposal.origins.helpful > 0) lines.push(say(T.originHelpful, lang, { count: proposal.origins.helpful }));
  if (proposal.origins.linked > 0) lines.push(say(T.originLinked, lang, { count: proposal.origins.linked }));
  return lines.join('; ');
}

/**
 * One proposed phrasing for specialists: the question, the article, where it came from, and signed
 * buttons to accept or reject it. Once decided, the card shows the decision and has no buttons.
 */
export function proposalCard(proposal: Proposal, target: ProposalTarget, lang: Lang, signer: CardSigner): AdaptiveCard {
  const body = [
    heading(say(T.title, lang)),
    facts([
      [say(T.question, lang), plainText(proposal.question)],
      [say(T.article, lang), target.title],
      [say(T.file, lang), target.file],
      [say(T.origin, lang), originLines(proposal, lang)],
    ]),
  ];
  if (proposal.status !== 'pending') {
    const text = proposal.status === 'accepted' ? T.accepted : T.rejected;
    const when = proposal.decidedAt ? tallinnTime(new Date(proposal.decidedAt)) : '';
    return adaptiveCard([...body, paragraph(say(text, lang, { name: proposal.decidedBy?.name ?? '', when }), { weight: 'Bolder' })]);
  }
  const args = { proposalId: proposal.id };
  return adaptiveCard([...body, paragraph(say(T.intro, lang), { isSubtle: true, wrap: true })], [
    submitButton(say(T.accept, lang), signer.sign(PROPOSAL_VERBS.accept, args)),
    submitButton(say(T.reject, lang), signer.sign(PROPOSAL_VERBS.reject, args)),
  ]);
}

export interface LinkChoice {
  id: string;
  title: string;
}

/** For a specialist: link an unanswered question to an article chosen from a list. */
export function linkCard(question: { key: string; question: string }, choices: readonly LinkChoice[], lang: Lang, signer: CardSigner): AdaptiveCard {
  return adaptiveCard([
    heading(say(T.linkTitle, lang)),
    paragraph(say(T.linkIntro, lang, { question: plainText(question.question) })),
    choiceInput('articleId', say(T.linkChoice, lang), choices.map((choice) => ({ title: choice.title, value: choice.id })), {
      isRequired: true, errorMessage: say(T.linkChoiceMissing, lang),
    }),
  ], [submitButton(say(T.linkSend, lang), signer.sign(PROPOSAL_VERBS.link, { key: question.key }))]);
}

/** The link card once used: the question and the article it was linked to, without the form. */
export function linkedCard(question: string, title: string, lang: Lang): AdaptiveCard {
  return adaptiveCard([heading(say(T.linkTitle, lang)), paragraph(plainText(question), { isSubtle: true }), paragraph(say(T.linked, lang, { title }), { weight: 'Bolder' })]);
}
