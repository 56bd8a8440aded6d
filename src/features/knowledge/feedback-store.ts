import type { Lang } from '../../shared/i18n.js';

/** One Yes/No click under an answer. */
export interface FeedbackEntry {
  /** The article shown (`star-koolitus`, or `star-koolitus-en` for the English one). */
  articleId: string;
  helpful: boolean;
  /** As the feature keeps it: personal codes masked, at most 300 characters (`maskedQuestion`). */
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

/** A question as the feature hands it to a store: masked and cut (`storedQuestion`), with its key. */
export interface StoredQuestion {
  key: string;
  question: string;
}

/**
 * Where feedback on articles and the questions the base found nothing for are kept. The feature
 * masks personal codes and cuts questions to 300 characters before they get here
 * (`storedQuestion`); a store keeps what it is given, and no user ids.
 */
export interface FeedbackStore {
  /** Counts the click for the article and keeps it as an event. */
  recordFeedback(entry: FeedbackEntry): Promise<void>;
  /** Counts the question once more under its key (the first wording is kept); a bounded list, least asked then oldest go first. */
  recordUnanswered(question: StoredQuestion, at: Date): Promise<void>;
  feedbackFor(articleId: string): Promise<ArticleFeedback | undefined>;
  /** Articles with at least one "did not help": most such clicks first, then fewest helpful, then latest. */
  mostUnhelpful(limit: number): Promise<ArticleFeedback[]>;
  /** Questions that found nothing: most often asked first, then latest. */
  mostAskedUnanswered(limit: number): Promise<UnansweredQuestion[]>;
  /** One unanswered question by its key. */
  findUnanswered(key: string): Promise<UnansweredQuestion | undefined>;
  /** Takes a question off the unanswered list (it was linked to an article); false when it was not there. */
  removeUnanswered(key: string): Promise<boolean>;
}
