import { MAX_AGE_SECONDS } from './incident-signature.js';
import type { Refusal } from './read-body.js';

/** A signature accepted once, remembered until its timestamp is too old to pass the check again. */
export interface SeenSignature {
  key?: string;
  /** Unix seconds after which the signature is stale anyway and may be forgotten. */
  until: number;
  /** A call with it is under way on some replica (a claim not yet committed); absent once accepted. */
  running?: boolean;
}

/** Where accepted signatures are kept across a restart (a file in DATA_DIR, or the database replicas share). */
export interface SeenSignatures {
  find(signature: string, nowSeconds: number): Promise<SeenSignature | undefined>;
  /** How many are still inside their window. */
  count(nowSeconds: number): Promise<number>;
  /** Remembers one as accepted and forgets the expired ones; resolves once it is stored. */
  remember(signature: string, seen: SeenSignature, nowSeconds: number): Promise<void>;
  /**
   * Stores shared by replicas: stores `seen` as running unless the signature is there and not yet
   * stale (running or accepted), as one atomic step; true when this caller got it. Without it
   * (one process), the guard's own set is the claim.
   */
  claim?(signature: string, seen: SeenSignature, nowSeconds: number): Promise<boolean>;
  /** Forgets a running claim (the call failed), so the very same call may be tried again. */
  release?(signature: string): Promise<void>;
}

/** More accepted signatures than this inside one window means a runaway sender: refused with 429. */
export const MAX_SEEN_SIGNATURES = 10_000;

/** How long a running claim holds when its replica dies before committing or releasing it. */
export const RUNNING_CLAIM_SECONDS = 60;

export type Claim = { ok: true; commit(): Promise<void>; release(): Promise<void> } | { ok: false; refusal: Refusal };

const RUNNING = 'A call with this signature is being processed; a signed call is accepted once.';
const REPLAYED = 'This signature was accepted before with another Idempotency-Key: a signed call is accepted once. To retry, send it unchanged; to send the body anew, sign it again with a new timestamp.';

/**
 * Refuses a signed incident call whose signature was accepted before under another Idempotency-Key
 * (or none), so a captured request cannot create incidents again inside the 300 s window. The very
 * same request again (same key, or none both times) is a retry and passes: it gets the first answer
 * from the idempotency receipts (a keyless call's key is its signature). A claim is held while the
 * call runs (so two copies sent at once cannot both pass: in this process's set, and where the
 * store is shared by replicas as a running entry in it) and remembered durably once the call succeeded.
 */
export class ReplayGuard {
  private readonly running = new Set<string>();

  constructor(private readonly seen: SeenSignatures, private readonly max = MAX_SEEN_SIGNATURES) {}

  async claim(signature: string, key: string | undefined, timestamp: number, nowSeconds: number): Promise<Claim> {
    const sig = signature.trim().toLowerCase();
    if (this.running.has(sig)) return refuse(409, 'ReplayedSignature', RUNNING);
    // Held while the store is read, so a copy sent at the same moment waits for this one's answer.
    this.running.add(sig);
    let decided: Claim | 'mine';
    try {
      decided = await this.decide(sig, key, timestamp, nowSeconds);
    } catch (error) {
      this.running.delete(sig);
      throw error;
    }
    if (decided !== 'mine') {
      this.running.delete(sig);
      return decided;
    }
    return {
      ok: true,
      commit: async () => {
        try {
          await this.seen.remember(sig, { key, until: timestamp + MAX_AGE_SECONDS + 1 }, nowSeconds);
        } finally {
          this.running.delete(sig);
        }
      },
      release: async () => {
        try {
          await this.seen.release?.(sig);
        } finally {
          this.running.delete(sig);
        }
      },
    };
  }

  /** Reads the store and, where it is shared, claims the signature in it: 'mine', or the answer to give. */
  private async decide(sig: string, key: string | undefined, timestamp: number, nowSeconds: number): Promise<Claim | 'mine'> {
    const [before, live] = await Promise.all([this.seen.find(sig, nowSeconds), this.seen.count(nowSeconds)]);
    if (before) return this.answerTo(before, key);
    // Others' claims under way are counted by a shared store; this process's by its set.
    if (live + (this.seen.claim ? 0 : this.running.size - 1) >= this.max) {
      return refuse(429, 'TooManySignedCalls', `More than ${this.max} signed calls within ${MAX_AGE_SECONDS} seconds; please slow down.`);
    }
    if (!this.seen.claim) return 'mine';
    const until = Math.min(timestamp + MAX_AGE_SECONDS + 1, nowSeconds + RUNNING_CLAIM_SECONDS);
    if (await this.seen.claim(sig, { key, until, running: true }, nowSeconds)) return 'mine';
    // Another replica got it first: answer as if it had been there (gone already: it was a copy running).
    const winner = await this.seen.find(sig, nowSeconds);
    return winner ? this.answerTo(winner, key) : refuse(409, 'ReplayedSignature', RUNNING);
  }

  private answerTo(before: SeenSignature, key: string | undefined): Claim {
    if (before.running) return refuse(409, 'ReplayedSignature', RUNNING);
    // The very same request again (same key, or none both times) is a retry: it gets the first answer.
    if (before.key === key) return { ok: true, commit: async () => undefined, release: async () => undefined };
    return refuse(409, 'ReplayedSignature', REPLAYED);
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
