import type { CardDecision, CardDecisionStore } from '../shared/card-decisions.js';
import type { Collection } from './collection.js';
import type { DataDir } from './data-dir.js';

/** Decided cards: immutable, appended to `card-decisions`. */
export class LowdbCardDecisionStore implements CardDecisionStore {
  private constructor(private readonly collection: Collection<CardDecision>) {}

  static async open(dataDir: DataDir): Promise<LowdbCardDecisionStore> {
    return new LowdbCardDecisionStore(await dataDir.collection<CardDecision>('card-decisions', { shards: 1, segmentSize: 5000 }));
  }

  get(cardId: string): Promise<CardDecision | undefined> {
    return this.collection.get(cardId);
  }

  put(decision: CardDecision): Promise<void> {
    return this.collection.append(decision);
  }
}
