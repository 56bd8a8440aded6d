/**
 * Moving a desk with a long history: `npm run data -- export` of a lowdb folder holding --cases
 * closed cases and --people known people, `import` into PostgreSQL (a throw-away cluster), export
 * again and import into a fresh lowdb folder. Times each step and checks the counts.
 *
 *   npx tsx bench/move-data.ts [--cases 100000] [--people 10000]
 */
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../src/config.js';
import { silentLogger } from '../src/shared/logger.js';
import type { SectionCounts } from '../src/storage/export-format.js';
import { exportData, importData } from '../src/storage/move-data.js';
import { argument } from './argument.js';
import { closedCase } from './closed-case.js';
import { seedPeopleApart } from './people-seed.js';
import { startPostgres } from './pg-seed.js';

const CASES = argument('cases', 100_000);
const PEOPLE = argument('people', 10_000);

const root = mkdtempSync(join(tmpdir(), 'tugibot-bench-move-'));
const server = await startPostgres();
try {
  const first = join(root, 'first');
  mkdirSync(join(first, 'cases'), { recursive: true });
  for (let segment = 0; segment * 1000 < CASES; segment += 1) {
    const records = Array.from({ length: Math.min(1000, CASES - segment * 1000) }, (_, offset) => closedCase(segment * 1000 + offset));
    writeFileSync(join(first, 'cases', `archive-${String(segment + 1).padStart(6, '0')}.json`), JSON.stringify({ records }));
  }
  writeFileSync(join(first, 'case-meta.json'), JSON.stringify({ schemaVersion: 1, counters: { 2025: CASES } }));
  seedPeopleApart(first, PEOPLE, 'https://smba.trafficmanager.net/emea/');
  const url = await server.freshDatabase();
  const lowdb = (dir: string) => loadConfig({ DATA_DIR: dir });
  const pg = loadConfig({ DATA_DIR: join(root, 'unused'), STORE: 'postgres', DATABASE_URL: url });
  const steps: Array<[string, number, SectionCounts, number?]> = [];
  const step = async (label: string, work: () => Promise<SectionCounts>, file?: string) => {
    const started = performance.now();
    const counts = await work();
    steps.push([label, performance.now() - started, counts, file ? statSync(file).size : undefined]);
  };
  await step('export lowdb', () => exportData(lowdb(first), join(root, 'a.jsonl'), silentLogger()), join(root, 'a.jsonl'));
  await step('import into PostgreSQL', () => importData(pg, join(root, 'a.jsonl'), silentLogger()));
  await step('export PostgreSQL', () => exportData(pg, join(root, 'b.jsonl'), silentLogger()), join(root, 'b.jsonl'));
  await step('import into lowdb', () => importData(lowdb(join(root, 'second')), join(root, 'b.jsonl'), silentLogger()));
  console.log(`Moving a desk: ${CASES.toLocaleString('en')} closed cases, ${PEOPLE.toLocaleString('en')} people, Node ${process.version}`);
  console.log('| step | seconds | cases | conversations | file (MB) |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [label, ms, counts, size] of steps) {
    console.log(`| ${label} | ${(ms / 1000).toFixed(1)} | ${counts.cases ?? 0} | ${counts.conversations ?? 0} | ${size === undefined ? '' : (size / 1e6).toFixed(1)} |`);
  }
  if (steps.some(([, , counts]) => counts.cases !== CASES || counts.conversations !== PEOPLE)) throw new Error('a step lost records');
} finally {
  await server.stop();
  rmSync(root, { recursive: true, force: true });
}
