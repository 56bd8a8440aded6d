import type { ArticleFeedback, FeedbackEntry, FeedbackStore, StoredQuestion, UnansweredQuestion } from '../../features/knowledge/index.js';
import { newId } from '../../shared/ids.js';
import type { Pool } from './pool.js';
import { withTransaction } from './transaction.js';

/** Distinct unanswered questions kept, as in lowdb; beyond it the least asked, then the oldest, go. */
export const MAX_UNANSWERED = 1000;

interface CountRow { article_id: string; helpful: number; unhelpful: number; last_at: Date }
interface UnansweredRow { key: string; question: string; count: number; last_asked_at: Date }

const feedbackOf = (row: CountRow): ArticleFeedback => ({ articleId: row.article_id, helpful: row.helpful, unhelpful: row.unhelpful, lastAt: row.last_at.toISOString() });
const unansweredOf = (row: UnansweredRow): UnansweredQuestion => ({ key: row.key, question: row.question, count: row.count, lastAskedAt: row.last_asked_at.toISOString() });

/**
 * Feedback in PostgreSQL (migration 110-knowledge): counts per article, every click as an event,
 * and the bounded list of unanswered questions. Counts are added in the database (`count + 1`), so
 * clicks on two replicas at once both count.
 */
export class PgFeedbackStore implements FeedbackStore {
  constructor(private readonly pool: Pool, private readonly maxUnanswered = MAX_UNANSWERED) {}

  async recordFeedback(entry: FeedbackEntry): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO knowledge_feedback (article_id, helpful, unhelpful, last_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (article_id) DO UPDATE SET helpful = knowledge_feedback.helpful + EXCLUDED.helpful,
           unhelpful = knowledge_feedback.unhelpful + EXCLUDED.unhelpful, last_at = EXCLUDED.last_at`,
        [entry.articleId, entry.helpful ? 1 : 0, entry.helpful ? 0 : 1, entry.at]);
      await client.query('INSERT INTO knowledge_feedback_events (id, article_id, helpful, question, lang, at) VALUES ($1, $2, $3, $4, $5, $6)',
        [newId(), entry.articleId, entry.helpful, entry.question, entry.lang, entry.at]);
    });
  }

  async recordUnanswered({ key, question }: StoredQuestion, at: Date): Promise<void> {
    await withTransaction(this.pool, async (client) => {
      await client.query(
        `INSERT INTO knowledge_unanswered (key, question, count, first_asked_at, last_asked_at) VALUES ($1, $2, 1, $3, $3)
         ON CONFLICT (key) DO UPDATE SET count = knowledge_unanswered.count + 1, last_asked_at = EXCLUDED.last_asked_at`,
        [key, question, at]);
      // Idempotent trimming: whatever ran concurrently, the best `max` stay.
      await client.query(
        `DELETE FROM knowledge_unanswered WHERE key IN (
           SELECT key FROM knowledge_unanswered ORDER BY count DESC, last_asked_at DESC, key OFFSET $1)`, [this.maxUnanswered]);
    });
  }

  async feedbackFor(articleId: string): Promise<ArticleFeedback | undefined> {
    const { rows } = await this.pool.query<CountRow>('SELECT * FROM knowledge_feedback WHERE article_id = $1', [articleId]);
    return rows[0] && feedbackOf(rows[0]);
  }

  async mostUnhelpful(limit: number): Promise<ArticleFeedback[]> {
    const { rows } = await this.pool.query<CountRow>(
      'SELECT * FROM knowledge_feedback WHERE unhelpful > 0 ORDER BY unhelpful DESC, helpful ASC, last_at DESC, article_id LIMIT $1', [limit]);
    return rows.map(feedbackOf);
  }

  async mostAskedUnanswered(limit: number): Promise<UnansweredQuestion[]> {
    const { rows } = await this.pool.query<UnansweredRow>(
      'SELECT * FROM knowledge_unanswered ORDER BY count DESC, last_asked_at DESC, key LIMIT $1', [limit]);
    return rows.map(unansweredOf);
  }

  async findUnanswered(key: string): Promise<UnansweredQuestion | undefined> {
    const { rows } = await this.pool.query<UnansweredRow>('SELECT * FROM knowledge_unanswered WHERE key = $1', [key]);
    return rows[0] && unansweredOf(rows[0]);
  }

  async removeUnanswered(key: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM knowledge_unanswered WHERE key = $1', [key]);
    return result.rowCount === 1;
  }
}
