import { adaptiveCard, facts, heading, paragraph, type Element } from '../../shared/cards.js';
import { say, type Lang } from '../../shared/i18n.js';
import type { AdaptiveCard } from '../../shared/messaging.js';
import type { ArticleFeedback, UnansweredQuestion } from './feedback-store.js';
import { TEXTS } from './knowledge-texts.js';
import { maskPersonalCodes } from '../../shared/personal-code.js';
import { plainText } from '../../shared/plain-text.js';

export interface ReportInput {
  unanswered: UnansweredQuestion[];
  unhelpful: Array<ArticleFeedback & { title?: string }>;
  lang: Lang;
}

/** A question people typed, as specialists see it: as text, and masked again (questions stored before a rule grew). */
const shownQuestion = (question: string): string => plainText(maskPersonalCodes(question));

/** For specialists: what the bot found nothing for, and which articles did not help. */
export function reportCard({ unanswered, unhelpful, lang }: ReportInput): AdaptiveCard {
  const nothing = paragraph(say(TEXTS.reportNothing, lang), { isSubtle: true });
  const body: Element[] = [heading(say(TEXTS.reportTitle, lang)), paragraph(say(TEXTS.reportUnanswered, lang), { weight: 'Bolder' })];
  body.push(unanswered.length === 0 ? nothing : facts(unanswered.map((entry) => [say(TEXTS.reportTimes, lang, { count: entry.count }), shownQuestion(entry.question)])));
  body.push(paragraph(say(TEXTS.reportUnhelpful, lang), { weight: 'Bolder', spacing: 'Medium' }));
  body.push(unhelpful.length === 0 ? nothing : facts(unhelpful.map((entry) => [
    entry.title ? `${entry.title} (${entry.articleId})` : entry.articleId,
    say(TEXTS.reportCounts, lang, { unhelpful: entry.unhelpful, helpful: entry.helpful }),
  ])));
  return adaptiveCard(body);
}
