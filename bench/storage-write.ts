// Write latency of the lowdb-backed collections with an empty store and with 100,000 finished
// records in history. Run: npx tsx bench/storage-write.ts [--history 100000] [--writes 500]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DataDir } from '../src/storage/data-dir.js';
import { silentLogger } from '../src/shared/logger.js';
import { Collection } from '../src/storage/collection.js';
import { JsonDoc } from '../src/storage/json-doc.js';
import { argument } from './argument.js';

interface CaseLike {
  id: string;
  status: string;
  requester: string;
  system: string;
  description: string;
  history: Array<{ at: string; by: string; event: string }>;
}

const HISTORY = argument('history', 100_000);
const WRITES = argument('writes', 500);
const OPEN = 200;

function record(id: string, status: string): CaseLike {
  return {
    id,
    status,
    requester: 'a1a1a1a1-0000-4000-8000-000000000001',
    system: 'STAR',
    description: 'Taotluse salvestamisel tuleb veateade ja andmed jäävad salvestamata. '.repeat(3),
    history: [
      { at: '2026-11-01T08:00:00Z', by: 'requester', event: 'opened' },
      { at: '2026-11-01T09:00:00Z', by: 'specialist', event: 'taken' },
    ],
  };
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Writes archive segments directly (as the collection would), so a 100,000-record history is quick to make. */
async function seedHistory(dir: string, count: number): Promise<void> {
  const segmentSize = 1000;
  for (let segment = 0; segment * segmentSize < count; segment += 1) {
    const doc = await JsonDoc.open<{ records: CaseLike[] }>(join(dir, 'cases', `archive-${String(segment + 1).padStart(6, '0')}.json`), { records: [] });
    const records: CaseLike[] = [];
    for (let i = segment * segmentSize; i < Math.min(count, (segment + 1) * segmentSize); i += 1) records.push(record(`closed-${i}`, 'closed'));
    await doc.update((data) => { data.records = records; });
  }
}

async function measure(history: number): Promise<{ open: number; put: number[]; archive: number[]; append: number[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'tugibot-bench-'));
  try {
    const seedDir = await DataDir.open(dir, silentLogger());
    await seedDir.collection<CaseLike>('cases');
    await seedHistory(dir, history);
    await seedDir.close();

    const started = performance.now();
    const dataDir = await DataDir.open(dir, silentLogger());
    const cases: Collection<CaseLike> = await dataDir.collection<CaseLike>('cases');
    const audit = await dataDir.collection<CaseLike>('audit');
    const open = performance.now() - started;
    for (let i = 0; i < OPEN; i += 1) await cases.put(record(`open-${i}`, 'in_progress'));

    const put: number[] = [];
    const archive: number[] = [];
    const append: number[] = [];
    for (let i = 0; i < WRITES; i += 1) {
      let t = performance.now();
      await cases.put(record(`new-${i}`, 'new'));
      put.push(performance.now() - t);
      t = performance.now();
      await cases.archive(record(`new-${i}`, 'closed'));
      archive.push(performance.now() - t);
      t = performance.now();
      await audit.append(record(`audit-${i}`, 'entry'));
      append.push(performance.now() - t);
    }
    if (cases.archivedCount !== history + WRITES) throw new Error(`expected ${history + WRITES} archived, found ${cases.archivedCount}`);
    await dataDir.close();
    return { open, put, archive, append };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The design this replaces: one lowdb file holding every record, rewritten on each change. */
async function measureSingleFile(history: number): Promise<number[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tugibot-bench-single-'));
  try {
    const doc = await JsonDoc.open<{ records: CaseLike[] }>(join(dir, 'cases.json'), { records: [] });
    await doc.update((data) => { for (let i = 0; i < history; i += 1) data.records.push(record(`closed-${i}`, 'closed')); });
    const times: number[] = [];
    for (let i = 0; i < 50; i += 1) {
      const t = performance.now();
      await doc.update((data) => { data.records.push(record(`new-${i}`, 'new')); });
      times.push(performance.now() - t);
    }
    return times;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const rows: string[] = [];
for (const history of [0, HISTORY]) {
  const result = await measure(history);
  for (const [name, values] of [['put (live change)', result.put], ['archive (close)', result.archive], ['append (audit)', result.append]] as const) {
    rows.push(`| ${history.toLocaleString('en')} | ${name} | ${percentile(values, 50).toFixed(2)} | ${percentile(values, 95).toFixed(2)} |`);
  }
  rows.push(`| ${history.toLocaleString('en')} | open the store | ${result.open.toFixed(0)} (once) | |`);
}
for (const history of [0, HISTORY]) {
  const single = await measureSingleFile(history);
  rows.push(`| ${history.toLocaleString('en')} | contrast: one lowdb file for everything | ${percentile(single, 50).toFixed(2)} | ${percentile(single, 95).toFixed(2)} |`);
}
process.stdout.write(`Write latency in ms, ${WRITES} writes each, ${OPEN} open records, Node ${process.version}\n\n`);
process.stdout.write('| closed records in history | operation | p50 ms | p95 ms |\n|---|---|---|---|\n');
process.stdout.write(`${rows.join('\n')}\n`);
