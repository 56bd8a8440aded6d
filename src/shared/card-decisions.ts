import type { CardSigner } from './card-signer.js';
import type { Clock } from './clock.js';
import { DomainError } from './errors.js';
import type { KeyedLock } from './keyed-lock.js';
import { plainText } from './plain-text.js';
import type { ConversationAddress, Messenger, PostedThread, Reply, SentMessage } from './messaging.js';

/** A card that has been decided: its buttons act no more. */
export interface CardDecision {
  /** The card id the edge sealed into its buttons. */
  id: string;
  by: string;
  verb: string;
  at: string;
}

/** Decided cards, kept for good (appended, never changed). */
export interface CardDecisionStore {
  get(cardId: string): Promise<CardDecision | undefined>;
  /**
   * Records a decision once: false (and nothing changes) when the card was decided before, by this
   * process or another replica on the same database; the first decision stays.
   */
  put(decision: CardDecision): Promise<boolean>;
}

export const CARD_NOT_YOURS = new DomainError('CARD_NOT_YOURS', {
  et: 'See kaart saadeti teisele inimesele, seega ei saa sina selle nuppe kasutada.',
  en: 'This card was sent to someone else, so you cannot use its buttons.',
});

export const cardDecided = (name: string): DomainError => new DomainError('CARD_ALREADY_DECIDED', {
  et: 'Selle kaardi kohta on juba otsustanud {name}; selle nuppe ei saa uuesti kasutada.',
  en: 'This card has already been decided by {name}; its buttons cannot be used again.',
}, { name: plainText(name) });

/**
 * Buttons decide once. A click on a sealed card runs under the card's lock; a card that a click
 * has replaced (a decision, a rating, feedback, a sent form) is recorded as decided, and any later
 * click on it (a replay, an old copy, the second of two buttons pressed together) is refused with
 * who decided. A click that fails (a missing comment) replaces nothing, so the card stays live.
 */
export class CardDecisions {
  constructor(private readonly store: CardDecisionStore, private readonly locks: KeyedLock, private readonly clock: Clock) {}

  /** Runs a click; `decided()` marks the card decided (call it when the card is replaced). */
  run<T>(cardId: string | undefined, work: (decided: (by: string, verb: string) => Promise<void>) => Promise<T>): Promise<T> {
    if (!cardId) return work(async () => undefined);
    return this.locks.run(`card:${cardId}`, async () => {
      const earlier = await this.store.get(cardId);
      if (earlier) throw cardDecided(earlier.by);
      let recorded = false;
      return work(async (by, verb) => {
        if (recorded) return;
        recorded = true;
        // Across replicas the first insert wins; what the click changed is guarded by its own
        // store (a case saves compare-and-set), so a second replica's late record changes nothing.
        await this.store.put({ id: cardId, by, verb, at: this.clock.now().toISOString() });
      });
    });
  }
}

/**
 * The messenger every feature gets: cards sent to a personal chat are sealed for that person,
 * cards sent anywhere get their own card id (see `CardSigner.seal`).
 */
export function sealingMessenger(messenger: Messenger, signer: CardSigner): Messenger {
  const seal = (address: ConversationAddress, reply: Reply): Reply =>
    signer.sealReply(reply, address.kind === 'personal' ? address.user?.aadObjectId : undefined);
  return {
    send: (address: ConversationAddress, reply: Reply): Promise<SentMessage> => messenger.send(address, seal(address, reply)),
    update: (address: ConversationAddress, messageId: string, reply: Reply): Promise<void> => messenger.update(address, messageId, seal(address, reply)),
    delete: (address: ConversationAddress, messageId: string): Promise<void> => messenger.delete(address, messageId),
    openPersonalChat: (user, via) => messenger.openPersonalChat(user, via),
    postToChannel: (channel: ConversationAddress, reply: Reply): Promise<PostedThread> => messenger.postToChannel(channel, seal(channel, reply)),
    offerFile: (address, offer) => messenger.offerFile(address, offer),
  };
}
