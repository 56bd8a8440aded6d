// Proactive installs (issue 12, item 5) against a fake Microsoft Graph on loopback: the bot installs
// itself for N people who never opened it, pacing its Graph calls under Graph's limit, honouring
// Retry-After on injected 429s, and (with --restart-at) stopping half-way and continuing from what it
// stored. Measures the pace against Graph's 30 requests/s, requests sent inside a Retry-After, and
// people installed twice or not at all.
// Run: npx tsx bench/app-installs.ts [--people 2000] [--rate 25] [--throttle 0.05] [--retry-after 1] [--restart-at 0.5]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GraphDirectory } from '../src/features/directory/index.js';
import { AppInstaller } from '../src/features/incidents/app-installs.js';
import type { InstallGraph } from '../src/features/incidents/index.js';
import { silentLogger } from '../src/shared/logger.js';
import { DataDir } from '../src/storage/data-dir.js';
import { LowdbConversationStore } from '../src/storage/lowdb-conversation-store.js';
import { LowdbInstallStore } from '../src/storage/lowdb-install-store.js';
import { FakeGraph, sentAtFetch } from '../test/support/fake-graph.js';
import { seededRandom } from '../test/support/seeded-random.js';
import { argument } from './argument.js';

const PEOPLE = argument('people', 2000);
const RATE = argument('rate', 25);
const THROTTLE = argument('throttle', 0.05);
const RETRY_AFTER = argument('retry-after', 1);
const RESTART_AT = argument('restart-at', 0);
/** Graph: POST installedApps 30 per second per app per tenant (and GET installedApps 30). */
const GRAPH_LIMIT = 30;

async function until(done: () => boolean | Promise<boolean>, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error('Timed out.');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function main(): Promise<void> {
  const graph = new FakeGraph({ throttleRate: THROTTLE, retryAfterSeconds: RETRY_AFTER, installsPerSecond: GRAPH_LIMIT, random: seededRandom(12), graceMs: 50 });
  await graph.start();
  const ids = Array.from({ length: PEOPLE }, (_, index) => `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`);
  graph.addUsers(...ids.map((id, index) => ({ id, displayName: `Inimene ${index}` })));
  const dir = mkdtempSync(join(tmpdir(), 'tugibot-installs-bench-'));
  const graphClient = new GraphDirectory({ baseUrl: graph.url, tokens: { token: async () => 'bench-token' }, fetch: sentAtFetch });
  // The bot's side of each call: when it was sent, and when a 429 was read (from then on its Retry-After binds).
  const seen: Array<{ sentAt: number; readAt: number; status: number; retryAfterMs?: number }> = [];
  const client: InstallGraph = {
    async send(method, path, body) {
      const sentAt = Date.now();
      const answer = await graphClient.send(method, path, body);
      seen.push({ sentAt, readAt: Date.now(), status: answer.status, retryAfterMs: answer.retryAfterMs });
      return answer;
    },
  };
  const open = async () => {
    const data = await DataDir.open(dir, silentLogger());
    const store = await LowdbInstallStore.open(data);
    const installer = new AppInstaller({
      store, graph: client, enabled: true, catalogAppId: 'c0ffee00-0000-4000-8000-00000000abcd', graphRoot: 'https://graph.microsoft.com/v1.0',
      ratePerSecond: RATE, conversations: await LowdbConversationStore.open(data), logger: silentLogger(), reachable: () => undefined,
    });
    installer.start();
    return { data, installer };
  };
  let running = await open();
  const started = Date.now();
  await running.installer.request('RIKE-BENCH', ids, { serviceUrl: 'http://127.0.0.1:9/', tenantId: 'bench', botId: '28:bench' });
  let restart: { installed: number; downMs: number } | undefined;
  if (RESTART_AT > 0) {
    await until(() => graph.installed.size >= PEOPLE * RESTART_AT, 600);
    const at = Date.now();
    await running.installer.stop();
    await running.data.close();
    running = await open();
    restart = { installed: graph.installed.size, downMs: Date.now() - at };
  }
  await until(async () => (await running.installer.figures('RIKE-BENCH')).pending === 0, 1200);
  const seconds = (Date.now() - started) / 1000;
  const figures = await running.installer.figures('RIKE-BENCH');
  await running.installer.stop();
  await running.data.close();
  const calls = graph.installCalls();
  const span = (calls[calls.length - 1].at - calls[0].at) / 1000;
  const posts = calls.filter((call) => call.method === 'POST');
  // Seconds inside some Retry-After window (the union of [429, 429 + Retry-After]): nobody may call then.
  let held = 0;
  let heldTo = 0;
  for (const call of calls.filter((item) => item.status === 429)) {
    const from = Math.max(call.at, heldTo);
    const to = call.at + RETRY_AFTER * 1000;
    if (to > from) held += to - from;
    heldTo = Math.max(heldTo, to);
  }
  const throttles = seen.filter((call) => call.status === 429);
  const ignored = seen.filter((call) => throttles.some((t) => call.sentAt > t.readAt && call.sentAt < t.readAt + (t.retryAfterMs ?? 0))).length;
  const rows: Array<[string, string]> = [
    ['people without the bot', String(PEOPLE)],
    ['configured pace (GRAPH_INSTALL_RATE_PER_SECOND)', `${RATE}/s`],
    ['Graph limit enforced by the fake', `${GRAPH_LIMIT}/s`],
    ['injected 429 with Retry-After', `${(THROTTLE * 100).toFixed(1)} % of requests, ${RETRY_AFTER} s`],
    ['Graph requests (install, find, chat)', String(calls.length)],
    ['of which answered 429 (injected)', String(calls.filter((call) => call.status === 429).length - graph.overLimit.length)],
    ['requests over Graph\'s limit (answered 429)', String(graph.overLimit.length)],
    ['requests sent after the bot read a 429, inside its Retry-After', String(ignored)],
    ['the fake\'s view: sent > 50 ms after it answered 429, inside the Retry-After', String(graph.early.length)],
    ['peak requests in any 1 s window', String(graph.peakPerSecond())],
    ['achieved requests/s (first to last)', (calls.length / span).toFixed(1)],
    ['achieved / configured pace', (calls.length / span / RATE).toFixed(3)],
    ['time inside Retry-After waits (s)', (held / 1000).toFixed(1)],
    ['achieved / configured pace, outside those waits', (calls.length / (span - held / 1000) / RATE).toFixed(3)],
    ['installed (201)', String(posts.filter((call) => call.status === 201).length)],
    ['installed twice (409 after our own 201)', String(posts.filter((call) => call.status === 409).length)],
    ['reported installed / already / failed / pending', `${figures.installed} / ${figures.already} / ${figures.failed + figures.forbidden} / ${figures.pending}`],
    ['not installed (losses)', String(PEOPLE - graph.installed.size)],
    ['request to last install (s)', seconds.toFixed(1)],
  ];
  if (restart) rows.push(['restart: installed when stopped', String(restart.installed)], ['restart: stop and start again (s)', (restart.downMs / 1000).toFixed(2)]);
  const width = Math.max(...rows.map(([name]) => name.length));
  process.stdout.write(`| ${'measure'.padEnd(width)} | value |\n|${'-'.repeat(width + 2)}|-------|\n`);
  for (const [name, value] of rows) process.stdout.write(`| ${name.padEnd(width)} | ${value} |\n`);
  await graph.stop();
  rmSync(dir, { recursive: true, force: true });
  if (ignored > 0 || graph.overLimit.length > 0 || graph.installed.size !== PEOPLE) process.exitCode = 1;
}

await main();
