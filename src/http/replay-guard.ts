import { MAX_AGE_SECONDS } from './incident-signature.js';
import type { Refusal } from './read-body.js';

/** A signature accepted once, remembered until its timestamp is too old to pass the check again. */
export interface SeenSignature {
  key?: string;
  /** Unix seconds after which the signature is stale anyway and may be forgotten. */
  until: number;
}

/** Where accepted signatures are kept across a restart (a file in DATA_DIR). */
export interface SeenSignatures {
  find(signature: string, nowSeconds: number): Promise<SeenSignature | undefined>;
  /** How many are still inside their window. */
  count(nowSeconds: number): Promise<number>;
  /** Remembers one and forgets the expired ones; resolves once it is on disk. */
  remember(signature: string, seen: SeenSignature, nowSeconds: number): Promise<void>;
}

/** More accepted signatures than this inside one window means a runaway sender: refused with 429. */
export const MAX_SEEN_SIGNATURES = 10_000;

export type Claim = { ok: true; commit(): Promise<void>; release(): void } | { ok: false; refusal: Refusal };

/**
 * Refuses a signed incident call whose signature was accepted before under another Idempotency-Key
 * (or none), so a captured request cannot create incidents again inside the 300 s window. The very
 * same request again (same key, or none both times) is a retry and passes: it gets the first answer
 * from the idempotency receipts (a keyless call's key is its signature). A claim is held in memory while the call runs (so two copies
 * sent at once cannot both pass) and is remembered durably only once the call succeeded.
 */
export class ReplayGuard {
  private readonly running = new Set<string>();

  constructor(private readonly seen: SeenSignatures, private readonly max = MAX_SEEN_SIGNATURES) {}

  async claim(signature: string, key: string | undefined, timestamp: number, nowSeconds: number): Promise<Claim> {
    const sig = signature.trim().toLowerCase();
    if (this.running.has(sig)) return refuse(409, 'ReplayedSignature', 'A call with this signature is being processed; a signed call is accepted once.');
    // Held while the store is read, so a copy sent at the same moment waits for this one's answer.
    this.running.add(sig);
    let before: SeenSignature | undefined;
    let live: number;
    try {
      [before, live] = await Promise.all([this.seen.find(sig, nowSeconds), this.seen.count(nowSeconds)]);
    } catch (error) {
      this.running.delete(sig);
      throw error;
    }
    this.running.delete(sig);
    if (before) {
      // The very same request again (same key, or none both times) is a retry: it gets the first answer.
      if (before.key === key) return { ok: true, commit: async () => undefined, release: () => undefined };
      return refuse(409, 'ReplayedSignature', 'This signature was accepted before with another Idempotency-Key: a signed call is accepted once. To retry, send it unchanged; to send the body anew, sign it again with a new timestamp.');
    }
    if (live + this.running.size >= this.max) {
      return refuse(429, 'TooManySignedCalls', `More than ${this.max} signed calls within ${MAX_AGE_SECONDS} seconds; please slow down.`);
    }
    this.running.add(sig);
    return {
      ok: true,
      commit: async () => {
        try {
          await this.seen.remember(sig, { key, until: timestamp + MAX_AGE_SECONDS + 1 }, nowSeconds);
        } finally {
          this.running.delete(sig);
        }
      },
      release: () => { this.running.delete(sig); },
    };
  }
}

function refuse(status: number, code: string, message: string): Claim {
  return { ok: false, refusal: { status, code, message } };
}

/** Signatures kept in memory only: for tests and tools that have no data folder. */
export class MemorySeenSignatures implements SeenSignatures {
  private readonly entries = new Map<string, SeenSignature>();

  async find(signature: string, nowSeconds: number): Promise<SeenSignature | undefined> {
    const entry = this.entries.get(signature);
    return entry && entry.until >= nowSeconds ? entry : undefined;
  }

  async count(nowSeconds: number): Promise<number> {
    return [...this.entries.values()].filter((entry) => entry.until >= nowSeconds).length;
  }

  async remember(signature: string, seen: SeenSignature, nowSeconds: number): Promise<void> {
    for (const [sig, entry] of this.entries) if (entry.until < nowSeconds) this.entries.delete(sig);
    this.entries.set(signature, seen);
  }
}
