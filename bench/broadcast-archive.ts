// Archiving finished broadcasts: how long the feature's tick takes to move a resolved incident's
// outbox (N entries) out of the live shards, and whether a write costs the same after history has
// built up. Store level (real lowdb files in a temp folder), no HTTP.
// Run: npx tsx bench/broadcast-archive.ts [--people 10000] [--incidents 3] [--per-entry 2000]
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IncidentArchiver } from '../src/features/incidents/incident-archiver.js';
import { openIncident, reviseIncident } from '../src/features/incidents/incident.js';
import { deliveryId, type DeliveryEntry, type DeliveryTarget } from '../src/features/incidents/incident-store.js';
import { KeyedLock } from '../src/shared/keyed-lock.js';
import { silentLogger } from '../src/shared/logger.js';
import type { ConversationAddress } from '../src/shared/messaging.js';
import { DataDir } from '../src/storage/data-dir.js';
import { LowdbIncidentStore } from '../src/storage/lowdb-incident-store.js';
import { LowdbOutboxStore } from '../src/storage/lowdb-outbox-store.js';
import { argument } from './argument.js';

const PEOPLE = argument('people', 10_000);
const INCIDENTS = argument('incidents', 3);
const PER_ENTRY = argument('per-entry', 2000);
const by = { source: 'webhook' as const };
const content = { systems: ['SKAIS'], severity: 'major' as const, status: 'investigating' as const, title: 'SKAIS ei avane', description: 'Koormustest.' };

const address = (index: number): ConversationAddress => {
  const aad = `00000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
  return { channel: 'msteams', serviceUrl: 'http://127.0.0.1:3978/', tenantId: 'bench', conversationId: `a:bench-${index}`, kind: 'personal', bot: { id: '28:bench' }, user: { teamsId: `29:${aad}`, aadObjectId: aad } };
};
const target = (index: number): DeliveryTarget => ({ key: `personal:a:bench-${index}`, kind: 'personal', address: address(index), lang: 'et' });
const entry = (incidentId: string, index: number): DeliveryEntry => ({
  id: deliveryId(incidentId, target(index).key), incidentId, key: target(index).key, address: address(index), state: 'idle', messageId: `m${index}`, deliveredVersion: 2, sendingVersion: 2, attempts: 0, updatedAt: new Date().toISOString(),
});

const bytesIn = (folder: string, prefix: string): number => readdirSync(folder).filter((name) => name.startsWith(prefix)).reduce((sum, name) => sum + statSync(join(folder, name)).size, 0);

/** Median milliseconds of 5 rounds of 200 single-entry writes to the outbox (each rewrites one live shard); the entries are dropped after. */
async function timeWrites(outbox: LowdbOutboxStore, incidentId: string): Promise<number> {
  const rounds: number[] = [];
  for (let round = 0; round < 5; round += 1) {
    const started = performance.now();
    for (let index = 0; index < 200; index += 1) await outbox.put({ ...entry(incidentId, index), deliveredVersion: 0, state: 'sending' });
    rounds.push(performance.now() - started);
  }
  await outbox.dropLive(incidentId);
  return rounds.sort((a, b) => a - b)[2];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tugibot-bench-archive-'));
  const dataDir = await DataDir.open(dir, silentLogger());
  const incidents = await LowdbIncidentStore.open(dataDir);
  const outbox = await LowdbOutboxStore.open(dataDir);
  const reporter = { progress: async () => undefined, settled: async () => true, forget: () => undefined };
  const archiver = new IncidentArchiver({ incidents, deliveries: outbox, reporter, logger: silentLogger(), locks: new KeyedLock(), graceMs: 0 });
  const rows: Array<[string, string]> = [['conversations per incident', String(PEOPLE)]];

  rows.push(['200 single writes, no history (ms, median of 5)', (await timeWrites(outbox, 'probe-0')).toFixed(0)]);
  for (let round = 1; round <= INCIDENTS; round += 1) {
    const id = `RIKE-BENCH-${round}`;
    const opened = openIncident(content, { id, now: new Date(), by });
    await incidents.saveBroadcast({ id, targets: Array.from({ length: PEOPLE }, (_, index) => target(index)) });
    await incidents.save(reviseIncident(opened, { ...content, status: 'resolved' }, new Date(), by).incident);
    await Promise.all(Array.from({ length: PEOPLE }, (_, index) => outbox.put(entry(id, index))));
    const liveBytes = bytesIn(join(dir, 'deliveries'), 'live-');
    const started = performance.now();
    await archiver.sweep(new Date());
    rows.push([`incident ${round}: live outbox before archiving (MB)`, (liveBytes / 1e6).toFixed(2)]);
    rows.push([`incident ${round}: archiving sweep (s)`, ((performance.now() - started) / 1000).toFixed(2)]);
    rows.push([`incident ${round}: live outbox entries after`, String((await Promise.all((await outbox.liveIncidentIds()).map((id) => outbox.liveFor(id)))).flat().length)]);
  }
  rows.push([`200 single writes after ${INCIDENTS * PEOPLE} archived entries (ms, median of 5)`, (await timeWrites(outbox, 'probe-1')).toFixed(0)]);
  rows.push(['delivery archive on disk (MB)', (bytesIn(join(dir, 'delivery-archive'), 'archive-') / 1e6).toFixed(2)]);
  await dataDir.close();
  rmSync(dir, { recursive: true, force: true });

  if (PER_ENTRY > 0) rows.push([`for comparison: Collection.archive() per entry, ${PER_ENTRY} entries (s)`, (await perEntry(PER_ENTRY)).toFixed(2)]);
  const width = Math.max(...rows.map(([name]) => name.length));
  process.stdout.write(`| ${'measure'.padEnd(width)} | value |\n|${'-'.repeat(width + 2)}|-------|\n`);
  for (const [name, value] of rows) process.stdout.write(`| ${name.padEnd(width)} | ${value} |\n`);
}

/** The same outbox entries archived one by one: each append rewrites the newest archive segment. */
async function perEntry(count: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'tugibot-bench-archive-'));
  const dataDir = await DataDir.open(dir, silentLogger());
  const collection = await dataDir.collection<DeliveryEntry>('deliveries', { shards: 256, segmentSize: 5000 });
  const entries = Array.from({ length: count }, (_, index) => entry('RIKE-PER-ENTRY', index));
  await Promise.all(entries.map((item) => collection.put(item)));
  const started = performance.now();
  await Promise.all(entries.map((item) => collection.archive(item)));
  const seconds = (performance.now() - started) / 1000;
  await dataDir.close();
  rmSync(dir, { recursive: true, force: true });
  return seconds;
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
