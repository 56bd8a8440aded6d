/**
 * A token bucket: at most `capacity` at once, refilled at `perSecond`. In any window of W seconds
 * it lets through at most `capacity + perSecond * W` takes, which is what the pacer's limits are
 * derived from.
 */
export class TokenBucket {
  private tokens: number;
  private last: number;

  constructor(readonly capacity: number, readonly perSecond: number, now: number, initial = capacity) {
    this.tokens = initial;
    this.last = now;
  }

  private refill(now: number): void {
    if (now > this.last) this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) * this.perSecond) / 1000);
    this.last = Math.max(this.last, now);
  }

  /** Milliseconds until a token is there; 0 when one is there now. */
  waitMs(now: number): number {
    this.refill(now);
    return this.tokens >= 1 ? 0 : Math.ceil(((1 - this.tokens) * 1000) / this.perSecond);
  }

  take(now: number): void {
    this.refill(now);
    this.tokens -= 1;
  }

  /** True when the bucket is full again, i.e. it carries no history worth keeping. */
  idle(now: number): boolean {
    this.refill(now);
    return this.tokens >= this.capacity;
  }
}
