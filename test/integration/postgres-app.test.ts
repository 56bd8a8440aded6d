import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/shared/logger.js';
import pg from 'pg';
import { KATI, personalMessage } from '../support/activities.js';
import { startBot, textOf, type Harness } from '../support/bot-harness.js';
import { describeWithPostgres } from '../support/postgres.js';

describeWithPostgres('the bot on PostgreSQL (STORE=postgres)', (server) => {
  const bots: Harness[] = [];
  afterEach(async () => { while (bots.length > 0) await bots.pop()?.close(); });

  it('starts two replicas on one database: migrated once, one card-signing secret for both, answering', async () => {
    const url = await server().freshDatabase();
    const env = { STORE: 'postgres', DATABASE_URL: url, CARD_SIGNING_SECRET: '' };
    bots.push(...await Promise.all([startBot(env), startBot(env)]));
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    try {
      expect((await db.query('SELECT count(*)::int AS n FROM schema_migrations')).rows[0].n).toBeGreaterThan(0);
      expect((await db.query("SELECT count(*)::int AS n FROM settings WHERE key = 'card-signing-secret'")).rows[0].n).toBe(1);
    } finally {
      await db.end();
    }
    for (const bot of bots) {
      const [reply] = await bot.ask(personalMessage(KATI, 'abi', { serviceUrl: bot.connector.url, locale: 'et-EE' }));
      expect(textOf(reply)).toMatch(/Mida ma oskan/);
    }
  });

  it('refuses to start when the database cannot be reached, naming it without the password', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tugibot-pg-app-'));
    const config = loadConfig({ DATA_DIR: dataDir, STORE: 'postgres', DATABASE_URL: `postgres://postgres:hunter2-pw@127.0.0.1:${server().port}/missing_db` });
    await expect(buildApp(config, { logger: silentLogger() })).rejects.toThrow(/Cannot connect to PostgreSQL at postgres:\/\/postgres:\*\*\*@127\.0\.0\.1:\d+\/missing_db/);
    rmSync(dataDir, { recursive: true, force: true });
  });
});
