import { LATE_MS, SharedRateGate, type GlobalGate, type SlotReserver } from './shared-rate-gate.js';
import { TokenBucket } from './token-bucket.js';

/**
 * How far the connector's clock may see our requests bunched together (network and event-loop
 * jitter); the buckets are set so that even a window stretched by this much stays under the limit.
 */
export const JITTER = 0.03;

export interface PacerLimits {
  /** Requests per second for the whole bot (Teams: 50). */
  perSecond: number;
  /** Requests per second per conversation (Teams: 7; and 8 per 2 seconds, i.e. one more). */
  perConversation: number;
}

/** Bucket sizes that keep every 1-second window (and the per-conversation 2-second one) within the limits. */
export function bucketsFor(limits: PacerLimits): { global: { capacity: number; perSecond: number }; conversation: { capacity: number; perSecond: number } } {
  // A burst of at least two absorbs a timer that fires a little late; with room for one token only,
  // each late wake-up was lost for good and the pace fell to about 0.87 of the limit.
  const capacity = Math.max(2, Math.floor(limits.perSecond * 0.04));
  const global = { capacity, perSecond: (limits.perSecond - capacity) / (1 + JITTER) };
  const perOne = (limits.perConversation - 1) / (1 + JITTER);
  const perTwo = limits.perConversation / (2 * (1 + JITTER));
  return { global, conversation: { capacity: 1, perSecond: Math.max(0.1, Math.min(perOne, perTwo)) } };
}

/**
 * Slots per second for a schedule that replicas share (see SharedRateGate): slots are evenly
 * spaced, so a second holds `perSecond + 1` at most; each is used up to LATE_MS after its time,
 * and the connector may see sends bunched by the jitter, so a second of sends holds at most
 * `rate * (1 + JITTER + LATE_MS) + 1`: kept at the limit.
 */
export function sharedPerSecond(limits: PacerLimits): number {
  return Math.max(0.1, (limits.perSecond - 1) / (1 + JITTER + LATE_MS / 1000));
}

/** Builds the global gate for the pacer's limits and clock (replicas pass a shared one). */
export type GlobalGateFor = (limits: PacerLimits, now: () => number) => GlobalGate;

/** The gate's name in the store: every replica of the bot paces against the same schedule. */
const GATE_NAME = 'teams';

/**
 * The global gate of replicas that share `reserver`: about five reservations per second for the
 * whole bot at full pace (a fifth of a second of slots each), fewer when little is sent.
 */
export function sharedGate(reserver: SlotReserver, onError: (error: unknown) => void): GlobalGateFor {
  return (limits, now) => scheduleGate(reserver, GATE_NAME, sharedPerSecond(limits), onError, now);
}

/** A gate on the schedule `name`: a fifth of a second of slots per reservation, at least one. */
function scheduleGate(reserver: SlotReserver, name: string, perSecond: number, onError: (error: unknown) => void, now: () => number): GlobalGate {
  return new SharedRateGate({ reserver, name, perSecond, maxBatch: Math.max(1, Math.round(perSecond / 5)), now, onError });
}

/**
 * Graph's pace for proactive installs shared by replicas: evenly spaced slots at `perSecond` for
 * the whole bot, on a schedule of its own beside the connector's.
 */
export function sharedInstallGate(reserver: SlotReserver, perSecond: number, onError: (error: unknown) => void, now: () => number = Date.now): GlobalGate {
  return scheduleGate(reserver, 'graph-installs', perSecond, onError, now);
}

/**
 * Paces outgoing connector calls: one bucket for the whole bot and one per conversation. A call
 * takes from both or from neither, so a busy conversation never holds back others' tokens.
 */
export class Pacer {
  private readonly global: GlobalGate;
  private readonly conversations = new Map<string, TokenBucket>();
  private readonly sizes: ReturnType<typeof bucketsFor>;

  /** `shared`: the global gate that replicas share; without it this process's own token bucket. */
  constructor(limits: PacerLimits, private readonly now: () => number = () => performance.now(), shared?: GlobalGateFor) {
    this.sizes = bucketsFor(limits);
    // Empty at start: after a restart the bot cannot know what it sent in the last second.
    this.global = shared ? shared(limits, now) : new TokenBucket(this.sizes.global.capacity, this.sizes.global.perSecond, now(), 0);
  }

  private bucketOf(conversationId: string, now: number): TokenBucket {
    let bucket = this.conversations.get(conversationId);
    if (!bucket) {
      if (this.conversations.size > 10_000) this.forgetIdle(now);
      bucket = new TokenBucket(this.sizes.conversation.capacity, this.sizes.conversation.perSecond, now);
      this.conversations.set(conversationId, bucket);
    }
    return bucket;
  }

  private forgetIdle(now: number): void {
    for (const [id, bucket] of this.conversations) if (bucket.idle(now)) this.conversations.delete(id);
  }

  /** Takes a token for a call to `conversationId`, or says how long to wait before asking again. */
  tryTake(conversationId: string): number {
    const now = this.now();
    const conversation = this.bucketOf(conversationId, now);
    const wait = Math.max(this.global.waitMs(now), conversation.waitMs(now));
    if (wait > 0) return wait;
    this.global.take(now);
    conversation.take(now);
    return 0;
  }

  /** Waits for a token for `conversationId`. */
  async take(conversationId: string, stopped: () => boolean = () => false): Promise<boolean> {
    for (;;) {
      if (stopped()) return false;
      const wait = this.tryTake(conversationId);
      if (wait === 0) return true;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
