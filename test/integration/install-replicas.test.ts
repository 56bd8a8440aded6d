import { GraphDirectory } from '../../src/features/directory/index.js';
import { AppInstaller } from '../../src/features/incidents/app-installs.js';
import { sharedInstallGate } from '../../src/features/incidents/pacer.js';
import { silentLogger } from '../../src/shared/logger.js';
import { pgIncidentStores } from '../../src/storage/postgres/incident-stores.js';
import { migrate } from '../../src/storage/postgres/migrate.js';
import { PG_MIGRATIONS } from '../../src/storage/postgres/migrations/index.js';
import { PgConversationStore } from '../../src/storage/postgres/pg-conversation-store.js';
import { PgRateSlots } from '../../src/storage/postgres/pg-rate-slots.js';
import { openPool, type Pool } from '../../src/storage/postgres/pool.js';
import { FakeGraph, sentAtFetch } from '../support/fake-graph.js';
import { describeWithPostgres } from '../support/postgres.js';
import { busiestSecond } from '../support/busiest-second.js';

const CATALOG = 'c0ffee00-0000-4000-8000-00000000abcd';
const VIA = { serviceUrl: 'http://127.0.0.1:9/connector', tenantId: 'tenant', botId: '28:tugibot-test' };
const RATE = 8;
const person = (index: number) => ({ id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`, displayName: `Inimene ${index}` });

/**
 * GRAPH_INSTALL_RATE_PER_SECOND is the bot's pace towards Graph, not each replica's: two replicas
 * on one database installing for the same notice's audience reserve their calls from one schedule.
 */
describeWithPostgres('proactive installs from two replicas on one database', (server) => {
  const pools: Pool[] = [];
  let graph: FakeGraph;

  afterEach(async () => {
    await Promise.all(pools.splice(0).map((pool) => pool.end()));
    await graph.stop();
  });

  async function replica(url: string, shared: boolean): Promise<AppInstaller> {
    const pool = await openPool(url, 'test', silentLogger());
    pools.push(pool);
    await migrate(pool, PG_MIGRATIONS, silentLogger());
    const errors: unknown[] = [];
    return new AppInstaller({
      store: pgIncidentStores(pool).installs, graph: new GraphDirectory({ baseUrl: graph.url, tokens: { token: async () => 'token' }, fetch: sentAtFetch }),
      enabled: true, catalogAppId: CATALOG, graphRoot: 'https://graph.microsoft.com/v1.0', ratePerSecond: RATE,
      gate: shared ? sharedInstallGate(new PgRateSlots(pool), RATE, (error) => errors.push(error)) : undefined,
      conversations: new PgConversationStore(pool), logger: silentLogger(), reachable: () => undefined,
    });
  }

  async function installForAll(shared: boolean): Promise<{ busiest: number; figures: unknown }> {
    graph = new FakeGraph();
    await graph.start();
    const people = Array.from({ length: 24 }, (_, index) => person(index));
    graph.addUsers(...people);
    const url = await server().freshDatabase();
    const [first, second] = [await replica(url, shared), await replica(url, shared)];
    await first.request('RIKE-1', people.map((p) => p.id), VIA);
    first.start();
    second.start();
    const deadline = Date.now() + 60_000;
    while ((await first.figures('RIKE-1')).pending > 0) {
      if (Date.now() > deadline) throw new Error('the installs did not finish in 60 s');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await Promise.all([first.stop(), second.stop()]);
    return { busiest: busiestSecond(graph.calls.map((call) => call.at)), figures: await first.figures('RIKE-1') };
  }

  it('keeps the pair under the one rate and installs for everyone', async () => {
    const { busiest, figures } = await installForAll(true);
    expect(figures).toEqual({ installed: 24, already: 0, pending: 0, failed: 0, forbidden: 0 });
    // Evenly spaced slots: a second holds at most RATE + 1 of them, each used at most 25 ms late.
    expect(busiest).toBeLessThanOrEqual(RATE + 1);
  });

  it('shows why: with each replica on its own bucket the pair goes over the rate', async () => {
    const { busiest } = await installForAll(false);
    expect(busiest).toBeGreaterThan(RATE + 1);
  });
});
