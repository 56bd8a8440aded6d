import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import pg from 'pg';
import { TENANT, installationUpdate, personalConversationId } from '../support/activities.js';
import { FakeConnector } from '../support/fake-connector.js';
import { spawnTs } from '../support/spawn-ts.js';
import { STARTUP_MS, listeningPort } from '../support/bot-process.js';
import { describeWithPostgres } from '../support/postgres.js';
import { signIncident } from '../../src/http/incident-signature.js';

const SECRET = 'pg-incident-test-secret';
interface Running { child: ChildProcessWithoutNullStreams; url: string; dataDir: string }

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
  const running: Running[] = [];
  beforeAll(async () => { await connector.start(); });
  afterAll(async () => {
    for (const process of running) {
      if (process.child.exitCode === null && process.child.signalCode === null) {
        const exited = new Promise((resolve) => process.child.once('exit', resolve));
        process.child.kill('SIGTERM');
        await exited;
      }
      rmSync(process.dataDir, { recursive: true, force: true });
    }
    await connector.stop();
  });

  async function start(databaseUrl: string): Promise<Running> {
    const dataDir = mkdtempSync(join(tmpdir(), 'tugibot-pg-incidents-'));
    const child = spawnTs('src/main.ts', [], {
      ...process.env, NODE_ENV: 'development', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', ALLOWED_TENANTS: TENANT,
      STORE: 'postgres', DATABASE_URL: databaseUrl, CARD_SIGNING_SECRET: '',
      INCIDENT_WEBHOOK_SECRET: SECRET, NOTICE_AUTO_PUBLISH: 'STAR:major', BROADCAST_RATE_PER_SECOND: '8',
    });
    const started = { child, dataDir, url: '' };
    running.push(started);
    started.url = `http://127.0.0.1:${await listeningPort(child)}`;
    return started;
  }

  async function webhook(target: Running, payload: Record<string, unknown>): Promise<number> {
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
    await connector.waitFor(() => new Set(notices().map((call) => call.conversationId)).size === people.length, 15_000);
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
  }, 60_000 + 2 * STARTUP_MS);
});
