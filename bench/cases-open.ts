/**
 * Opening a support case end to end: one HTTP turn (the form's submit, posted with expectReplies,
 * so the answer comes only after every connector call of the turn) that writes the case to the
 * store and posts its card as a new thread to the fake Bot Connector. Measured with an empty store
 * and with 100,000 closed cases in history, on lowdb (the archive) and on PostgreSQL (a throw-away
 * cluster, as the tests start one; the history written into the `cases` table with multi-row INSERTs).
 *
 *   npx tsx bench/cases-open.ts [--opens 200] [--history 100000] [--store lowdb|postgres|both]
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { CardSigner } from '../src/shared/card-signer.js';
import { silentLogger } from '../src/shared/logger.js';
import { DataDir } from '../src/storage/data-dir.js';
import { LowdbCaseStore } from '../src/storage/lowdb-case-store.js';
import { KATI, SIIM, cardSubmit, installationUpdate } from '../test/support/activities.js';
import { startBot } from '../test/support/bot-harness.js';
import { FakeConnector } from '../test/support/fake-connector.js';
import { argument } from './argument.js';
import { closedCase } from './closed-case.js';
import { seedPostgres, startPostgres, type PgServer } from './pg-seed.js';

const OPENS = argument('opens', 200);
const HISTORY = argument('history', 100_000);
const SEGMENT = 1000;
const STORE = process.argv.includes('--store') ? process.argv[process.argv.indexOf('--store') + 1] : 'both';
if (!['lowdb', 'postgres', 'both'].includes(STORE)) throw new Error('--store lowdb|postgres|both');
const signer = new CardSigner('test-secret-test-secret-test-secret');

/**
 * Writes the history in the cases collection's own archive layout (segments of 1,000), then opens it
 * through LowdbCaseStore to check that the store sees every case. Appending 100,000 cases one by
 * one through `save` works too, but rewrites the open segment each time and takes minutes.
 */
async function seedHistory(dataDir: string, count: number): Promise<number> {
  const dir = join(dataDir, 'cases');
  mkdirSync(dir, { recursive: true });
  for (let segment = 0; segment * SEGMENT < count; segment += 1) {
    const records = Array.from({ length: Math.min(SEGMENT, count - segment * SEGMENT) }, (_, offset) => closedCase(segment * SEGMENT + offset));
    writeFileSync(join(dir, `archive-${String(segment + 1).padStart(6, '0')}.json`), JSON.stringify({ records }));
  }
  const data = await DataDir.open(dataDir, silentLogger());
  const store = await LowdbCaseStore.open(data);
  await store.save({ ...closedCase(count), id: `TUGI-2025-${String(count + 1).padStart(6, '0')}` });
  const seen = store.archivedCount;
  await data.close();
  return seen;
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

/** The store's env and the history it holds: lowdb's archive in the data folder, or a fresh database. */
async function prepare(store: 'lowdb' | 'postgres', dataDir: string, history: number, server?: PgServer): Promise<{ env: Record<string, string>; archived: number }> {
  if (store === 'lowdb') return { env: {}, archived: history > 0 ? await seedHistory(dataDir, history) : 0 };
  const url = await (server as PgServer).freshDatabase();
  await seedPostgres(url, Array.from({ length: history }, (_, index) => closedCase(index)));
  return { env: { STORE: 'postgres', DATABASE_URL: url }, archived: history };
}

async function scenario(store: 'lowdb' | 'postgres', label: string, history: number, server?: PgServer) {
  const dataDir = mkdtempSync(join(tmpdir(), 'tugibot-bench-cases-'));
  const { env, archived } = await prepare(store, dataDir, history, server);
  const connector = new FakeConnector();
  await connector.start();
  const started = performance.now();
  const bot = await startBot(env, {}, { dataDir, connector });
  const startupMs = performance.now() - started;
  const serviceUrl = connector.url;
  await bot.post(installationUpdate(SIIM, { serviceUrl, inChannel: true }));
  await bot.post(installationUpdate(KATI, { serviceUrl }));
  const inputs = { system: 'SKAIS', kind: 'broken', urgency: 'normal', description: 'Avaldus ei salvestu, tuleb veateade.' };
  const open = () => bot.ask(cardSubmit(KATI, signer.sign('cases.submit', { formId: randomUUID(), shown: '' }), inputs, { serviceUrl }));
  for (let i = 0; i < 10; i += 1) await open();
  const cardsBefore = connector.ofKind('create').length;
  const times: number[] = [];
  for (let i = 0; i < OPENS; i += 1) {
    const t0 = performance.now();
    await open();
    times.push(performance.now() - t0);
  }
  const cards = connector.ofKind('create').length - cardsBefore;
  await bot.close(true);
  await connector.stop();
  rmSync(dataDir, { recursive: true, force: true });
  if (cards !== OPENS) throw new Error(`${label}: expected ${OPENS} channel cards, saw ${cards}`);
  times.sort((a, b) => a - b);
  return { label: `${store}: ${label}`, archived, startupMs, p50: percentile(times, 50), p95: percentile(times, 95), max: times[times.length - 1] };
}

const rows = [];
if (STORE !== 'postgres') rows.push(await scenario('lowdb', 'empty store', 0), await scenario('lowdb', `${HISTORY.toLocaleString('en')} closed cases`, HISTORY));
if (STORE !== 'lowdb') {
  const server = await startPostgres();
  try {
    rows.push(await scenario('postgres', 'empty store', 0, server), await scenario('postgres', `${HISTORY.toLocaleString('en')} closed cases`, HISTORY, server));
  } finally {
    await server.stop();
  }
}
console.log(`Opening a case end to end (HTTP turn + store write + channel card), ${OPENS} opens each, Node ${process.version}`);
console.log('| store: history | cases in history | app start (ms) | p50 (ms) | p95 (ms) | max (ms) | p95 / empty |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
for (const row of rows) {
  const empty = rows.find((other) => other.label.split(':')[0] === row.label.split(':')[0]) ?? row;
  console.log(`| ${row.label} | ${row.archived} | ${row.startupMs.toFixed(0)} | ${row.p50.toFixed(1)} | ${row.p95.toFixed(1)} | ${row.max.toFixed(1)} | ${(row.p95 / empty.p95).toFixed(2)} |`);
}
