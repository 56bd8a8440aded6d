import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AdaptiveCard, Reply } from './messaging.js';

/** What a button carries: the verb, the bot's own arguments and their signature. */
export interface SignedActionData {
  verb: string;
  args: Record<string, string | number | boolean>;
  sig: string;
}

/** Signed arguments the edge adds when a card leaves the bot (see `seal`). */
export const CARD_ID_ARG = '_card';
export const RECIPIENT_ARG = '_to';

function canonical(verb: string, args: Record<string, unknown>): string {
  const keys = Object.keys(args).sort();
  return JSON.stringify([verb, keys.map((key) => [key, args[key]])]);
}

function isSignedData(value: unknown): value is SignedActionData {
  if (!value || typeof value !== 'object') return false;
  const data = value as Record<string, unknown>;
  return typeof data.verb === 'string' && typeof data.sig === 'string' && !!data.args && typeof data.args === 'object' && !Array.isArray(data.args);
}

/**
 * Signs the data the bot puts on card buttons, so a click whose data was edited on the way
 * (a tampered card) is refused before any feature sees it. The secret never leaves the server.
 */
export class CardSigner {
  constructor(private readonly secret: string) {
    if (secret.length < 16) throw new Error('The card signing secret must be at least 16 characters.');
  }

  sign(verb: string, args: Record<string, string | number | boolean> = {}): SignedActionData {
    return { verb, args, sig: this.digest(verb, args) };
  }

  verify(verb: unknown, args: unknown, sig: unknown): boolean {
    if (typeof verb !== 'string' || typeof sig !== 'string') return false;
    if (args === null || typeof args !== 'object' || Array.isArray(args)) return false;
    const expected = Buffer.from(this.digest(verb, args as Record<string, unknown>));
    const given = Buffer.from(sig);
    return expected.length === given.length && timingSafeEqual(expected, given);
  }

  /**
   * Seals a card as it leaves the bot: every signed button gets one id for this card (so the card
   * decides once: see `card-decisions.ts`) and, for a card sent into one person's personal chat,
   * that person's Entra object id, and is signed again. The edge refuses a click from anyone else.
   */
  seal(card: AdaptiveCard, recipient?: string): AdaptiveCard {
    const extra: Record<string, string> = { [CARD_ID_ARG]: randomBytes(12).toString('base64url') };
    if (recipient) extra[RECIPIENT_ARG] = recipient.toLowerCase();
    const visit = (node: unknown): unknown => {
      if (Array.isArray(node)) return node.map(visit);
      if (!node || typeof node !== 'object') return node;
      const copy: Record<string, unknown> = {};
      for (const [key, value] of Object.entries(node)) copy[key] = visit(value);
      const data = copy.data;
      if (String(copy.type).startsWith('Action.') && isSignedData(data) && this.verify(data.verb, data.args, data.sig)) {
        copy.data = { ...data, ...this.sign(data.verb, { ...data.args, ...extra }) };
      }
      return copy;
    };
    return visit(card) as AdaptiveCard;
  }

  sealReply(reply: Reply, recipient?: string): Reply {
    return reply.kind === 'card' ? { ...reply, card: this.seal(reply.card, recipient) } : reply;
  }

  private digest(verb: string, args: Record<string, unknown>): string {
    return createHmac('sha256', this.secret).update(canonical(verb, args)).digest('base64url');
  }
}

/** The card id a verified click carries, if its card was sealed. */
export function cardIdOf(args: Record<string, unknown>): string | undefined {
  return typeof args[CARD_ID_ARG] === 'string' ? (args[CARD_ID_ARG] as string) : undefined;
}

/** False when the card was sealed for someone else than `aadObjectId` (ids compared case-insensitively). */
export function isForSender(args: Record<string, unknown>, aadObjectId: string | undefined): boolean {
  const recipient = args[RECIPIENT_ARG];
  if (typeof recipient !== 'string') return true;
  return !!aadObjectId && recipient === aadObjectId.toLowerCase();
}
