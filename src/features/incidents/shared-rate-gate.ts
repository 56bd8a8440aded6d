/**
 * Where replicas reserve their sending slots (STORE=postgres: one row in the database). A
 * reservation of `count` slots `intervalMs` apart starts where the last one (of any replica)
 * ended, or now when the gate was idle. Times are the store's clock in epoch milliseconds.
 */
export interface SlotReserver {
  reserve(name: string, count: number, intervalMs: number): Promise<{ firstSlot: number; storeNow: number }>;
}

/** The global part of the pacer: a token bucket in one process, or a gate that replicas share. */
export interface GlobalGate {
  /** Milliseconds until a token is there; 0 when one is there now. */
  waitMs(now: number): number;
  /** Takes the token `waitMs(now)` just said is there. */
  take(now: number): void;
}

/** How late (store time) a slot may still be used; the rest of the margin beside the pacer's jitter. */
export const LATE_MS = 25;
/** How far the two clocks may drift apart, per millisecond (NTP slews at most 0.5 ms/s). */
const DRIFT = 0.001;
/** How long a worker without a slot waits before asking again while a reservation is under way. */
const POLL_MS = 5;
/** After a failed reservation, how long before the next try. */
const RETRY_MS = 1000;

interface Slot { earliest: number; latest: number }

export interface SharedRateGateOptions {
  reserver: SlotReserver;
  /** The gate's name: every replica of one bot uses the same. */
  name: string;
  /** Slots per second for all replicas together (the pacer derives it from Teams' limit). */
  perSecond: number;
  /** The most slots one reservation takes (a few round trips per second per replica). */
  maxBatch: number;
  now: () => number;
  onError: (error: unknown) => void;
}

/**
 * The pacer's global bucket when several replicas send: slots reserved in batches from a schedule
 * they share, each used at or after its time and dropped when it is more than LATE_MS late.
 * Reserved slots are `interval` apart on the store's clock, so any window of W seconds holds at
 * most W / interval + 1 of them, and every send happens within LATE_MS after its slot.
 *
 * The local clock is mapped onto the store's by the bounds each round trip gives (the store's
 * "now" lies between sending the query and its answer), narrowed over round trips and widened by
 * the drift since. A slot is used no earlier than the latest local time its store time can be,
 * and no later than the earliest local time plus LATE_MS: never early, never more than LATE_MS late.
 */
export class SharedRateGate implements GlobalGate {
  private readonly slots: Slot[] = [];
  private readonly intervalMs: number;
  private batch = 1;
  private reserving = false;
  private pausedUntil = -Infinity;
  /** local = store + offset, with offset in [low, high] as measured at `at` (local ms). */
  private offset?: { low: number; high: number; at: number };

  constructor(private readonly options: SharedRateGateOptions) {
    this.intervalMs = 1000 / options.perSecond;
  }

  waitMs(now: number): number {
    this.dropLate(now);
    if (this.slots.length <= this.batch / 2) this.reserve(now);
    const next = this.slots[0];
    if (!next) return POLL_MS;
    return next.earliest <= now ? 0 : Math.max(1, Math.ceil(next.earliest - now));
  }

  take(now: number): void {
    this.dropLate(now);
    if (this.slots[0] && this.slots[0].earliest <= now) this.slots.shift();
  }

  private dropLate(now: number): void {
    let dropped = 0;
    while (this.slots[0] && this.slots[0].latest < now) {
      this.slots.shift();
      dropped += 1;
    }
    // Slots went unused: reserve fewer at a time, so an idle replica does not hold up the others.
    if (dropped > 0) this.batch = Math.max(1, Math.floor(this.batch / 2));
  }

  private reserve(now: number): void {
    if (this.reserving || now < this.pausedUntil) return;
    this.reserving = true;
    const count = this.batch;
    const sent = this.options.now();
    this.options.reserver.reserve(this.options.name, count, this.intervalMs).then(({ firstSlot, storeNow }) => {
      const offset = this.narrow(sent, this.options.now(), storeNow);
      for (let i = 0; i < count; i += 1) {
        const at = firstSlot + i * this.intervalMs;
        this.slots.push({ earliest: at + offset.high, latest: at + offset.low + LATE_MS });
      }
      // Used up before the next was needed: take more per round trip, up to the cap.
      this.batch = Math.min(this.options.maxBatch, this.batch * 2);
    }, (error: unknown) => {
      this.pausedUntil = this.options.now() + RETRY_MS;
      this.options.onError(error);
    }).finally(() => {
      this.reserving = false;
    });
  }

  /** The offset's bounds after a round trip sent at `sent`, answered at `received`, that read `storeNow`. */
  private narrow(sent: number, received: number, storeNow: number): { low: number; high: number } {
    const measured = { low: sent - storeNow, high: received - storeNow, at: received };
    const before = this.offset;
    if (before) {
      const widen = DRIFT * (received - before.at);
      const low = Math.max(measured.low, before.low - widen);
      const high = Math.min(measured.high, before.high + widen);
      // Empty when a clock was stepped: start again from this round trip.
      if (low <= high) {
        measured.low = low;
        measured.high = high;
      }
    }
    this.offset = measured;
    return measured;
  }
}
