import { Pacer, sharedGate, sharedPerSecond } from '../../../src/features/incidents/pacer.js';
import { LATE_MS, type SlotReserver } from '../../../src/features/incidents/shared-rate-gate.js';
import { seededRandom } from '../../support/seeded-random.js';
import { busiestSecond } from '../../support/busiest-second.js';

const LIMITS = { perSecond: 50, perConversation: 1000 };

/**
 * The database's schedule in memory, on a clock `skew` ms ahead of the replicas', answering each
 * reservation `rtt` ms after it was asked (half each way), in simulated time.
 */
class FakeSchedule implements SlotReserver {
  nextFree = -Infinity;
  private readonly pending: Array<{ at: number; answer: () => void }> = [];

  constructor(private readonly clock: { now: number }, private readonly skew: number, private readonly rtt: () => number) {}

  reserve(_name: string, count: number, intervalMs: number): Promise<{ firstSlot: number; storeNow: number }> {
    const rtt = this.rtt();
    return new Promise((resolve) => {
      // The statement runs half-way through the round trip.
      this.pending.push({ at: this.clock.now + rtt / 2, answer: () => {
        const storeNow = this.clock.now + this.skew;
        const firstSlot = Math.max(this.nextFree, storeNow);
        this.nextFree = firstSlot + count * intervalMs;
        this.pending.push({ at: this.clock.now + rtt / 2, answer: () => resolve({ firstSlot, storeNow }) });
      } });
    });
  }

  async settle(): Promise<void> {
    for (let again = true; again;) {
      again = false;
      for (const item of [...this.pending]) {
        if (item.at > this.clock.now) continue;
        this.pending.splice(this.pending.indexOf(item), 1);
        item.answer();
        again = true;
      }
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
}

/** Two replicas' pacers taking every millisecond they are let, in simulated time; their grants on the schedule's clock. */
async function simulate(ms: number, rtt: () => number, stopFirstAt = Infinity): Promise<{ first: number[]; second: number[] }> {
  const clock = { now: 0 };
  const skew = 123_456.789;
  const schedule = new FakeSchedule(clock, skew, rtt);
  const fail = (error: unknown) => { throw error; };
  const pacers = [new Pacer(LIMITS, () => clock.now, sharedGate(schedule, fail)), new Pacer(LIMITS, () => clock.now, sharedGate(schedule, fail))];
  const grants: number[][] = [[], []];
  for (; clock.now < ms; clock.now += 1) {
    await schedule.settle();
    pacers.forEach((pacer, i) => {
      if (i === 0 && clock.now >= stopFirstAt) return;
      while (pacer.tryTake(`c${clock.now}`) === 0) grants[i].push(clock.now + skew);
    });
  }
  return { first: grants[0], second: grants[1] };
}

describe('the sending schedule replicas share', () => {
  it('keeps every second of both replicas\' sends within the limit, slots used on time, most of the rate used', async () => {
    const random = seededRandom(13);
    const { first, second } = await simulate(6000, () => 2 + random() * 6);
    const all = [...first, ...second].sort((a, b) => a - b);
    // Slots are 1000 / sharedPerSecond apart and used at most LATE_MS late: within the limit with the jitter margin to spare.
    expect(busiestSecond(all)).toBeLessThanOrEqual(Math.floor(sharedPerSecond(LIMITS) * (1 + LATE_MS / 1000)) + 1);
    expect(busiestSecond(all)).toBeLessThan(LIMITS.perSecond);
    expect(first.length).toBeGreaterThan(100);
    expect(second.length).toBeGreaterThan(100);
    expect(all.length / 6).toBeGreaterThanOrEqual(0.9 * LIMITS.perSecond);
  });

  it('gives one replica the whole rate once the other stops', async () => {
    const { second } = await simulate(6000, () => 4, 2000);
    expect(second.filter((at) => at > 123_456.789 + 3000).length / 3).toBeGreaterThanOrEqual(0.9 * LIMITS.perSecond);
  });

  it('drops slots that arrive later than they may be used: a slow database costs pace, never the limit', async () => {
    // Round trips of up to 80 ms, longer than the time a slot may be late.
    const random = seededRandom(14);
    const { first, second } = await simulate(5000, () => random() * 80);
    const all = [...first, ...second].sort((a, b) => a - b);
    expect(busiestSecond(all)).toBeLessThan(LIMITS.perSecond);
    expect(all.length).toBeGreaterThan(0);
  });
});
