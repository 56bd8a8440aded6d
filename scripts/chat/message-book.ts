import type { CardJson, CardView } from './render-card.js';

/** A card's clickable parts, as `renderCard` found them. */
export interface CardParts {
  card: CardJson;
  title?: string;
  actions: CardJson[];
  inputs: CardJson[];
}

export function cardParts(card: CardJson, view: CardView): CardParts {
  return { card, title: view.title, actions: view.actions, inputs: view.inputs };
}

/** A message the client has shown, under the short number the person types (`/card 3`, `/thread 3`). */
export interface BookEntry {
  no: number;
  /** The message's id on the wire: the `replyToId` of a click, the target of the bot's updates. */
  wireId: string;
  conversationId: string;
  card?: CardParts;
  /** For a card opened with `Action.ShowCard`: the inputs of the card(s) around it, submitted too. */
  outerInputs: CardJson[];
  /** The entry an `Action.ShowCard` card was opened from. */
  openedFrom?: number;
}

/**
 * Remembers the messages shown in this session, so that a typed number clicks the right card and
 * the bot's later updates and deletions find the message they mean.
 */
export class MessageBook {
  private readonly entries: BookEntry[] = [];
  private nextNo = 1;
  private selectedNo?: number;

  constructor(private readonly limit = 200) {}

  record(wireId: string, conversationId: string, card?: CardParts): BookEntry {
    return this.add({ no: this.nextNo++, wireId, conversationId, card, outerInputs: [] });
  }

  /** Adds the card an `Action.ShowCard` opens; its submits carry the outer card's inputs too. */
  recordOpened(from: BookEntry, card: CardParts): BookEntry {
    const outerInputs = [...from.outerInputs, ...(from.card?.inputs ?? [])];
    return this.add({ no: this.nextNo++, wireId: from.wireId, conversationId: from.conversationId, card, outerInputs, openedFrom: from.no });
  }

  private add(entry: BookEntry): BookEntry {
    this.entries.push(entry);
    if (this.entries.length > this.limit) this.entries.shift();
    if (entry.card && entry.card.actions.length > 0) this.selectedNo = undefined;
    return entry;
  }

  byNumber(no: number): BookEntry | undefined {
    return this.entries.find((entry) => entry.no === no);
  }

  /** The message itself (not a card opened from it) with this wire id; ids are unique across conversations. */
  byWireId(wireId: string): BookEntry | undefined {
    return this.entries.find((entry) => entry.wireId === wireId && entry.openedFrom === undefined);
  }

  /** The short number of a message for people, or its wire id when it was never shown here. */
  numberOf(wireId: string): string {
    return String(this.byWireId(wireId)?.no ?? wireId);
  }

  /** The bot replaced a message: keep its number, drop the cards opened from it. */
  replace(entry: BookEntry, card: CardParts | undefined): void {
    entry.card = card;
    this.dropOpenedFrom(entry);
  }

  remove(entry: BookEntry): void {
    this.dropOpenedFrom(entry);
    this.entries.splice(this.entries.indexOf(entry), 1);
  }

  private dropOpenedFrom(entry: BookEntry): void {
    for (let index = this.entries.length - 1; index >= 0; index -= 1) {
      if (this.entries[index].openedFrom === entry.no) this.remove(this.entries[index]);
    }
  }

  /** Cards that still have buttons, newest first. */
  recentCards(limit = 5): BookEntry[] {
    return this.entries.filter((entry) => (entry.card?.actions.length ?? 0) > 0).reverse().slice(0, limit);
  }

  /** Makes an older card the one numbers click, until a newer card with buttons arrives. */
  select(no: number): BookEntry | undefined {
    const entry = this.byNumber(no);
    if (!entry || (entry.card?.actions.length ?? 0) === 0) return undefined;
    this.selectedNo = no;
    return entry;
  }

  /**
   * The card a typed number clicks: the one chosen with `select`, else the newest card with buttons
   * in the person's current conversation (`isHere`). Cards elsewhere are only clicked when chosen.
   */
  active(isHere: (conversationId: string) => boolean = () => true): BookEntry | undefined {
    const selected = this.selectedNo === undefined ? undefined : this.byNumber(this.selectedNo);
    if (selected && (selected.card?.actions.length ?? 0) > 0) return selected;
    return this.recentCards(this.limit).find((entry) => isHere(entry.conversationId));
  }
}
