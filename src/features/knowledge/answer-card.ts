import type { CardSigner } from '../../shared/card-signer.js';
import { adaptiveCard, paragraph, heading, submitButton, type Element } from '../../shared/cards.js';
import { say, type Lang } from '../../shared/i18n.js';
import type { AdaptiveCard } from '../../shared/messaging.js';
import type { Article } from './article.js';
import { trimQuestion } from './clean-question.js';
import { TEXTS } from './knowledge-texts.js';
import { toTeamsMarkdown } from './teams-markdown.js';
import { isWebAddress } from './web-address.js';

export const VERBS = {
  helpful: 'knowledge.helpful',
  unhelpful: 'knowledge.unhelpful',
  show: 'knowledge.show',
  /** Implemented by the cases feature. */
  startCase: 'cases.start',
} as const;

/** Sources as one line; web addresses become links named by their host. */
export function sourcesLine(sources: readonly string[]): string {
  const seen = new Set<string>();
  const parts: string[] = [];
  for (const source of sources) {
    const label = isWebAddress(source) ? new URL(source).hostname.replace(/^www\./, '') : source;
    if (seen.has(label)) continue;
    seen.add(label);
    parts.push(isWebAddress(source) ? `[${label}](${source})` : label);
  }
  return parts.join(', ');
}

export interface AnswerCardInput {
  article: Article;
  question: string;
  lang: Lang;
  signer: CardSigner;
  /** After a Yes or No: the card without its buttons, so it cannot be clicked twice. */
  feedbackGiven?: boolean;
  /** The person picked this article from suggestions: a Yes proposes the question as a phrasing. */
  picked?: boolean;
}

/** The answer: title, text, links and sources, and "Did this help?" with signed Yes / No buttons. */
export function answerCard({ article, question, lang, signer, feedbackGiven = false, picked = false }: AnswerCardInput): AdaptiveCard {
  const body: Element[] = [heading(article.title)];
  // The article was asked for in one language and exists only in the other.
  if (article.lang !== lang) body.push(paragraph(say(TEXTS.onlyInOtherLanguage, lang), { isSubtle: true }));
  body.push(paragraph(toTeamsMarkdown(article.body)));
  if (article.links.length > 0) {
    body.push(paragraph(say(TEXTS.links, lang, { list: article.links.map((link) => `[${link.title}](${link.url})`).join(', ') })));
  }
  if (article.sources.length > 0) {
    body.push(paragraph(say(TEXTS.sources, lang, { list: sourcesLine(article.sources) }), { isSubtle: true, size: 'Small', separator: true }));
  }
  if (feedbackGiven) return adaptiveCard([...body, paragraph(say(TEXTS.feedbackReceived, lang), { isSubtle: true })]);
  const args = { articleId: article.id, question: trimQuestion(question), ...(picked ? { picked: true } : {}) };
  body.push(paragraph(say(TEXTS.didItHelp, lang), { weight: 'Bolder', spacing: 'Medium' }));
  return adaptiveCard(body, [
    submitButton(say(TEXTS.yes, lang), signer.sign(VERBS.helpful, args)),
    submitButton(say(TEXTS.no, lang), signer.sign(VERBS.unhelpful, args)),
  ]);
}
