import type { DataDir } from './data-dir.js';
import type { Collection } from './collection.js';
import type { JsonDoc } from './json-doc.js';
import { newId } from '../shared/ids.js';
import type { Lang } from '../shared/i18n.js';
import type { ArticleFeedback, FeedbackEntry, FeedbackStore, StoredQuestion, UnansweredQuestion } from '../features/knowledge/index.js';

/** The files in the data folder (shared with export and import). */
export const FEEDBACK_DOC = 'knowledge-feedback';
export const FEEDBACK_EVENTS = 'knowledge-feedback-events';

export interface FeedbackFile {
  version: 1;
  articles: Record<string, { helpful: number; unhelpful: number; lastAt: string }>;
  unanswered: Record<string, { question: string; count: number; firstAskedAt: string; lastAskedAt: string }>;
}

export interface FeedbackEvent {
  id: string;
  articleId: string;
  helpful: boolean;
  question: string;
  lang: Lang;
  at: string;
}

/** Distinct unanswered questions kept; beyond it the least asked, then the oldest, go. */
export const MAX_UNANSWERED = 1000;

/**
 * Feedback in the data folder: counts per article and unanswered questions in
 * `knowledge-feedback.json` (bounded), every click also as an event in the append-only
 * `knowledge-feedback-events` collection.
 */
export class LowdbFeedbackStore implements FeedbackStore {
  private constructor(
    private readonly doc: JsonDoc<FeedbackFile>,
    private readonly events: Collection<FeedbackEvent>,
    private readonly maxUnanswered: number,
  ) {}

  static async open(dataDir: DataDir, options: { maxUnanswered?: number } = {}): Promise<LowdbFeedbackStore> {
    const doc = await dataDir.doc<FeedbackFile>(FEEDBACK_DOC, { version: 1, articles: {}, unanswered: {} });
    const events = await dataDir.collection<FeedbackEvent>(FEEDBACK_EVENTS);
    return new LowdbFeedbackStore(doc, events, options.maxUnanswered ?? MAX_UNANSWERED);
  }

  async recordFeedback(entry: FeedbackEntry): Promise<void> {
    const at = entry.at.toISOString();
    await this.doc.update((data) => {
      const counts = data.articles[entry.articleId] ?? { helpful: 0, unhelpful: 0, lastAt: at };
      if (entry.helpful) counts.helpful += 1;
      else counts.unhelpful += 1;
      counts.lastAt = at;
      data.articles[entry.articleId] = counts;
    });
    await this.events.append({ id: newId(), articleId: entry.articleId, helpful: entry.helpful, question: entry.question, lang: entry.lang, at });
  }

  async recordUnanswered({ key, question: masked }: StoredQuestion, at: Date): Promise<void> {
    await this.doc.update((data) => {
      const seen = data.unanswered[key];
      const when = at.toISOString();
      data.unanswered[key] = seen
        ? { ...seen, count: seen.count + 1, lastAskedAt: when }
        : { question: masked, count: 1, firstAskedAt: when, lastAskedAt: when };
      const keys = Object.keys(data.unanswered);
      if (keys.length <= this.maxUnanswered) return;
      const drop = keys.sort((a, b) => data.unanswered[a].count - data.unanswered[b].count || data.unanswered[a].lastAskedAt.localeCompare(data.unanswered[b].lastAskedAt))[0];
      delete data.unanswered[drop];
    });
  }

  async feedbackFor(articleId: string): Promise<ArticleFeedback | undefined> {
    const counts = this.doc.data.articles[articleId];
    return counts && { articleId, ...counts };
  }

  async mostUnhelpful(limit: number): Promise<ArticleFeedback[]> {
    return Object.entries(this.doc.data.articles)
      .map(([articleId, counts]) => ({ articleId, ...counts }))
      .filter((entry) => entry.unhelpful > 0)
      .sort((a, b) => b.unhelpful - a.unhelpful || a.helpful - b.helpful || b.lastAt.localeCompare(a.lastAt))
      .slice(0, limit);
  }

  async mostAskedUnanswered(limit: number): Promise<UnansweredQuestion[]> {
    return Object.entries(this.doc.data.unanswered)
      .map(([key, { question, count, lastAskedAt }]) => ({ key, question, count, lastAskedAt }))
      .sort((a, b) => b.count - a.count || b.lastAskedAt.localeCompare(a.lastAskedAt))
      .slice(0, limit);
  }

  async findUnanswered(key: string): Promise<UnansweredQuestion | undefined> {
    const entry = this.doc.data.unanswered[key];
    return entry && { key, question: entry.question, count: entry.count, lastAskedAt: entry.lastAskedAt };
  }

  async removeUnanswered(key: string): Promise<boolean> {
    let removed = false;
    await this.doc.update((data) => {
      removed = key in data.unanswered;
      delete data.unanswered[key];
    });
    return removed;
  }
}
