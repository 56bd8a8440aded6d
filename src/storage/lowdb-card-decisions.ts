import type { CardDecision, CardDecisionStore } from '../shared/card-decisions.js';
import type { Collection } from './collection.js';
import type { DataDir } from './data-dir.js';

/** Where decided cards live in the data folder (the export reads and writes them there too). */
export const CARD_DECISIONS_COLLECTION = { name: 'card-decisions', options: { shards: 1, segmentSize: 500 } } as const;

/**
 * Decided cards: immutable, appended to `card-decisions`, found through the archive index (one id
 * per decision in memory). Segments of 500: a click rewrites at most 500 small records, however
 * many cards were decided before (5,000 made a click cost up to ten times more late in a segment).
 */
export class LowdbCardDecisionStore implements CardDecisionStore {
  private constructor(private readonly collection: Collection<CardDecision>) {}

  static async open(dataDir: DataDir): Promise<LowdbCardDecisionStore> {
    return new LowdbCardDecisionStore(await dataDir.collection<CardDecision>(CARD_DECISIONS_COLLECTION.name, CARD_DECISIONS_COLLECTION.options));
  }

  get(cardId: string): Promise<CardDecision | undefined> {
    return this.collection.get(cardId);
  }

  async put(decision: CardDecision): Promise<boolean> {
    if (this.collection.isArchived(decision.id)) return false;
    try {
      await this.collection.append(decision);
      return true;
    } catch (error) {
      // Two puts at once: the archive queue lets the first in and refuses the second.
      if (this.collection.isArchived(decision.id)) return false;
      throw error;
    }
  }
}
