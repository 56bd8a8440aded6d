// Backup of a data folder with 100,000 closed cases while "turns" keep writing, and restore.
// Run: npx tsx bench/backup.ts [--history 100000] [--open 200] [--freezes 20] [--small-files 4096]
// A turn's storage write is what waits while the folder is frozen, so the longest write during the
// backup (beside the longest without one) is the turn stall; the event-loop lag shows any blocking.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { DataDir } from '../src/storage/data-dir.js';
import { JsonDoc } from '../src/storage/json-doc.js';
import { silentLogger } from '../src/shared/logger.js';
import { takeSnapshot } from '../src/storage/snapshot.js';
import { restoreBackupFile, writeBackupFile } from '../src/storage/backup-file.js';
import { argument } from './argument.js';

const HISTORY = argument('history', 100_000);
const OPEN = argument('open', 200);
const FREEZES = argument('freezes', 20);
/** Small files beside the cases, as 100,000 people's conversation shards and indexes make (4,096 + index shards). */
const SMALL_FILES = argument('small-files', 4096);

function record(id: string, status: string) {
  return {
    id, status, requester: 'a1a1a1a1-0000-4000-8000-000000000001', system: 'STAR',
    description: 'Taotluse salvestamisel tuleb veateade ja andmed jäävad salvestamata. '.repeat(3),
    history: [{ at: '2026-11-01T08:00:00Z', by: 'requester', event: 'opened' }, { at: '2026-11-01T09:00:00Z', by: 'specialist', event: 'taken' }],
  };
}

async function seed(dir: string): Promise<void> {
  const dataDir = await DataDir.open(dir, silentLogger());
  await dataDir.collection('cases');
  for (let segment = 0; segment * 1000 < HISTORY; segment += 1) {
    const doc = await JsonDoc.open<{ records: unknown[] }>(join(dir, 'cases', `archive-${String(segment + 1).padStart(6, '0')}.json`), { records: [] });
    const records = Array.from({ length: Math.min(1000, HISTORY - segment * 1000) }, (_, i) => record(`closed-${segment * 1000 + i}`, 'closed'));
    await doc.update((data) => { data.records = records; });
  }
  mkdirSync(join(dir, 'conversations', 'shards'), { recursive: true });
  for (let n = 0; n < SMALL_FILES; n += 1) writeFileSync(join(dir, 'conversations', 'shards', `${String(n).padStart(4, '0')}.json`), JSON.stringify({ people: [record(`p${n}`, 'x')] }));
  await dataDir.close();
}

/** Writes a live case every 2 ms until `stop` resolves; returns each write's latency. */
async function turns(put: (i: number) => Promise<void>, stop: Promise<unknown>): Promise<number[]> {
  let done = false;
  void stop.then(() => { done = true; });
  const latencies: number[] = [];
  for (let i = 0; !done; i += 1) {
    const started = performance.now();
    await put(i % OPEN);
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return latencies;
}

const max = (values: number[]) => Math.max(...values);

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'tugibot-bench-backup-'));
  const dir = join(root, 'data');
  try {
    await seed(dir);
    const dataDir = await DataDir.open(dir, silentLogger());
    const cases = await dataDir.collection<ReturnType<typeof record>>('cases');
    const put = (i: number) => cases.put(record(`open-${i}`, 'in_progress'));
    for (let i = 0; i < OPEN; i += 1) await put(i);

    const quiet = await turns(put, new Promise((resolve) => setTimeout(resolve, 2000)));
    // The bot's part: freezing the folder (hard links under the write barrier), FREEZES times in a row.
    const lag = monitorEventLoopDelay({ resolution: 1 });
    lag.enable();
    const paused: number[] = [];
    const freezing = (async () => {
      for (let n = 0; n < FREEZES; n += 1) {
        paused.push((await takeSnapshot(dir, join(dir, '.backup', `bench-${n}`))).pausedMs);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    })();
    const during = await turns(put, freezing);
    lag.disable();
    await dataDir.close();
    // The command's part, in its own process in real use: hashing and packing the frozen copy.
    const started = performance.now();
    await takeSnapshot(dir, join(dir, '.backup', 'bench'));
    const manifest = await writeBackupFile(join(dir, '.backup', 'bench'), join(root, 'bench.tugibot'));
    const backupMs = performance.now() - started;

    const restoreStarted = performance.now();
    await restoreBackupFile(join(root, 'bench.tugibot'), join(root, 'restored'));
    const restoreMs = performance.now() - restoreStarted;
    const bytes = manifest.files.reduce((sum, file) => sum + file.size, 0);
    console.log(`closed cases ${HISTORY}, files ${manifest.files.length}, data ${(bytes / 1e6).toFixed(1)} MB, backup file ${(statSync(join(root, 'bench.tugibot')).size / 1e6).toFixed(1)} MB`);
    console.log(`backup (freeze + hash + pack) ${backupMs.toFixed(0)} ms`);
    console.log(`folder frozen, writes held: longest ${max(paused).toFixed(1)} ms, p95 ${paused.sort((a, b) => a - b)[Math.floor(paused.length * 0.95)].toFixed(1)} ms, median ${paused[paused.length >> 1].toFixed(1)} ms over ${FREEZES} freezes`);
    console.log(`turn writes: longest without freezes ${max(quiet).toFixed(1)} ms (${quiet.length} writes), longest during freezes ${max(during).toFixed(1)} ms (${during.length} writes)`);
    console.log(`event-loop delay during freezes: max ${(lag.max / 1e6).toFixed(1)} ms, p99 ${(lag.percentile(99) / 1e6).toFixed(1)} ms`);
    console.log(`restore ${restoreMs.toFixed(0)} ms`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
