/**
 * Cold start of the real process (node + tsx, src/main.ts) until /readyz answers 200: a fresh data
 * folder, and one with 300,000 closed cases and 100,000 known people. Each start is measured
 * --runs times; the median is reported. The first open of the seeded folder (which builds the
 * archive index once, as an upgraded folder would) is timed separately.
 *
 *   npx tsx bench/startup.ts [--cases 300000] [--people 100000] [--runs 3] [--built]
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
import { seedPeopleApart } from './people-seed.js';

const CASES = argument('cases', 300_000);
const PEOPLE = argument('people', 100_000);
const RUNS = argument('runs', 3);
const BUILT = process.argv.includes('--built');

/** The cases collection's own archive layout (segments of 1,000), written directly. */
function seedCases(dataDir: string, count: number): void {
  const dir = join(dataDir, 'cases');
  mkdirSync(dir, { recursive: true });
  for (let segment = 0; segment * 1000 < count; segment += 1) {
    const records = Array.from({ length: Math.min(1000, count - segment * 1000) }, (_, offset) => closedCase(segment * 1000 + offset));
    writeFileSync(join(dir, `archive-${String(segment + 1).padStart(6, '0')}.json`), JSON.stringify({ records }));
  }
}

async function startToReady(dataDir: string): Promise<number> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^(Microsoft|NODE_ENV|TUGIBOT_NOW)/.test(key)));
  const started = performance.now();
  const child = spawn(process.execPath, BUILT ? ['dist/main.js'] : ['--import', 'tsx', 'src/main.ts'], { env: { ...env, PORT: '0', DATA_DIR: dataDir, LOG_LEVEL: 'info' } });
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

async function median(dataDir: string): Promise<number> {
  const times: number[] = [];
  for (let run = 0; run < RUNS; run += 1) times.push(await startToReady(dataDir));
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

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

  const freshMs = await median(fresh);
  const seededMs = await median(seeded);
  console.log(`Cold start to /readyz (${BUILT ? 'node dist/main.js' : 'node --import tsx src/main.ts'}), median of ${RUNS}, Node ${process.version}`);
  console.log('| data folder | start to ready (ms) | / fresh |');
  console.log('|---|---:|---:|');
  console.log(`| fresh | ${freshMs.toFixed(0)} | 1.00 |`);
  console.log(`| ${archived.toLocaleString('en')} closed cases, ${PEOPLE.toLocaleString('en')} people | ${seededMs.toFixed(0)} | ${(seededMs / freshMs).toFixed(2)} |`);
  console.log(`One-time: building the archive index of the seeded folder on its first open: ${indexMs.toFixed(0)} ms`);
} finally {
  rmSync(fresh, { recursive: true, force: true });
  rmSync(seeded, { recursive: true, force: true });
}
