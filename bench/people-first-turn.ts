/**
 * The first turn of a person the bot has not seen (the install: a real HTTP turn that stores the
 * conversation and sends the welcome to the fake Bot Connector), with 0 to 100,000 people already
 * stored; then 10,000 new people in a row from an empty store.
 *
 *   npx tsx bench/people-first-turn.ts [--turns 300] [--stored 100000] [--row 10000]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { installationUpdate } from '../test/support/activities.js';
import { startBot, type Harness } from '../test/support/bot-harness.js';
import { FakeConnector } from '../test/support/fake-connector.js';
import { argument } from './argument.js';
import { percentile, person, seedPeopleApart } from './people-seed.js';

const TURNS = argument('turns', 300);
const STORED = argument('stored', 100_000);
const ROW = argument('row', 10_000);

async function firstTurns(bot: Harness, count: number, from: number): Promise<number[]> {
  const times: number[] = [];
  for (let n = from; n < from + count; n += 1) {
    const started = performance.now();
    const answer = await bot.post(installationUpdate(person(n), { serviceUrl: bot.connector.url }));
    times.push(performance.now() - started);
    if (answer.status !== 200) throw new Error(`turn ${n}: ${answer.status} ${answer.text}`);
  }
  return times;
}

async function withBot<T>(stored: number, run: (bot: Harness) => Promise<T>): Promise<T> {
  const dataDir = mkdtempSync(join(tmpdir(), 'tugibot-bench-people-'));
  const connector = new FakeConnector();
  await connector.start();
  seedPeopleApart(dataDir, stored, connector.url);
  const bot = await startBot({}, {}, { dataDir, connector });
  try {
    await firstTurns(bot, 20, 1_000_000); // warm-up
    return await run(bot);
  } finally {
    await bot.close(true);
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const stats = (times: number[]) => {
  const sorted = [...times].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95) };
};

console.log(`First turn of a new person (installationUpdate over HTTP), ${TURNS} people per row, Node ${process.version}`);
console.log('| people already stored | p50 (ms) | p95 (ms) | p95 / empty |');
console.log('|---:|---:|---:|---:|');
let emptyP95 = 0;
for (const stored of [0, 10_000, 30_000, STORED]) {
  const { p50, p95 } = await withBot(stored, async (bot) => stats(await firstTurns(bot, TURNS, 0)));
  if (stored === 0) emptyP95 = p95;
  console.log(`| ${stored.toLocaleString('en')} | ${p50.toFixed(2)} | ${p95.toFixed(2)} | ${(p95 / emptyP95).toFixed(2)} |`);
}

const row = await withBot(0, (bot) => firstTurns(bot, ROW, 0));
const first = stats(row.slice(0, 1000));
const last = stats(row.slice(-1000));
console.log(`\n${ROW.toLocaleString('en')} new people in a row from an empty store`);
console.log('| people | p50 (ms) | p95 (ms) |');
console.log('|---|---:|---:|');
console.log(`| first 1,000 | ${first.p50.toFixed(2)} | ${first.p95.toFixed(2)} |`);
console.log(`| last 1,000 | ${last.p50.toFixed(2)} | ${last.p95.toFixed(2)} |`);
console.log(`last / first p95: ${(last.p95 / first.p95).toFixed(2)}`);
