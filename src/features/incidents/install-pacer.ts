import type { Logger } from '../../shared/logger.js';
import type { InstallAnswer, InstallGraph } from './install-calls.js';
import type { AppInstall } from './install-store.js';
import type { GlobalGate } from './shared-rate-gate.js';
import { TokenBucket } from './token-bucket.js';

/** The failure of a person whose last call was answered 429: its wait holds every call, also after a restart. */
export const THROTTLED = 'throttled';

export interface InstallPacerDeps {
  graph?: InstallGraph;
  /** Graph's pace shared by replicas; without it this process's own bucket at `ratePerSecond`. */
  gate?: GlobalGate;
  ratePerSecond: number;
  now: () => number;
  logger: Logger;
}

/**
 * Paces the installs' Graph calls: a token bucket under Graph's 30 per second (or the replicas'
 * shared gate), and a hold after a 429 that every call waits for, since Graph throttles the app as
 * a whole.
 */
export class InstallPacer {
  private readonly bucket: GlobalGate;
  private holdUntil = 0;

  constructor(private readonly deps: InstallPacerDeps) {
    this.bucket = deps.gate ?? new TokenBucket(2, deps.ratePerSecond, deps.now(), 0);
  }

  /** A Retry-After read before a restart still binds: nobody calls before the latest one stored. */
  restore(installs: readonly AppInstall[]): void {
    for (const install of installs) {
      if (install.state === 'pending' && install.failure === THROTTLED) this.holdUntil = Math.max(this.holdUntil, install.nextAttemptAt ?? 0);
    }
  }

  /** Nobody calls for `ms` (a 429's Retry-After). */
  holdFor(ms: number): void {
    this.holdUntil = Math.max(this.holdUntil, this.deps.now() + ms);
  }

  /** Waits for the pace and any Retry-After, then makes one call. */
  readonly call = async (method: 'GET' | 'POST', path: string, body?: unknown): Promise<InstallAnswer> => {
    for (;;) {
      const now = this.deps.now();
      const wait = Math.max(this.holdUntil - now, this.bucket.waitMs(now));
      if (wait <= 0) break;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
    this.bucket.take(this.deps.now());
    try {
      return await (this.deps.graph as InstallGraph).send(method, path, body);
    } catch (error) {
      this.deps.logger.debug({ err: error }, 'Graph call for an install failed');
      return { status: 0 };
    }
  };
}
