import type { NewProposal, Proposal, ProposalDecision, ProposalStore } from '../../features/knowledge/index.js';
import { newId } from '../../shared/ids.js';
import type { Pool, Queryable } from './pool.js';
import { withTransaction } from './transaction.js';

/** As in lowdb: decided proposals kept, and pending ones kept. */
export const MAX_DECIDED = 2000;
export const MAX_PENDING = 1000;

interface ProposalRow {
  id: string; article_id: string; key: string; question: string; helpful: number; linked: number;
  first_at: Date; last_at: Date; status: Proposal['status']; decided_by: Proposal['decidedBy'] | null; decided_at: Date | null;
}

function proposalOf(row: ProposalRow): Proposal {
  return {
    id: row.id, articleId: row.article_id, key: row.key, question: row.question, origins: { helpful: row.helpful, linked: row.linked },
    firstAt: row.first_at.toISOString(), lastAt: row.last_at.toISOString(), status: row.status,
    ...(row.decided_by ? { decidedBy: row.decided_by } : {}), ...(row.decided_at ? { decidedAt: row.decided_at.toISOString() } : {}),
  };
}

/**
 * Proposed phrasings in PostgreSQL (migration 110-knowledge). The unique (article_id, key) makes
 * the same question one proposal whichever replica proposes it; a decision is
 * `UPDATE … WHERE status = 'pending'`, so it is taken once.
 */
export class PgProposalStore implements ProposalStore {
  constructor(private readonly pool: Pool, private readonly limits: { maxDecided?: number; maxPending?: number } = {}) {}

  async propose({ articleId, key, question, origin, at }: NewProposal): Promise<Proposal> {
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<ProposalRow & { inserted: boolean }>(
        `INSERT INTO knowledge_proposals (id, article_id, key, question, helpful, linked, first_at, last_at, status)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, 'pending')
         ON CONFLICT (article_id, key) DO UPDATE SET helpful = knowledge_proposals.helpful + EXCLUDED.helpful,
           linked = knowledge_proposals.linked + EXCLUDED.linked, last_at = EXCLUDED.last_at
         RETURNING *, (xmax = 0) AS inserted`,
        [newId(), articleId, key, question, origin === 'helpful' ? 1 : 0, origin === 'linked' ? 1 : 0, at]);
      if (rows[0].inserted) await this.dropSurplus(client);
      return proposalOf(rows[0]);
    });
  }

  async get(id: string): Promise<Proposal | undefined> {
    const { rows } = await this.pool.query<ProposalRow>('SELECT * FROM knowledge_proposals WHERE id = $1', [id]);
    return rows[0] && proposalOf(rows[0]);
  }

  async pending(limit: number): Promise<Proposal[]> {
    const { rows } = await this.pool.query<ProposalRow>(
      `SELECT * FROM knowledge_proposals WHERE status = 'pending' ORDER BY helpful + linked DESC, last_at DESC, id LIMIT $1`, [limit]);
    return rows.map(proposalOf);
  }

  async countPending(): Promise<number> {
    const { rows } = await this.pool.query<{ count: string }>(`SELECT count(*) FROM knowledge_proposals WHERE status = 'pending'`);
    return Number(rows[0].count);
  }

  async decide(id: string, { status, by, at }: ProposalDecision): Promise<Proposal | undefined> {
    return withTransaction(this.pool, async (client) => {
      const { rows } = await client.query<ProposalRow>(
        `UPDATE knowledge_proposals SET status = $2, decided_by = $3, decided_at = $4 WHERE id = $1 AND status = 'pending' RETURNING *`,
        [id, status, JSON.stringify({ aadObjectId: by.aadObjectId, name: by.name }), at]);
      if (rows.length === 0) return undefined;
      await this.dropSurplus(client);
      return proposalOf(rows[0]);
    });
  }

  /** Keeps the table bounded: the oldest decided and the least proposed pending proposals go. */
  private async dropSurplus(client: Queryable): Promise<void> {
    await client.query(
      `DELETE FROM knowledge_proposals WHERE id IN (
         SELECT id FROM knowledge_proposals WHERE status <> 'pending' ORDER BY decided_at DESC, id OFFSET $1)`, [this.limits.maxDecided ?? MAX_DECIDED]);
    await client.query(
      `DELETE FROM knowledge_proposals WHERE id IN (
         SELECT id FROM knowledge_proposals WHERE status = 'pending' ORDER BY helpful + linked DESC, last_at DESC, id OFFSET $1)`, [this.limits.maxPending ?? MAX_PENDING]);
  }
}
