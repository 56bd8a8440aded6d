import { MessengerError } from '../../shared/messaging.js';

/** What to do after a failed send or update. */
export type FailureDecision =
  | { kind: 'retry'; delayMs: number; reason: string }
  | { kind: 'drop'; reason: string }
  | { kind: 'fail'; reason: string };

export interface RetryPolicy {
  maxAttempts: number;
  /** The first backoff step; each attempt doubles it up to `capMs`. */
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF = { baseMs: 500, capMs: 30_000 } as const;

/** Exponential backoff with full jitter: a uniform wait between 0 and base * 2^(attempt-1), capped. */
export function fullJitter(attempt: number, policy: Pick<RetryPolicy, 'baseMs' | 'capMs'>, random: () => number): number {
  const ceiling = Math.min(policy.capMs, policy.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

function reasonOf(error: MessengerError): string {
  return error.status === 0 ? error.code : `${error.status} ${error.code}`;
}

/**
 * Decides after attempt number `attempt` (1-based) failed:
 * - the conversation is gone (403 blocked/uninstalled, 404 on a new message): drop the address;
 * - 429: wait Retry-After when Teams gave it, else back off with full jitter;
 * - 412, 5xx, network errors: back off with full jitter;
 * - anything else (400, 413, a 404 of an edited message, other 403s): fail without retrying;
 * - after `maxAttempts` attempts: give up.
 */
export function decideAfterFailure(error: unknown, attempt: number, policy: RetryPolicy, editing: boolean, random: () => number = Math.random): FailureDecision {
  if (!(error instanceof MessengerError)) return { kind: 'fail', reason: error instanceof Error ? error.name : 'unknown error' };
  const reason = reasonOf(error);
  if (error.isGone && !(editing && error.status === 404)) return { kind: 'drop', reason };
  const retryable = error.status === 429 || error.status === 412 || error.status === 0 || error.status >= 500;
  if (!retryable) return { kind: 'fail', reason };
  if (attempt >= policy.maxAttempts) return { kind: 'fail', reason: `gave up after ${attempt} attempts (${reason})` };
  const delayMs = error.status === 429 && error.retryAfterMs !== undefined ? error.retryAfterMs : fullJitter(attempt, policy, random);
  return { kind: 'retry', delayMs, reason };
}
