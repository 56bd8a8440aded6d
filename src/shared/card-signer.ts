import { createHmac, timingSafeEqual } from 'node:crypto';

/** What a button carries: the verb, the bot's own arguments and their signature. */
export interface SignedActionData {
  verb: string;
  args: Record<string, string | number | boolean>;
  sig: string;
}

function canonical(verb: string, args: Record<string, unknown>): string {
  const keys = Object.keys(args).sort();
  return JSON.stringify([verb, keys.map((key) => [key, args[key]])]);
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

  private digest(verb: string, args: Record<string, unknown>): string {
    return createHmac('sha256', this.secret).update(canonical(verb, args)).digest('base64url');
  }
}
