import type { CardSigner } from '../../shared/card-signer.js';
import { adaptiveCard, facts, heading, paragraph, submitButton, type Element } from '../../shared/cards.js';
import { say, type Lang } from '../../shared/i18n.js';
import type { AdaptiveCard } from '../../shared/messaging.js';
import type { ArticleFeedback, UnansweredQuestion } from './feedback-store.js';
import { TEXTS } from './knowledge-texts.js';
import { maskPersonalCodes } from '../../shared/personal-code.js';
import { plainText } from '../../shared/plain-text.js';
import { PROPOSAL_VERBS } from './proposal-cards.js';
import { PROPOSAL_TEXTS } from './proposal-texts.js';

export interface ReportInput {
  unanswered: UnansweredQuestion[];
  unhelpful: Array<ArticleFeedback & { title?: string }>;
  /** How many proposed phrasings await a decision, and how many of them follow as cards. */
  proposals: { pending: number; shown: number };
  lang: Lang;
  signer: CardSigner;
}

/** A question people typed, as specialists see it: as text, and masked again (questions stored before a rule grew). */
const shownQuestion = (question: string): string => plainText(maskPersonalCodes(question));

/** One unanswered question with a signed button to link it to an article. */
function unansweredItem(entry: UnansweredQuestion, lang: Lang, signer: CardSigner): Element {
  return {
    type: 'Container',
    separator: true,
    items: [
      paragraph(`${say(TEXTS.reportTimes, lang, { count: entry.count })} ${shownQuestion(entry.question)}`),
      { type: 'ActionSet', actions: [submitButton(say(PROPOSAL_TEXTS.link, lang), signer.sign(PROPOSAL_VERBS.linkForm, { key: entry.key }))] },
    ],
  };
}

/** For specialists: what the bot found nothing for, which articles did not help, and proposals. */
function proposalsLine({ pending, shown }: ReportInput['proposals'], lang: Lang): string {
  if (pending === 1) return say(PROPOSAL_TEXTS.reportProposalsOne, lang);
  return say(shown < pending ? PROPOSAL_TEXTS.reportProposalsSome : PROPOSAL_TEXTS.reportProposalsAll, lang, { count: pending, shown });
}

export function reportCard({ unanswered, unhelpful, proposals, lang, signer }: ReportInput): AdaptiveCard {
  const nothing = paragraph(say(TEXTS.reportNothing, lang), { isSubtle: true });
  const body: Element[] = [heading(say(TEXTS.reportTitle, lang)), paragraph(say(TEXTS.reportUnanswered, lang), { weight: 'Bolder' })];
  if (unanswered.length === 0) body.push(nothing);
  else body.push(...unanswered.map((entry) => unansweredItem(entry, lang, signer)));
  body.push(paragraph(say(TEXTS.reportUnhelpful, lang), { weight: 'Bolder', spacing: 'Medium' }));
  body.push(unhelpful.length === 0 ? nothing : facts(unhelpful.map((entry) => [
    entry.title ?? entry.articleId,
    say(TEXTS.reportCounts, lang, { unhelpful: entry.unhelpful, helpful: entry.helpful }),
  ])));
  body.push(paragraph(say(PROPOSAL_TEXTS.reportProposals, lang), { weight: 'Bolder', spacing: 'Medium' }));
  body.push(proposals.pending === 0 ? nothing : paragraph(proposalsLine(proposals, lang)));
  return adaptiveCard(body);
}
