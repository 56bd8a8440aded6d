/**
 * Cold start of the real process (node + tsx, src/main.ts) until /readyz answers 200: an empty
 * store, and one with 300,000 closed cases and 100,000 known people. Each start is measured --runs
 * times; the median is reported. On lowdb the first open of the seeded folder (which builds the
 * archive index once, as an upgraded folder would) is timed separately. On PostgreSQL (a
 * throw-away cluster) both databases are migrated before the first start, so the figure is a
 * start, not a first install; the history goes into the stores' tables with multi-row INSERTs.
 *
 *   npx tsx bench/startup.ts [--cases 300000] [--people 100000] [--runs 3] [--built] [--store lowdb|postgres|both]
 *
 * With --built the process is `node dist/main.js` (run `npm run build` first), as in production,
 * so compiling the sources does not hide the data folder's share of the start.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { silentLogger } from '../src/shared/logger.js';
import { DataDir } from '../src/storage/data-dir.js';
import { LowdbCaseStore } from '../src/storage/lowdb-case-store.js';
import { argument } from './argument.js';
import { closedCase } from './closed-case.js';
import { person, seedPeopleApart } from './people-seed.js';
import { seedPostgres, startPostgres } from './pg-seed.js';
import { BOT, TENANT, personalConversationId } from '../test/support/activities.js';

const CASES = argument('cases', 300_000);
const PEOPLE = argument('people', 100_000);
const RUNS = argument('runs', 3);
const BUILT = process.argv.includes('--built');
const STORE = process.argv.includes('--store') ? process.argv[process.argv.indexOf('--store') + 1] : 'both';
if (!['lowdb', 'postgres', 'both'].includes(STORE)) throw new Error('--store lowdb|postgres|both');

/** The cases collection's own archive layout (segments of 1,000), written directly. */
function seedCases(dataDir: string, count: number): void {
  const dir = join(dataDir, 'cases');
  mkdirSync(dir, { recursive: true });
  for (let segment = 0; segment * 1000 < count; segment += 1) {
    const records = Array.from({ length: Math.min(1000, count - segment * 1000) }, (_, offset) => closedCase(segment * 1000 + offset));
    writeFileSync(join(dir, `archive-${String(segment + 1).padStart(6, '0')}.json`), JSON.stringify({ records }));
  }
}

async function startToReady(dataDir: string, storeEnv: Record<string, string>): Promise<number> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(Microsoft|NODE_ENV|TUGIBOT_NOW)/.test(key)));
  const started = performance.now();
  const child = spawn(process.execPath, BUILT ? ['dist/main.js'] : ['--import', 'tsx', 'src/main.ts'], { env: { ...env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...storeEnv } });
  const port = await new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on port (\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    });
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
  });
  while ((await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => undefined))?.status !== 200) await new Promise((resolve) => setTimeout(resolve, 5));
  const ms = performance.now() - started;
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGTERM');
  await exited;
  return ms;
}

async function median(dataDir: string, storeEnv: Record<string, string> = {}): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) times.push(await startToReady(dataDir, storeEnv));
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

const HOW = `${BUILT ? 'node dist/main.js' : 'node --import tsx src/main.ts'}, median of ${RUNS}, Node ${process.version}`;
const SEEDED = `${CASES.toLocaleString('en')} closed cases, ${PEOPLE.toLocaleString('en')} people`;

async function onLowdb(): Promise<void> {
  const fresh = mkdtempSync(join(tmpdir(), 'tugibot-bench-start-'));
  const seeded = mkdtempSync(join(tmpdir(), 'tugibot-bench-start-'));
  try {
    seedCases(seeded, CASES);
    seedPeopleApart(seeded, PEOPLE, 'https://smba.trafficmanager.net/emea/');
    const indexStarted = performance.now();
    const data = await DataDir.open(seeded, silentLogger());
    const cases = await LowdbCaseStore.open(data);
    const archived = cases.archivedCount;
    await data.close();
    const indexMs = performance.now() - indexStarted;
    if (archived !== CASES) throw new Error(`the store sees ${archived} cases, wanted ${CASES}`);

    const freshMs = await median(fresh);
    const seededMs = await median(seeded);
    console.log(`lowdb: cold start to /readyz (${HOW})`);
    console.log('| data folder | start to ready (ms) | / fresh |');
    console.log('|---|---:|---:|');
    console.log(`| fresh | ${freshMs.toFixed(0)} | 1.00 |`);
    console.log(`| ${SEEDED} | ${seededMs.toFixed(0)} | ${(seededMs / freshMs).toFixed(2)} |`);
    console.log(`One-time: building the archive index of the seeded folder on its first open: ${indexMs.toFixed(0)} ms`);
  } finally {
    rmSync(fresh, { recursive: true, force: true });
    rmSync(seeded, { recursive: true, force: true });
  }
}

async function onPostgres(): Promise<void> {
  const server = await startPostgres();
  const dataDir = mkdtempSync(join(tmpdir(), 'tugibot-bench-start-'));
  try {
    const emptyUrl = await server.freshDatabase();
    await seedPostgres(emptyUrl, []);
    const seededUrl = await server.freshDatabase();
    const serviceUrl = 'https://smba.trafficmanager.net/emea/';
    const people = Array.from({ length: PEOPLE }, (_, n) => {
      const someone = person(n, 'e');
      return { channel: 'msteams', serviceUrl, tenantId: TENANT, conversationId: personalConversationId(someone), kind: 'personal' as const,
        user: { teamsId: `29:${someone.aadObjectId}`, aadObjectId: someone.aadObjectId, name: someone.name }, bot: BOT, locale: 'et-EE' };
    });
    await seedPostgres(seededUrl, Array.from({ length: CASES }, (_, index) => closedCase(index)), people);
    const emptyMs = await median(dataDir, { STORE: 'postgres', DATABASE_URL: emptyUrl });
    const seededMs = await median(dataDir, { STORE: 'postgres', DATABASE_URL: seededUrl });
    console.log(`PostgreSQL: cold start to /readyz (${HOW}; the data folder is empty in both, the database differs)`);
    console.log('| database | start to ready (ms) | / empty |');
    console.log('|---|---:|---:|');
    console.log(`| empty (migrated) | ${emptyMs.toFixed(0)} | 1.00 |`);
    console.log(`| ${SEEDED} | ${seededMs.toFixed(0)} | ${(seededMs / emptyMs).toFixed(2)} |`);
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    await server.stop();
  }
}

if (STORE !== 'postgres') await onLowdb();
if (STORE !== 'lowdb') await onPostgres();
