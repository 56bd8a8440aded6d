import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signIncident } from '../../src/http/incident-signature.js';
import { ReplayGuard } from '../../src/http/replay-guard.js';
import { silentLogger } from '../../src/shared/logger.js';
import { migrate } from '../../src/storage/postgres/migrate.js';
import { PG_MIGRATIONS } from '../../src/storage/postgres/migrations/index.js';
import { PgSeenSignatures } from '../../src/storage/postgres/pg-small-stores.js';
import { openPool, type Pool } from '../../src/storage/postgres/pool.js';
import { startBot, type Harness } from '../support/bot-harness.js';
import { FakeConnector } from '../support/fake-connector.js';
import { describeWithPostgres } from '../support/postgres.js';

const SECRET = 'replay-webhook-secret-0000';

async function send(bot: Harness, raw: string, timestamp: number, key: string): Promise<number> {
  const headers = {
    'content-type': 'application/json', 'idempotency-key': key,
    'x-tugibot-timestamp': String(timestamp), 'x-tugibot-signature': signIncident(SECRET, String(timestamp), raw),
  };
  return (await fetch(`${bot.url}/api/incidents`, { method: 'POST', headers, body: raw })).status;
}

describeWithPostgres('a signed incident call sent to two replicas at once', (server) => {
  const bots: Harness[] = [];
  const pools: Pool[] = [];
  afterEach(async () => {
    while (bots.length > 0) await bots.pop()?.close();
    while (pools.length > 0) await pools.pop()?.end();
  });

  it('is accepted by one replica; the other answers 409', async () => {
    const url = await server().freshDatabase();
    const connector = new FakeConnector();
    await connector.start();
    for (let i = 0; i < 2; i += 1) {
      bots.push(await startBot({ STORE: 'postgres', DATABASE_URL: url, INCIDENT_WEBHOOK_SECRET: SECRET }, {}, { dataDir: mkdtempSync(join(tmpdir(), 'tugibot-replay-')), connector }));
    }
    const now = Math.floor(Date.now() / 1000);
    for (let n = 0; n < 5; n += 1) {
      const raw = JSON.stringify({ systems: ['SKAIS'], severity: 'minor', status: 'investigating', title: `Aeglane ${n}`, description: 'SKAIS on aeglane.' });
      // The same signed request, with the key an attacker would change, to both replicas at once.
      const statuses = await Promise.all([send(bots[0], raw, now - n, `first-${n}`), send(bots[1], raw, now - n, `second-${n}`)]);
      expect(statuses.sort()).toEqual([201, 409]);
    }
    await connector.stop();
  }, 30_000);

  it('lets a claim whose replica died lapse, and a released one be taken again', async () => {
    const url = await server().freshDatabase();
    pools.push(await openPool(url, 'test database', silentLogger()), await openPool(url, 'test database', silentLogger()));
    await migrate(pools[0], PG_MIGRATIONS, silentLogger());
    const [first, second] = pools.map((pool) => new ReplayGuard(new PgSeenSignatures(pool)));
    const taken = await first.claim('sha256=aa', 'k', 1000, 1000);
    expect(taken.ok).toBe(true);
    // The first replica dies here: its claim holds for a minute, then the very same call may pass.
    expect(await second.claim('sha256=aa', 'k', 1000, 1030)).toMatchObject({ ok: false, refusal: { status: 409 } });
    const after = await second.claim('sha256=aa', 'k', 1000, 1061);
    expect(after.ok).toBe(true);
    if (after.ok) await after.release();
    // The first replica, restarted.
    const restarted = new ReplayGuard(new PgSeenSignatures(pools[0]));
    const again = await restarted.claim('sha256=aa', 'k', 1000, 1062);
    expect(again.ok).toBe(true);
    if (again.ok) await again.commit();
    expect(await second.claim('SHA256=AA', 'other', 1000, 1063)).toMatchObject({ ok: false, refusal: { status: 409 } });
    expect((await second.claim('sha256=aa', 'k', 1000, 1063)).ok).toBe(true);
  });
});
