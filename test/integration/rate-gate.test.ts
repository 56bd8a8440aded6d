import { silentLogger } from '../../src/shared/logger.js';
import { Pacer, sharedGate, type PacerLimits } from '../../src/features/incidents/pacer.js';
import { migrate } from '../../src/storage/postgres/migrate.js';
import { PG_MIGRATIONS } from '../../src/storage/postgres/migrations/index.js';
import { PgRateSlots } from '../../src/storage/postgres/pg-rate-slots.js';
import { openPool, type Pool } from '../../src/storage/postgres/pool.js';
import { describeWithPostgres } from '../support/postgres.js';
import { busiestSecond } from '../support/busiest-second.js';

const LIMITS: PacerLimits = { perSecond: 50, perConversation: 1000 };
const WORKERS = 6;

/** A replica's pacer on its own pool, taking as fast as it is let: each grant's time, read when the pacer said yes. */
function hammer(pool: Pool, grants: number[], stopped: () => boolean): Promise<void> {
  const errors: unknown[] = [];
  const pacer = new Pacer(LIMITS, () => performance.now(), sharedGate(new PgRateSlots(pool), (error) => errors.push(error)));
  let n = 0;
  const worker = async () => {
    while (!stopped()) {
      n += 1;
      const wait = pacer.tryTake(`conversation-${n % 500}`);
      // tryTake read the clock; the grant is counted at a clock read no earlier than that.
      if (wait === 0) grants.push(performance.now());
      else await new Promise((resolve) => setTimeout(resolve, wait));
    }
  };
  return Promise.all(Array.from({ length: WORKERS }, worker)).then(() => {
    if (errors.length > 0) throw errors[0];
  });
}

describeWithPostgres('the sending rate shared by replicas', (server) => {
  const pools: Pool[] = [];
  afterEach(async () => { while (pools.length > 0) await pools.pop()?.end(); });

  async function twoReplicas(): Promise<[Pool, Pool]> {
    const url = await server().freshDatabase();
    for (let i = 0; i < 2; i += 1) pools.push(await openPool(url, 'test database', silentLogger(), { max: 2 }));
    await migrate(pools[0], PG_MIGRATIONS, silentLogger());
    return [pools[0], pools[1]];
  }

  it('two replicas taking as fast as they can never pass the limit together in any second; alone, one gets more than half', async () => {
    const [first, second] = await twoReplicas();
    const a: number[] = [];
    const b: number[] = [];
    const started = performance.now();
    let firstStops = Infinity;
    const both = [hammer(first, a, () => performance.now() > firstStops), hammer(second, b, () => performance.now() - started > 4000)];
    await new Promise((resolve) => setTimeout(resolve, 2500));
    firstStops = performance.now();
    await Promise.all(both);
    const all = [...a, ...b].sort((x, y) => x - y);
    expect(busiestSecond(all)).toBeLessThanOrEqual(LIMITS.perSecond);
    // Both were sending while both ran (neither starved).
    expect(a.length).toBeGreaterThan(0);
    expect(b.filter((at) => at < firstStops).length).toBeGreaterThan(0);
    // After the first stopped, the second got more than the half it had: the freed rate is not lost.
    const alone = b.filter((at) => at > firstStops + 200);
    const aloneSeconds = (started + 4000 - (firstStops + 200)) / 1000;
    expect(alone.length / aloneSeconds).toBeGreaterThan(LIMITS.perSecond / 2);
  }, 20_000);

  it('keeps the ceiling when the gate row is contended by many reservations at once', async () => {
    const [first, second] = await twoReplicas();
    const slots = [new PgRateSlots(first), new PgRateSlots(second)];
    // 40 reservations of 3 slots, at once, from both pools: no two reservations overlap.
    const spans = await Promise.all(Array.from({ length: 40 }, (_, i) => slots[i % 2].reserve('teams', 3, 20)));
    const starts = spans.map((span) => span.firstSlot).sort((x, y) => x - y);
    for (let i = 1; i < starts.length; i += 1) expect(starts[i] - starts[i - 1]).toBeGreaterThanOrEqual(60 - 0.01);
  });
});
