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

const SECRET = 'pg-broadcast-replicas-secret';
const PEOPLE = 300;
interface Replica { child: ChildProcessWithoutNullStreams; url: string; dataDir: string }

/**
 * Issue 13, item 3: two real bot processes on one database deliver one broadcast; one is killed
 * with SIGKILL half-way. The other finishes its work: nobody is left out, and nobody gets the
 * notice twice beyond the calls that were in flight when the process died (entries it had
 * claimed, `sending`, whose lease the survivor waits out before trying them again).
 */
describeWithPostgres('one broadcast, two replicas, one killed half-way', (server) => {
  const connector = new FakeConnector();
  const replicas: Replica[] = [];
  let databaseUrl = '';

  async function start(): Promise<Replica> {
    const dataDir = mkdtempSync(join(tmpdir(), 'tugibot-broadcast-replica-'));
    const child = spawnTs('src/main.ts', [], {
      ...process.env, NODE_ENV: 'development', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', ALLOWED_TENANTS: TENANT,
      STORE: 'postgres', DATABASE_URL: databaseUrl, CARD_SIGNING_SECRET: '',
      INCIDENT_WEBHOOK_SECRET: SECRET, NOTICE_AUTO_PUBLISH: 'STAR:major', BROADCAST_RATE_PER_SECOND: '25',
    });
    const replica = { child, dataDir, url: '' };
    replicas.push(replica);
    replica.url = `http://127.0.0.1:${await listeningPort(child)}`;
    return replica;
  }

  beforeAll(async () => {
    await connector.start();
    // Each call takes a while, as at Teams: calls are really in flight when a replica dies.
    connector.answerAfter(40, 160);
    databaseUrl = await server().freshDatabase();
    await Promise.all([start(), start()]);
  }, 2 * STARTUP_MS);

  afterAll(async () => {
    for (const replica of replicas) {
      if (replica.child.exitCode === null && replica.child.signalCode === null) {
        const exited = new Promise((resolve) => replica.child.once('exit', resolve));
        replica.child.kill('SIGTERM');
        await exited;
      }
      rmSync(replica.dataDir, { recursive: true, force: true });
    }
    await connector.stop();
  });

  it(`delivers to ${PEOPLE} people: none lost, duplicates no more than the calls in flight at the kill`, async () => {
    const people = Array.from({ length: PEOPLE }, (_, index) => ({ aadObjectId: randomUUID(), name: `Inimene ${index}` }));
    // Each person first talks to one replica or the other: their chats are in the database, not in a replica.
    for (let start = 0; start < people.length; start += 30) {
      await Promise.all(people.slice(start, start + 30).map((person, offset) => fetch(`${replicas[(start + offset) % 2].url}/api/messages`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(installationUpdate(person, { serviceUrl: connector.url })),
      })));
    }
    const notices = () => connector.sends().filter((call) => JSON.stringify(call.body).includes('RIKE-'));
    const body = JSON.stringify({ ref: 'star-down', systems: ['STAR'], severity: 'major', status: 'investigating', title: 'STAR ei tööta', description: 'Uurime.' });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const answer = await fetch(`${replicas[0].url}/api/incidents`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'x-tugibot-timestamp': timestamp, 'x-tugibot-signature': signIncident(SECRET, timestamp, body) }, body,
    });
    expect(answer.status).toBe(201);

    const db = new pg.Client({ connectionString: databaseUrl });
    await db.connect();
    let inFlight: number;
    try {
      // Both replicas work on the one broadcast: entries claimed by two owners at the same moment.
      const owners = async () => (await db.query<{ n: number }>("SELECT count(DISTINCT data->>'leaseOwner')::int AS n FROM deliveries WHERE state = 'sending'")).rows[0].n;
      await connector.waitFor(async () => (await owners()) === 2, 30_000);
      await connector.waitFor(() => notices().length >= PEOPLE / 2, 60_000);
      replicas[0].child.kill('SIGKILL');
      await new Promise((resolve) => replicas[0].child.once('exit', resolve));
      // What the dead replica may have called without writing the answer is among the entries still `sending`.
      inFlight = (await db.query<{ n: number }>("SELECT count(*)::int AS n FROM deliveries WHERE state = 'sending'")).rows[0].n;
    } finally {
      await db.end();
    }
    const atKill = new Set(notices().map((call) => call.conversationId)).size;
    const killedAt = Date.now();

    await connector.waitFor(() => new Set(notices().map((call) => call.conversationId)).size === PEOPLE, 90_000);
    const perPerson = people.map((person) => notices().filter((call) => call.conversationId === personalConversationId(person)).length);
    expect(perPerson.filter((count) => count === 0)).toHaveLength(0);
    const duplicates = perPerson.reduce((sum, count) => sum + count - 1, 0);
    console.info(`broadcast-replicas: ${atKill}/${PEOPLE} reached at the kill, ${inFlight} entries sending then, `
      + `${PEOPLE - atKill} reached by the survivor in ${((Date.now() - killedAt) / 1000).toFixed(1)} s (30 s leases), 0 lost, ${duplicates} duplicates`);
    expect(duplicates).toBeLessThanOrEqual(inFlight);
  }, 180_000);
});
