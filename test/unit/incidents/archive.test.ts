import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { archiveDue, ARCHIVE_GRACE_MS, REPORT_PATIENCE_MS } from '../../../src/features/incidents/archive-due.js';
import type { DeliveryProgress } from '../../../src/features/incidents/delivery-progress.js';
import { recordOf, type DeliveryRecord } from '../../../src/features/incidents/delivery-record.js';
import { IncidentArchiver } from '../../../src/features/incidents/incident-archiver.js';
import { openIncident, reviseIncident, type Incident } from '../../../src/features/incidents/incident.js';
import { deliveryId, type Broadcast, type DeliveryEntry, type DeliveryTarget } from '../../../src/features/incidents/incident-store.js';
import { KeyedLock } from '../../../src/shared/keyed-lock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import type { ConversationAddress } from '../../../src/shared/messaging.js';
import { LowdbIncidentStore } from '../../../src/storage/lowdb-incident-store.js';
import { LowdbOutboxStore } from '../../../src/storage/lowdb-outbox-store.js';
import { recordsOnDisk, startIncidents } from './incidents-kit.js';
import { useTempDataDir } from '../../support/use-temp-data-dir.js';

const by = { source: 'teams' as const, name: 'Siim Spetsialist' };
const opened = new Date('2026-11-26T08:00:00Z');
const resolvedAt = new Date('2026-11-26T09:00:00Z');
const content = { systems: ['SKAIS'], severity: 'major' as const, status: 'investigating' as const, title: 'SKAIS on aeglane', description: 'Uurime.' };

function resolvedIncident(id: string): Incident {
  const incident = openIncident(content, { id, ref: `ref-${id}`, now: opened, by });
  return reviseIncident(incident, { ...content, status: 'resolved' }, resolvedAt, by).incident;
}

const progress = (pending: number): DeliveryProgress => ({ version: 2, total: 3, delivered: 3 - pending, pending, failed: 0, dropped: 0, reasons: {} });
const at = (ms: number) => new Date(resolvedAt.getTime() + ms);

describe('archiveDue', () => {
  it('archives a resolved incident once its outbox is final, its report current and the grace period over', () => {
    const incident = resolvedIncident('R1');
    expect(archiveDue(incident, { progress: progress(0), reported: true }, at(ARCHIVE_GRACE_MS))).toBe(true);
    expect(archiveDue(incident, { progress: progress(0), reported: true }, at(ARCHIVE_GRACE_MS - 1))).toBe(false);
    expect(archiveDue(incident, { progress: progress(1), reported: true }, at(REPORT_PATIENCE_MS * 2))).toBe(false);
    expect(archiveDue(incident, { progress: undefined, reported: true }, at(ARCHIVE_GRACE_MS))).toBe(true);
    expect(archiveDue(incident, { progress: progress(0), reported: true }, resolvedAt, 0)).toBe(true);
  });

  it('waits for the report, but not for ever', () => {
    const incident = resolvedIncident('R1');
    expect(archiveDue(incident, { progress: progress(0), reported: false }, at(ARCHIVE_GRACE_MS))).toBe(false);
    expect(archiveDue(incident, { progress: progress(0), reported: false }, at(REPORT_PATIENCE_MS))).toBe(true);
  });

  it('never archives an open incident', () => {
    const incident = openIncident(content, { id: 'O1', now: opened, by });
    expect(archiveDue(incident, { progress: progress(0), reported: true }, at(REPORT_PATIENCE_MS * 10))).toBe(false);
  });
});

const address = (id: string): ConversationAddress => ({ channel: 'msteams', serviceUrl: 'http://x', conversationId: id, kind: 'personal', bot: { id: '28:b' }, user: { teamsId: `29:${id}`, aadObjectId: id } });
const target = (index: number): DeliveryTarget => ({ key: `personal:a:${index}`, kind: 'personal', address: address(`a:${index}`), lang: 'et' });
function entry(incidentId: string, index: number, over: Partial<DeliveryEntry> = {}): DeliveryEntry {
  return { id: deliveryId(incidentId, `personal:a:${index}`), incidentId, key: `personal:a:${index}`, address: address(`a:${index}`), state: 'idle', messageId: `m${index}`, deliveredVersion: 2, sendingVersion: 2, attempts: 0, updatedAt: resolvedAt.toISOString(), ...over };
}

describe('recordOf', () => {
  it('keeps what became of each conversation, without the addresses', () => {
    const incident = resolvedIncident('R1');
    const broadcast: Broadcast = { id: 'R1', targets: [0, 1, 2].map(target) };
    const entries = [entry('R1', 0), entry('R1', 1, { deliveredVersion: 1, failedVersion: 2, failure: '400 BadArgument' }), entry('R1', 2, { state: 'dropped', failure: '403 ConversationBlockedByUser' })];
    const record = recordOf(incident, broadcast, entries, resolvedAt);
    expect(record.progress).toMatchObject({ total: 3, delivered: 1, failed: 1, dropped: 1, pending: 0 });
    expect(record.targets).toEqual([
      { key: 'personal:a:0', kind: 'personal', conversationId: 'a:0', messageId: 'm0', outcome: 'delivered', deliveredVersion: 2, failure: undefined, personId: 'a:0', name: undefined, at: resolvedAt.toISOString() },
      { key: 'personal:a:1', kind: 'personal', conversationId: 'a:1', messageId: 'm1', outcome: 'failed', deliveredVersion: 1, failure: '400 BadArgument', personId: 'a:1', name: undefined, at: resolvedAt.toISOString() },
      { key: 'personal:a:2', kind: 'personal', conversationId: 'a:2', messageId: 'm2', outcome: 'dropped', deliveredVersion: 2, failure: '403 ConversationBlockedByUser', personId: 'a:2', name: undefined, at: resolvedAt.toISOString() },
    ]);
    expect(JSON.stringify(record)).not.toContain('aadObjectId');
  });
});

/** Live shard files of the outbox: how many records they hold and how many bytes. */
function liveShards(dir: string): { records: number; bytes: number } {
  const folder = join(dir, 'deliveries');
  const bytes = readdirSync(folder).filter((name) => name.startsWith('live-')).reduce((sum, name) => sum + statSync(join(folder, name)).size, 0);
  return { records: recordsOnDisk(dir, 'deliveries', 'live').length, bytes };
}

describe('archiving on lowdb', () => {
  const PEOPLE = 300;
  const temp = useTempDataDir('tugibot-arch-');

  async function open() {
    const dataDir = await temp.open();
    const incidents = await LowdbIncidentStore.open(dataDir);
    const deliveries = await LowdbOutboxStore.open(dataDir);
    const reporter = { progress: async () => undefined, settled: async () => true, forget: () => undefined };
    const archiver = new IncidentArchiver({ incidents, deliveries, reporter, logger: silentLogger(), locks: new KeyedLock(), graceMs: 0 });
    return { dataDir, incidents, deliveries, archiver };
  }

  async function deliverResolved(stores: Awaited<ReturnType<typeof open>>, id: string): Promise<void> {
    await stores.incidents.saveBroadcast({ id, targets: Array.from({ length: PEOPLE }, (_, index) => target(index)) });
    await stores.incidents.save(resolvedIncident(id));
    await Promise.all(Array.from({ length: PEOPLE }, (_, index) => stores.deliveries.put(entry(id, index))));
  }

  it('keeps write cost flat: archived history leaves the live shards, one record per incident in the archive', async () => {
    const stores = await open();
    await deliverResolved(stores, 'R0');
    const oneBroadcast = liveShards(temp.path);
    expect(oneBroadcast.records).toBe(PEOPLE);

    for (const id of ['R0', 'R1', 'R2']) {
      if (id !== 'R0') await deliverResolved(stores, id);
      expect(await stores.archiver.sweep(resolvedAt)).toEqual([id]);
      expect(liveShards(temp.path).records).toBe(0);
    }
    // A fourth broadcast writes shards as big as the first one did, whatever was archived before
    // (bytes differ only by how the ids happen to spread over the shards).
    await deliverResolved(stores, 'R3');
    const fourth = liveShards(temp.path);
    expect(fourth.records).toBe(oneBroadcast.records);
    expect(Math.abs(fourth.bytes - oneBroadcast.bytes) / oneBroadcast.bytes).toBeLessThan(0.03);
    await stores.dataDir.close();

    const archived = recordsOnDisk<DeliveryRecord>(temp.path, 'delivery-archive', 'archive');
    expect(archived.map((record) => [record.id, record.targets.length, record.progress.delivered])).toEqual([['R0', PEOPLE, PEOPLE], ['R1', PEOPLE, PEOPLE], ['R2', PEOPLE, PEOPLE]]);
    expect(recordsOnDisk<Incident>(temp.path, 'incidents', 'archive').map((incident) => incident.id)).toEqual(['R0', 'R1', 'R2']);
    expect(recordsOnDisk(temp.path, 'incident-broadcasts', 'live').map((broadcast) => broadcast.id)).toEqual(['R3']);

    const again = await open();
    expect((await again.incidents.live()).map((incident) => incident.id)).toEqual(['R3']);
    expect(await again.deliveries.liveIncidentIds()).toEqual(['R3']);
    expect(await again.incidents.get('R1')).toMatchObject({ id: 'R1', status: 'resolved' });
    expect(await again.incidents.findArchivedByRef('ref-R1')).toMatchObject({ id: 'R1' });
    expect(await again.incidents.findByRef('ref-R1')).toBeUndefined();
    expect((await again.deliveries.getRecord('R2'))?.targets).toHaveLength(PEOPLE);
    await again.dataDir.close();
    // It measures shard sizes, not time: on a loaded machine its writes passed jest's 20 s, and the
    // folder removed under the still-open data folder made its lock exit the whole run.
  }, 60_000);

  it('finishes an archiving that stopped half-way, without recording twice', async () => {
    const stores = await open();
    await deliverResolved(stores, 'R0');
    const incident = (await stores.incidents.getLive('R0')) as Incident;
    // Steps 1 and 2 done, then the process died before the outbox entries were dropped.
    await stores.deliveries.record(recordOf(incident, await stores.incidents.broadcast('R0'), await stores.deliveries.liveFor('R0'), resolvedAt));
    await stores.incidents.archive(incident);
    await stores.dataDir.close();

    const again = await open();
    expect(await again.deliveries.liveIncidentIds()).toEqual(['R0']);
    expect(await again.archiver.sweep(resolvedAt)).toEqual([]);
    expect(await again.deliveries.liveIncidentIds()).toEqual([]);
    await again.dataDir.close();
    expect(liveShards(temp.path).records).toBe(0);
    expect(recordsOnDisk(temp.path, 'delivery-archive', 'archive')).toHaveLength(1);
  });
});

const star = { ref: 'star-1', systems: ['STAR'], severity: 'major' as const, status: 'investigating' as const, title: 'STAR ei salvesta otsuseid', description: 'Uurime.' };
const webhook = { source: 'teams' as const, name: 'Siim Spetsialist' };

describe('the feature\'s tick', () => {
  it('archives a resolved incident an hour after everyone has the resolution, with no report to wait for', async () => {
    const kit = await startIncidents();
    try {
      await kit.conversations.save({ channel: 'msteams', serviceUrl: 'http://x', conversationId: 'a:kati', kind: 'personal', bot: { id: '28:b' }, user: { teamsId: '29:kati', aadObjectId: 'kati' } });
      const { answer } = await kit.feature.service.intake(star, { by: webhook });
      const resolved = await kit.feature.service.intake({ ...star, status: 'resolved', description: 'Parandatud.' }, { by: webhook });
      await waitUntil(() => kit.messenger.calls.some((call) => call.kind === 'update' && JSON.stringify(call.reply).includes('Lahendatud: STAR')));
      await kit.feature.handle.tick?.(new Date(kit.clock.now().getTime() + ARCHIVE_GRACE_MS - 1));
      expect((await kit.feature.service.current()).map((incident) => incident.id)).toEqual([answer.id]);
      await kit.feature.handle.tick?.(new Date(kit.clock.now().getTime() + ARCHIVE_GRACE_MS));
      expect(await kit.feature.service.current()).toEqual([]);
      expect(await kit.feature.service.find(answer.id)).toMatchObject({ status: 'resolved', version: resolved.incident?.version });
    } finally {
      await kit.close();
    }
  });
});

async function waitUntil(done: () => boolean): Promise<void> {
  for (let round = 0; round < 200 && !done(); round += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  expect(done()).toBe(true);
}
