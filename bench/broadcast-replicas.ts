// Issue 13's broadcast figure: two real bot processes (src/main.ts, STORE=postgres) on one
// throw-away PostgreSQL, one fake Bot Connector in its own process holding Teams' limits, a
// notice to every person, and one replica killed with SIGKILL part-way. The survivor finishes the
// dead one's work (its in-flight entries once their lease runs out). Prints the rate for the pair
// against the limit, the peak 1-second window, the connector's limit violations, duplicates and losses.
// Run: npx tsx bench/broadcast-replicas.ts [--people 10000] [--rate 50] [--fail 0] [--kill-at 0.5] [--replicas 2] [--latency-min 0 --latency-max 0]
// --kill-at 0 kills nobody. Needs PostgreSQL binaries (as the tests: TUGIBOT_PG_BIN or Debian's).
import { fork, type ChildProcess, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signIncident } from '../src/http/incident-signature.js';
import { silentLogger } from '../src/shared/logger.js';
import { openPool } from '../src/storage/postgres/pool.js';
import { migrate } from '../src/storage/postgres/migrate.js';
import { PG_MIGRATIONS } from '../src/storage/postgres/migrations/index.js';
import { PgConversationStore } from '../src/storage/postgres/pg-conversation-store.js';
import { listeningPort } from '../test/support/bot-process.js';
import { startPostgres } from '../test/support/postgres.js';
import { spawnTs } from '../test/support/spawn-ts.js';
import { argument } from './argument.js';
import { busiestSecond } from '../test/support/busiest-second.js';

interface ConnectorCall { conversationId: string; at: number; status: number }
interface Replica { child: ChildProcessWithoutNullStreams; url: string; dataDir: string; killedAt?: number }

const PEOPLE = argument('people', 10_000);
const RATE = argument('rate', 50);
const FAIL = argument('fail', 0);
const KILL_AT = argument('kill-at', 0.5);
const REPLICAS = argument('replicas', 2);
const LATENCY_MIN = argument('latency-min', 0);
const LATENCY_MAX = argument('latency-max', LATENCY_MIN);
const SECRET = 'bench-secret';

function startConnector(): Promise<{ url: string; child: ChildProcess; ask<T>(question: string): Promise<T> }> {
  const child = fork(new URL('./connector-process.ts', import.meta.url).pathname, [String(RATE), String(FAIL), String(LATENCY_MIN), String(LATENCY_MAX)], { execArgv: ['--import', 'tsx'] });
  const next = <T>() => new Promise<T>((resolve) => child.once('message', (message) => resolve(message as T)));
  return next<{ url: string }>().then(({ url }) => ({
    url,
    child,
    ask<T>(question: string): Promise<T> {
      const answer = next<T>();
      child.send({ ask: question });
      return answer;
    },
  }));
}

/** The people's personal chats, saved through the PostgreSQL store the replicas read (50 at a time). */
async function seedConversations(databaseUrl: string, serviceUrl: string): Promise<void> {
  const pool = await openPool(databaseUrl, 'bench', silentLogger());
  try {
    await migrate(pool, PG_MIGRATIONS, silentLogger());
    const store = new PgConversationStore(pool);
    for (let start = 0; start < PEOPLE; start += 50) {
      await Promise.all(Array.from({ length: Math.min(50, PEOPLE - start) }, (_, offset) => {
        const index = start + offset;
        const aad = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
        return store.save({ channel: 'msteams', serviceUrl, tenantId: 'bench', conversationId: `a:bench-${index}`, kind: 'personal', bot: { id: '28:bench' }, user: { teamsId: `29:${aad}`, aadObjectId: aad } });
      }));
    }
  } finally {
    await pool.end();
  }
}

async function startReplica(databaseUrl: string): Promise<Replica> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tugibot-bench-replica-'));
  const child = spawnTs('src/main.ts', [], {
    ...process.env, NODE_ENV: 'development', PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info',
    STORE: 'postgres', DATABASE_URL: databaseUrl, INCIDENT_WEBHOOK_SECRET: SECRET, NOTICE_AUTO_PUBLISH: 'SKAIS:critical',
    BROADCAST_RATE_PER_SECOND: String(RATE), CARD_SIGNING_SECRET: 'bench-secret-bench-secret-bench',
  });
  child.stdout.resume();
  child.stderr.resume();
  return { child, dataDir, url: `http://127.0.0.1:${await listeningPort(child)}` };
}

/** Requests per second between two times, over the limit. */
function rateBetween(times: number[], from: number, to: number): string {
  const inside = times.filter((at) => at >= from && at <= to);
  return inside.length > 1 ? (inside.length / ((inside[inside.length - 1] - inside[0]) / 1000) / RATE).toFixed(3) : '-';
}

async function main(): Promise<void> {
  const server = await startPostgres();
  const connector = await startConnector();
  const replicas: Replica[] = [];
  try {
    const databaseUrl = await server.freshDatabase();
    await seedConversations(databaseUrl, connector.url);
    for (let index = 0; index < REPLICAS; index += 1) replicas.push(await startReplica(databaseUrl));

    const body = JSON.stringify({ ref: 'bench', systems: ['SKAIS'], severity: 'critical', status: 'investigating', title: 'SKAIS ei avane', description: 'Koormustest kahe koopiaga.' });
    const timestamp = String(Math.floor(Date.now() / 1000));
    const started = Date.now();
    const answer = await fetch(`${replicas[0].url}/api/incidents`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tugibot-timestamp': timestamp, 'x-tugibot-signature': signIncident(SECRET, timestamp, body) }, body });
    if (answer.status !== 201) throw new Error(`The incident was not accepted: ${answer.status} ${await answer.text()}`);

    let killed: { at: number; delivered: number } | undefined;
    const deadline = Date.now() + 20 * 60_000;
    for (;;) {
      const { delivered } = await connector.ask<{ delivered: number }>('delivered');
      if (delivered >= PEOPLE) break;
      if (KILL_AT > 0 && !killed && delivered >= KILL_AT * PEOPLE) {
        // The replica that took the incident in: it certainly has work in flight.
        replicas[0].child.kill('SIGKILL');
        killed = { at: Date.now(), delivered };
      }
      if (Date.now() > deadline) throw new Error(`The broadcast did not finish in 20 minutes (${delivered} of ${PEOPLE}).`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const finished = Date.now();
    const { calls, violations } = await connector.ask<{ calls: ConnectorCall[]; violations: number }>('calls');
    const times = calls.map((call) => call.at).sort((a, b) => a - b);
    const seconds = (times[times.length - 1] - times[0]) / 1000;
    const perConversation = new Map<string, number>();
    for (const call of calls.filter((item) => item.status < 300)) perConversation.set(call.conversationId, (perConversation.get(call.conversationId) ?? 0) + 1);
    const low = Math.floor(times.length * 0.1);
    const high = Math.floor(times.length * 0.9);
    const rows: Array<[string, string]> = [
      ['replicas on one database', String(REPLICAS)],
      ['conversations', String(PEOPLE)],
      ['configured limit for the bot (requests/s)', String(RATE)],
      ['connector latency (ms)', LATENCY_MAX > 0 ? `${LATENCY_MIN}-${LATENCY_MAX}` : '0'],
      ['injected 429 without Retry-After', `${(FAIL * 100).toFixed(1)} % of sends`],
      ['requests seen by the connector', String(calls.length)],
      ['first to last request (s)', seconds.toFixed(2)],
      ['achieved rate / limit (pair)', (calls.length / seconds / RATE).toFixed(3)],
      ['steady rate / limit (10th-90th percentile of requests)', ((high - low) / ((times[high] - times[low]) / 1000) / RATE).toFixed(3)],
      ['peak requests in any 1 s window', String(busiestSecond(times))],
      ['limit violations (connector)', String(violations)],
      ['conversations sent to more than once', String([...perConversation.values()].filter((count) => count > 1).length)],
      ['extra sends in all', String([...perConversation.values()].reduce((sum, count) => sum + count - 1, 0))],
      ['losses', String(PEOPLE - perConversation.size)],
      ['incident accepted to last delivery (s)', ((finished - started) / 1000).toFixed(2)],
    ];
    if (killed) {
      rows.push(
        ['SIGKILL: delivered when one replica was killed', String(killed.delivered)],
        ['rate / limit before the kill', rateBetween(times, times[0], killed.at)],
        ['rate / limit after the kill (survivor alone)', rateBetween(times, killed.at, times[times.length - 1])],
      );
    }
    const width = Math.max(...rows.map(([name]) => name.length));
    process.stdout.write(`| ${'measure'.padEnd(width)} | value |\n|${'-'.repeat(width + 2)}|-------|\n`);
    for (const [name, value] of rows) process.stdout.write(`| ${name.padEnd(width)} | ${value} |\n`);
  } finally {
    for (const replica of replicas) {
      replica.child.kill('SIGKILL');
      rmSync(replica.dataDir, { recursive: true, force: true });
    }
    connector.child.send({ ask: 'stop' });
    await server.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
