import type { Lang } from '../../shared/i18n.js';

/** One Yes/No click under an answer. */
export interface FeedbackEntry {
  /** The article shown (`star-koolitus`, or `star-koolitus-en` for the English one). */
  articleId: string;
  helpful: boolean;
  question: string;
  lang: Lang;
  at: Date;
}

export interface ArticleFeedback {
  articleId: string;
  helpful: number;
  unhelpful: number;
  lastAt: string;
}

export interface UnansweredQuestion {
  /** The question folded for matching (`questionKey`): the same question typed differently has one key. */
  key: string;
  /** As first asked, personal codes masked. */
  question: string;
  count: number;
  lastAskedAt: string;
}

/**
 * Where feedback on articles and the questions the base found nothing for are kept. Questions are
 * stored with personal codes masked and cut to 300 characters; no user ids are kept.
 */
export interface FeedbackStore {
  recordFeedback(entry: FeedbackEntry): Promise<void>;
  recordUnanswered(question: string, at: Date): Promise<void>;
  feedbackFor(articleId: string): ArticleFeedback | undefined;
  /** Articles with at least one "did not help", most such clicks first. */
  mostUnhelpful(limit: number): ArticleFeedback[];
  /** Questions that found nothing, most often asked first. */
  mostAskedUnanswered(limit: number): UnansweredQuestion[];
  /** One unanswered question by its key. */
  findUnanswered(key: string): UnansweredQuestion | undefined;
  /** Takes a question off the unanswered list (it was linked to an article); false when it was not there. */
  removeUnanswered(key: string): Promise<boolean>;
}
