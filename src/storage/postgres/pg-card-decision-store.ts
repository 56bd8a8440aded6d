import type { CardDecision, CardDecisionStore } from '../../shared/card-decisions.js';
import type { Queryable } from './pool.js';

/** Decided cards in `card_decisions`: the primary key makes a card decide once across replicas. */
export class PgCardDecisionStore implements CardDecisionStore {
  constructor(private readonly db: Queryable) {}

  async get(cardId: string): Promise<CardDecision | undefined> {
    const { rows } = await this.db.query<{ id: string; decided_by: string; verb: string; at: string }>(
      'SELECT id, decided_by, verb, at FROM card_decisions WHERE id = $1', [cardId]);
    return rows[0] && { id: rows[0].id, by: rows[0].decided_by, verb: rows[0].verb, at: rows[0].at };
  }

  async put(decision: CardDecision): Promise<boolean> {
    const result = await this.db.query(
      'INSERT INTO card_decisions (id, decided_by, verb, at) VALUES ($1, $2, $3, $4) ON CONFLICT (id) DO NOTHING',
      [decision.id, decision.by, decision.verb, decision.at]);
    return result.rowCount === 1;
  }
}
