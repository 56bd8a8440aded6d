/**
 * The access feature's daily due-date scan with 50,000 grants on record (each with an end date,
 * so 50,000 open revocation tasks too), read through the real lowdb stores.
 *
 *   npx tsx bench/access-scan.ts [grants=50000] [scans=30]
 *
 * Setup writes the live shard files directly (one put per record would rewrite a shard 50,000
 * times); the records are then opened through `openAccessStores` exactly as the bot opens them.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { addDays } from '../src/features/access/dates.js';
import type { AccessTask, Grant } from '../src/features/access/model.js';
import { endingCsv, scanDue, parseCatalogue } from '../src/features/access/index.js';
import { silentLogger } from '../src/shared/logger.js';
import { DataDir } from '../src/storage/data-dir.js';
import { openAccessStores } from '../src/storage/lowdb-access-stores.js';

const GRANTS = Number(process.argv[2] ?? 50_000);
const SCANS = Number(process.argv[3] ?? 30);
const TODAY = '2026-11-26';
const ROLES = ['skais.account', 'skais.pension-register', 'skais.benefit-processing', 'skais.read-only', 'star.supervision', 'misp2.query-user'];

function writeShards(dir: string, shards: number, records: Array<{ id: string }>): void {
  mkdirSync(dir, { recursive: true });
  const buckets: Array<Array<{ id: string }>> = Array.from({ length: shards }, () => []);
  for (const record of records) buckets[createHash('sha1').update(record.id).digest().readUInt32BE(0) % shards].push(record);
  buckets.forEach((records, shard) => writeFileSync(join(dir, `live-${String(shard).padStart(3, '0')}.json`), JSON.stringify({ records })));
}

function records(count: number): { grants: Grant[]; tasks: AccessTask[] } {
  const grants: Grant[] = [];
  const tasks: AccessTask[] = [];
  for (let i = 0; i < count; i += 1) {
    const source = `LIG-2026-${String(i + 1).padStart(5, '0')}`;
    const subject = { id: `00000000-0000-4000-8000-${String(i % 4000).padStart(12, '0')}`, name: `Inimene ${i % 4000}` };
    const until = addDays(TODAY, (i % 760) - 30); // 30 days overdue .. two years ahead
    const role = ROLES[i % ROLES.length];
    grants.push({ id: `${source}:${role}`, subject, system: role.split('.')[0].toUpperCase(), role, since: '2026-01-05', until, source, state: 'active', grantedBy: { id: 'siim', name: 'Siim' }, grantedAt: '2026-01-05T08:00:00Z' });
    tasks.push({ id: `${source}/2`, kind: 'revoke', source, subject, requesterId: subject.id, lang: 'et', system: 'SKAIS', roles: [role], due: until, state: 'open', createdAt: '2026-01-05T08:00:00Z', dependents: [] });
  }
  return { grants, tasks };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const stats = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return `p50 ${percentile(sorted, 50).toFixed(2)} ms, p95 ${percentile(sorted, 95).toFixed(2)} ms, max ${sorted.at(-1)!.toFixed(2)} ms`;
};

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tugibot-access-bench-'));
  try {
    const { grants, tasks } = records(GRANTS);
    writeShards(join(dir, 'access-grants'), 64, grants);
    writeShards(join(dir, 'access-tasks'), 32, tasks);
    const catalogue = parseCatalogue(JSON.parse(readFileSync('src/features/access/catalogue.json', 'utf8')));

    let started = performance.now();
    const dataDir = await DataDir.open(dir, silentLogger());
    const stores = await openAccessStores(dataDir);
    const openMs = performance.now() - started;

    const scanMs: number[] = [];
    const reportMs: number[] = [];
    let found = { post: 0, overdue: 0 };
    for (let i = 0; i < SCANS; i += 1) {
      started = performance.now();
      const scan = scanDue(await stores.tasks.open(), TODAY, 3);
      scanMs.push(performance.now() - started);
      found = { post: scan.post.length, overdue: scan.overdue.length };
      started = performance.now();
      endingCsv(catalogue, await stores.grants.active(), TODAY, 30);
      reportMs.push(performance.now() - started);
    }
    console.log(`node ${process.version}, ${GRANTS} grants + ${tasks.length} open revocation tasks, ${SCANS} scans`);
    console.log(`open stores: ${openMs.toFixed(0)} ms`);
    console.log(`daily due-date scan (scanDue over the task store): ${stats(scanMs)}; finds ${found.post} to post, ${found.overdue} overdue`);
    console.log(`"ending rights 30" report over the grant store: ${stats(reportMs)}`);
    await dataDir.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
