import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { TENANT, installationUpdate, personalConversationId } from '../support/activities.js';
import { FakeConnector } from '../support/fake-connector.js';
import { STARTUP_MS } from '../support/bot-process.js';
import { startReplica, stopReplica, type BotReplica } from '../support/bot-replica.js';
import { describeWithPostgres } from '../support/postgres.js';
import { signIncident } from '../../src/http/incident-signature.js';

const SECRET = 'pg-incident-test-secret';

async function query<R extends pg.QueryResultRow>(url: string, sql: string): Promise<R[]> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    return (await db.query<R>(sql)).rows;
  } finally {
    await db.end();
  }
}

/**
 * The notices of issue 12 on PostgreSQL (issue 13): a real bot process publishes a notice and
 * delivers it through the fake Bot Connector, is killed mid-way, and a process with an EMPTY data
 * folder on the same database finishes the broadcast and later edits the messages the first one
 * sent: incidents, audiences and the outbox live in the database, not in a replica's folder.
 */
describeWithPostgres('incidents on PostgreSQL (STORE=postgres)', (server) => {
  const connector = new FakeConnector();
  const running: BotReplica[] = [];
  beforeAll(async () => { await connector.start(); });
  afterAll(async () => {
    for (const replica of running) await stopReplica(replica);
    await connector.stop();
  });

  async function start(databaseUrl: string): Promise<BotReplica> {
    const started = await startReplica({
      ALLOWED_TENANTS: TENANT, STORE: 'postgres', DATABASE_URL: databaseUrl, CARD_SIGNING_SECRET: '',
      INCIDENT_WEBHOOK_SECRET: SECRET, NOTICE_AUTO_PUBLISH: 'STAR:major', BROADCAST_RATE_PER_SECOND: '8',
    }, 'tugibot-pg-incidents-');
    running.push(started);
    return started;
  }

  async function webhook(target: BotReplica, payload: Record<string, unknown>): Promise<number> {
    const body = JSON.stringify(payload);
    const timestamp = String(Math.floor(Date.now() / 1000));
    const answer = await fetch(`${target.url}/api/incidents`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-tugibot-timestamp': timestamp, 'x-tugibot-signature': signIncident(SECRET, timestamp, body) }, body,
    });
    return answer.status;
  }

  it('publishes and delivers a notice; killed mid-way, a replica with an empty data folder finishes it once per person and edits what the first sent', async () => {
    const databaseUrl = await server().freshDatabase();
    const people = Array.from({ length: 16 }, (_, index) => ({ aadObjectId: randomUUID(), name: `Inimene ${index}` }));
    const notices = () => connector.sends().filter((call) => JSON.stringify(call.body).includes('RIKE-'));
    const first = await start(databaseUrl);
    for (const person of people) {
      await fetch(`${first.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(installationUpdate(person, { serviceUrl: connector.url })) });
    }
    const notice = { ref: 'star-save', systems: ['STAR'], severity: 'major', title: 'STAR ei salvesta', description: 'Uurime.' };
    expect(await webhook(first, { ...notice, status: 'investigating' })).toBe(201);

    await connector.waitFor(() => notices().length >= 5, 10_000);
    // Between two paced sends (about 125 ms apart), not inside one: see bench/README-broadcast.md.
    await new Promise((resolve) => setTimeout(resolve, 40));
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));
    const sentByFirst = new Set(notices().map((call) => call.conversationId));
    expect(sentByFirst.size).toBeLessThan(people.length);

    const second = await start(databaseUrl);
    // What the killed process had claimed (the calls waiting for the pacer) is taken over when its 30 s lease ends.
    await connector.waitFor(() => new Set(notices().map((call) => call.conversationId)).size === people.length, 60_000);
    for (const person of people) expect(notices().filter((call) => call.conversationId === personalConversationId(person))).toHaveLength(1);
    const [counts] = await query<{ incidents: number; entries: number; delivered: number }>(databaseUrl,
      'SELECT (SELECT count(*)::int FROM incidents) AS incidents, (SELECT count(*)::int FROM deliveries) AS entries, (SELECT count(*)::int FROM deliveries WHERE delivered_version = 1) AS delivered');
    expect(counts).toEqual({ incidents: 1, entries: people.length, delivered: people.length });

    // The resolution edits every message in place, also those the killed process sent: their ids came from the database.
    const updatesBefore = connector.ofKind('update').length;
    expect(await webhook(second, { ...notice, status: 'resolved' })).toBe(200);
    await connector.waitFor(() => connector.ofKind('update').length - updatesBefore >= people.length, 15_000);
    const edited = new Set(connector.ofKind('update').slice(updatesBefore).map((call) => call.conversationId));
    for (const conversationId of sentByFirst) expect(edited.has(conversationId)).toBe(true);
    expect(notices()).toHaveLength(people.length);
  }, 120_000 + 2 * STARTUP_MS);
});
