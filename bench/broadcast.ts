// A broadcast to many personal chats against the fake Bot Connector, with Teams' limits scaled
// and a share of sends answered 429 without Retry-After. Measures the achieved request rate
// against the configured limit, duplicates and losses.
// Run: npx tsx bench/broadcast.ts [--people 10000] [--rate 500] [--fail 0.05] [--latency-min 0 --latency-max 0] [--seconds 0] [--restart-at 0]
// With --restart-at F (0 < F < 1) the app is closed once F of the people have the notice and built
// again on the same data folder, as a deploy in the middle of a broadcast would (a SIGKILL is
// test/integration/incidents-kill.test.ts): the figures then include the restart.
// Personal notices carry the "Sain aru" button (the seeded chats name their person).
// With --seconds N the run stops after N seconds of sending and reports the rate so far (a
// 90,000-person broadcast at 50/s takes half an hour; its steady rate shows in two minutes).
// The connector runs in its own process (bench/connector-process.ts), as Teams' would.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/shared/logger.js';
import { signIncident } from '../src/http/incident-signature.js';
import { fork, type ChildProcess } from 'node:child_process';
import { argument } from './argument.js';
import { busiestSecond } from '../test/support/busiest-second.js';

interface ConnectorCall { conversationId: string; at: number; status: number }

/** Starts the connector process and returns a way to ask it things. */
async function startConnector(): Promise<{ url: string; ask<T>(question: string): Promise<T>; child: ChildProcess }> {
  const child = fork(new URL('./connector-process.ts', import.meta.url).pathname, [String(RATE), String(FAIL), String(LATENCY_MIN), String(LATENCY_MAX)], { execArgv: ['--import', 'tsx'] });
  const next = <T>() => new Promise<T>((resolve) => child.once('message', (message) => resolve(message as T)));
  const { url } = await next<{ url: string }>();
  return {
    url,
    child,
    async ask<T>(question: string): Promise<T> {
      const answer = next<T>();
      child.send({ ask: question });
      return answer;
    },
  };
}

const PEOPLE = argument('people', 10_000);
const RATE = argument('rate', 500);
const FAIL = argument('fail', 0.05);
const LATENCY_MIN = argument('latency-min', 0);
const LATENCY_MAX = argument('latency-max', LATENCY_MIN);
const SECONDS = argument('seconds', 0);
const RESTART_AT = argument('restart-at', 0);
const SECRET = 'bench-secret';

/** Writes the conversation store's file directly: saving 10,000 addresses one by one would dominate the run. */
function seedConversations(dataDir: string, serviceUrl: string): void {
  const conversations: Record<string, unknown> = {};
  for (let index = 0; index < PEOPLE; index += 1) {
    const id = `a:bench-${index}`;
    const aad = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
    conversations[id] = { address: { channel: 'msteams', serviceUrl, tenantId: 'bench', conversationId: id, kind: 'personal', bot: { id: '28:bench' }, user: { teamsId: `29:${aad}`, aadObjectId: aad } }, updatedAt: new Date().toISOString() };
  }
  writeFileSync(join(dataDir, 'conversations.json'), JSON.stringify({ conversations }));
}

/** The rate between the 10th and the 90th percentile request, i.e. without the ramp and the retry tail, over the limit. */
function steadyRate(calls: ConnectorCall[]): number {
  const times = calls.map((call) => call.at).sort((a, b) => a - b);
  const low = Math.floor(times.length * 0.1);
  const high = Math.floor(times.length * 0.9);
  return (high - low) / ((times[high] - times[low]) / 1000) / RATE;
}

async function main(): Promise<void> {
  const connector = await startConnector();
  const dataDir = mkdtempSync(join(tmpdir(), 'tugibot-bench-'));
  seedConversations(dataDir, connector.url);
  // Monitoring's notices are drafts for the desk; this rule publishes the bench's critical SKAIS alert at once (template text).
  const config = loadConfig({ DATA_DIR: dataDir, LOG_LEVEL: 'silent', INCIDENT_WEBHOOK_SECRET: SECRET, NOTICE_AUTO_PUBLISH: 'SKAIS:critical', BROADCAST_RATE_PER_SECOND: String(RATE), CARD_SIGNING_SECRET: 'bench-secret-bench-secret-bench' });
  const start = async () => {
    const built = await buildApp(config, { logger: silentLogger() });
    await new Promise<void>((resolve) => built.server.listen(0, '127.0.0.1', resolve));
    return built;
  };
  let app = await start();
  const url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  let restart: { at: number; deliveredBefore: number; downMs: number } | undefined;

  const body = JSON.stringify({ ref: 'bench', systems: ['SKAIS'], severity: 'critical', status: 'investigating', title: 'SKAIS ei avane', description: 'Koormustest.' });
  const timestamp = String(Math.floor(Date.now() / 1000));
  const started = Date.now();
  const answer = await fetch(`${url}/api/incidents`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-tugibot-timestamp': timestamp, 'x-tugibot-signature': signIncident(SECRET, timestamp, body) }, body });
  if (answer.status !== 201) throw new Error(`The incident was not accepted: ${answer.status} ${await answer.text()}`);

  const deadline = Date.now() + (SECONDS > 0 ? SECONDS * 1000 : 10 * 60_000);
  for (;;) {
    const { delivered } = await connector.ask<{ delivered: number }>('delivered');
    if (delivered >= PEOPLE) break;
    if (RESTART_AT > 0 && !restart && delivered >= RESTART_AT * PEOPLE) {
      const at = Date.now();
      await new Promise<void>((resolve) => app.server.close(() => resolve()));
      await app.close();
      app = await start();
      restart = { at, deliveredBefore: delivered, downMs: Date.now() - at };
    }
    if (Date.now() > deadline && SECONDS > 0) break;
    if (Date.now() > deadline) throw new Error('The broadcast did not finish in 10 minutes.');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const finished = Date.now();
  const { calls, violations } = await connector.ask<{ calls: ConnectorCall[]; violations: number }>('calls');
  const seconds = (calls[calls.length - 1].at - calls[0].at) / 1000;
  const perConversation = new Map<string, number>();
  for (const call of calls.filter((item) => item.status < 300)) perConversation.set(call.conversationId, (perConversation.get(call.conversationId) ?? 0) + 1);
  const duplicates = [...perConversation.values()].filter((count) => count > 1).length;
  const losses = PEOPLE - perConversation.size;

  const rows: Array<[string, string]> = [
    ['conversations', String(PEOPLE)],
    ['connector latency (ms)', LATENCY_MAX > 0 ? `${LATENCY_MIN}-${LATENCY_MAX}` : '0'],
    ['configured limit (requests/s)', String(RATE)],
    ['injected 429 without Retry-After', `${(FAIL * 100).toFixed(1)} % of sends`],
    ['requests seen by the connector', String(calls.length)],
    ['of which answered 429 (injected)', String(calls.filter((call) => call.status === 429).length)],
    ['first to last request (s)', seconds.toFixed(2)],
    ['achieved rate (requests/s)', (calls.length / seconds).toFixed(1)],
    ['achieved rate / limit', (calls.length / seconds / RATE).toFixed(3)],
    ['steady rate / limit (10th-90th percentile of requests)', steadyRate(calls).toFixed(3)],
    ['delivered messages/s', (perConversation.size / seconds).toFixed(1)],
    ['peak requests in any 1 s window', String(busiestSecond(calls.map((call) => call.at)))],
    ['limit violations (connector)', String(violations)],
    ['duplicates', String(duplicates)],
    SECONDS > 0 && losses > 0 ? ['not yet sent when the run stopped', String(losses)] : ['losses', String(losses)],
    ['incident accepted to last delivery (s)', ((finished - started) / 1000).toFixed(2)],
  ];
  if (restart) {
    const before = calls.filter((call) => call.at < (restart?.at ?? 0));
    const after = calls.filter((call) => call.at >= (restart?.at ?? 0) + (restart?.downMs ?? 0));
    const rateOf = (part: ConnectorCall[]) => (part.length > 1 ? (part.length / ((part[part.length - 1].at - part[0].at) / 1000) / RATE).toFixed(3) : '-');
    rows.push(
      ['restart: delivered when the app was closed', String(restart.deliveredBefore)],
      ['restart: close and start again (s)', (restart.downMs / 1000).toFixed(2)],
      ['rate / limit before the restart', rateOf(before)],
      ['rate / limit after the restart', rateOf(after)],
    );
  }
  if (process.argv.includes('--timeline')) {
    const times = calls.map((call) => call.at).sort((a, b) => a - b);
    const tenth = Math.floor(times.length / 10);
    const rates = Array.from({ length: 10 }, (_, index) => {
      const from = times[index * tenth];
      const to = times[Math.min(times.length - 1, (index + 1) * tenth)];
      return (tenth / ((to - from) / 1000) / RATE).toFixed(2);
    });
    rows.push(['rate / limit in each tenth of the requests', rates.join(' ')]);
  }
  const width = Math.max(...rows.map(([name]) => name.length));
  process.stdout.write(`| ${'measure'.padEnd(width)} | value |\n|${'-'.repeat(width + 2)}|-------|\n`);
  for (const [name, value] of rows) process.stdout.write(`| ${name.padEnd(width)} | ${value} |\n`);

  await new Promise<void>((resolve) => app.server.close(() => resolve()));
  await app.close();
  connector.child.send({ ask: 'stop' });
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
