// Two replicas pacing against one PostgreSQL (the shared sending schedule, issue 13): each on its
// own pool, several workers taking slots as fast as they are let, for --seconds; then the first
// stops and the second runs alone as long again. Prints the pair's share of the limit, the busiest
// 1-second window (must stay <= the limit), the lone replica's share, and the database round trips
// per second per replica. Both replicas run in this process (one clock, so windows are exact).
// Needs PostgreSQL (Debian's package, or TUGIBOT_PG_BIN); DATABASE_URL uses that database instead.
// Run: npx tsx bench/rate-gate.ts [--rate 50] [--seconds 10] [--workers 8]
import { Pacer, sharedGate } from '../src/features/incidents/pacer.js';
import type { SlotReserver } from '../src/features/incidents/index.js';
import { silentLogger } from '../src/shared/logger.js';
import { migrate } from '../src/storage/postgres/migrate.js';
import { PG_MIGRATIONS } from '../src/storage/postgres/migrations/index.js';
import { PgRateSlots } from '../src/storage/postgres/pg-rate-slots.js';
import { openPool } from '../src/storage/postgres/pool.js';
import { startPostgres } from '../test/support/postgres.js';
import { argument } from './argument.js';
import { busiestSecond } from '../test/support/busiest-second.js';

const RATE = argument('rate', 50);
const SECONDS = argument('seconds', 10);
const WORKERS = argument('workers', 8);

interface Replica { grants: number[]; reservations: number; stopAt: number }

async function run(replica: Replica, slots: SlotReserver): Promise<void> {
  const counted: SlotReserver = { reserve: (...args) => { replica.reservations += 1; return slots.reserve(...args); } };
  const pacer = new Pacer({ perSecond: RATE, perConversation: 1000 }, () => performance.now(), sharedGate(counted, (error) => { throw error; }));
  let n = 0;
  await Promise.all(Array.from({ length: WORKERS }, async () => {
    while (performance.now() < replica.stopAt) {
      n += 1;
      const wait = pacer.tryTake(`c${n % 1000}`);
      if (wait === 0) replica.grants.push(performance.now());
      else await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }));
}

const server = process.env.DATABASE_URL ? undefined : await startPostgres();
const url = process.env.DATABASE_URL ?? await server!.freshDatabase();
const pools = [await openPool(url, 'bench database', silentLogger()), await openPool(url, 'bench database', silentLogger())];
await migrate(pools[0], PG_MIGRATIONS, silentLogger());
await pools[0].query('DELETE FROM rate_gates');
const start = performance.now();
const half = start + SECONDS * 1000;
const replicas: Replica[] = [{ grants: [], reservations: 0, stopAt: half }, { grants: [], reservations: 0, stopAt: half + SECONDS * 1000 }];
await Promise.all(replicas.map((replica, i) => run(replica, new PgRateSlots(pools[i]))));
await Promise.all(pools.map((pool) => pool.end()));
await server?.stop();

// The first second of each phase is start-up (the first reservations), left out of the rates.
const within = (from: number, to: number) => (at: number) => at >= from && at < to;
const pair = [...replicas[0].grants, ...replicas[1].grants].filter(within(start + 1000, half)).length / (SECONDS - 1);
const alone = replicas[1].grants.filter(within(half + 1000, half + SECONDS * 1000)).length / (SECONDS - 1);
const all = [...replicas[0].grants, ...replicas[1].grants].sort((a, b) => a - b);
console.log(`limit ${RATE}/s, ${WORKERS} workers per replica, ${SECONDS} s together then ${SECONDS} s alone`);
console.log(`pair:  ${pair.toFixed(1)}/s = ${(pair / RATE).toFixed(3)} of the limit (first ${replicas[0].grants.filter(within(start + 1000, half)).length}, second ${replicas[1].grants.filter(within(start + 1000, half)).length})`);
console.log(`alone: ${alone.toFixed(1)}/s = ${(alone / RATE).toFixed(3)} of the limit`);
console.log(`busiest 1-second window: ${busiestSecond(all)} (limit ${RATE})`);
console.log(`reservations per second per replica: first ${(replicas[0].reservations / SECONDS).toFixed(1)}, second ${(replicas[1].reservations / (2 * SECONDS)).toFixed(1)}`);
