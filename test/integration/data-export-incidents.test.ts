import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AppInstall, DeliveryRecord } from '../../src/features/incidents/index.js';
import { silentLogger } from '../../src/shared/logger.js';
import { exportData, importData } from '../../src/storage/move-data.js';
import { openLowdbIncidentStores } from '../../src/storage/open-lowdb-stores.js';
import { pgIncidentStores } from '../../src/storage/postgres/incident-stores.js';
import { entry, incident, target, withoutRevision, type IncidentStoresUnderTest } from '../contract/incident-records.js';
import { useDataMoveRig } from '../support/use-data-move-rig.js';
import { describeWithPostgres } from '../support/postgres.js';

const LIVE = 'INC-live';
const DONE = 'INC-done';
const mari = '0000000a-aaaa-4bbb-8ccc-000000000000';

/** A desk mid-broadcast with history: a live incident with its audience, outbox and acks; an archived one with its record; receipts, subscriptions, installs. */
async function seed(stores: IncidentStoresUnderTest): Promise<void> {
  await stores.incidents.saveBroadcast({ id: LIVE, targets: [target(1), target(2), target(3, 'channel')], reach: { selected: 3, unreached: 0 } });
  await stores.incidents.save(incident(LIVE));
  await stores.deliveries.put(entry(LIVE, 1, { state: 'idle', deliveredVersion: 1, messageId: 'm-1' }));
  await stores.deliveries.put(entry(LIVE, 2, { state: 'sending', attempts: 1 }));
  await stores.deliveries.put(entry(LIVE, 4, { state: 'dropped', failure: 'blocked' }));
  await stores.incidents.saveBroadcast({ id: DONE, targets: [target(1)] });
  const done = incident(DONE, { createdAt: '2026-12-06T08:00:00.000Z', ref: 'mon-7', status: 'resolved', resolvedAt: '2026-12-06T09:00:00.000Z' });
  await stores.incidents.save(done);
  const record: DeliveryRecord = { id: DONE, version: 1, archivedAt: '2026-12-06T10:00:00.000Z', progress: { version: 1, total: 1, delivered: 1, pending: 0, failed: 0, dropped: 0, reasons: {} }, targets: [] };
  await stores.deliveries.record(record);
  await stores.incidents.archive(done);
  await stores.receipts.put({ id: 'idem-1', bodyHash: 'h', answer: { id: LIVE, ref: LIVE, status: 'investigating' }, at: '2026-12-07T08:00:00.000Z' });
  await stores.subscriptions.save(mari.toUpperCase(), ['SKAIS']);
  await stores.acks.add({ id: '', incidentId: LIVE, aadObjectId: mari.toUpperCase(), at: '2026-12-07T08:05:00.000Z' });
  const install: AppInstall = { id: mari, state: 'pending', incidents: [LIVE], attempts: 2, nextAttemptAt: 1_800_000_000_000, updatedAt: '2026-12-07T08:06:00.000Z' };
  await stores.installs?.put(install);
}

/** What the incident stores show: the same after every move. */
async function view(stores: IncidentStoresUnderTest) {
  return {
    // Revisions are each store's write counters (an archived record written before they existed has none on lowdb, 1 on PostgreSQL).
    incidents: [withoutRevision(await stores.incidents.get(LIVE)), withoutRevision(await stores.incidents.get(DONE)), await stores.incidents.isArchived(DONE), await stores.incidents.isArchived(LIVE)],
    live: (await stores.incidents.live()).map((item) => item.id),
    byRef: [(await stores.incidents.findByRef(LIVE))?.id, (await stores.incidents.findArchivedByRef('mon-7'))?.id],
    audience: [withoutRevision(await stores.incidents.broadcast(LIVE)), withoutRevision(await stores.incidents.broadcast(DONE))],
    outbox: (await stores.deliveries.liveFor(LIVE)).map(withoutRevision).sort((a, b) => (a?.key ?? '').localeCompare(b?.key ?? '')),
    liveIds: await stores.deliveries.liveIncidentIds(),
    progress: await stores.deliveries.progress(LIVE, 1, 3),
    record: [await stores.deliveries.getRecord(DONE), await stores.deliveries.hasRecord(DONE)],
    receipt: await stores.receipts.get('idem-1'),
    followed: [await stores.subscriptions.followed(mari), await stores.subscriptions.followed('someone-else')],
    acks: [...(await stores.acks.forIncident(LIVE)).entries()],
    installs: await stores.installs?.all(),
  };
}

describeWithPostgres('moving incidents, the outbox, delivery records and acks between lowdb and PostgreSQL', (server) => {
  const move = useDataMoveRig<IncidentStoresUnderTest>('tugibot-move-incidents-', { lowdb: openLowdbIncidentStores, postgres: pgIncidentStores });
  const { lowdbConfig, pgConfig, onLowdb, onPostgres } = move;

  it('moves lowdb -> PostgreSQL -> lowdb identical, mid-broadcast: the outbox, audience, acks and history as they were', async () => {
    await onLowdb('first', seed);
    const before = await onLowdb('first', view);
    expect(before.live).toEqual([LIVE]);
    expect(before.progress).toMatchObject({ delivered: 1, dropped: 1, pending: 1 });
    const url = await server().freshDatabase();
    const exported = await exportData(lowdbConfig('first'), join(move.path, 'desk.jsonl'), silentLogger());
    expect(exported).toMatchObject({ incidents: 2, 'incident-broadcasts': 1, 'incident-deliveries': 3, 'incident-delivery-records': 1, 'incident-receipts': 1,
      'incident-subscriptions': 1, 'incident-acks': 1, 'app-installs': 1 });
    expect(await importData(pgConfig(url), join(move.path, 'desk.jsonl'), silentLogger())).toEqual(exported);
    expect(await onPostgres(url, view)).toEqual(before);

    await exportData(pgConfig(url), join(move.path, 'back.jsonl'), silentLogger());
    await importData(lowdbConfig('second'), join(move.path, 'back.jsonl'), silentLogger());
    expect(await onLowdb('second', view)).toEqual(before);
    // The moved ack still refuses a second press; the moved ref is still taken by the live incident.
    expect(await onLowdb('second', (stores) => stores.acks.add({ id: '', incidentId: LIVE, aadObjectId: mari, at: 'later' }))).toBe(false);
    expect(await onPostgres(url, (stores) => stores.acks.add({ id: '', incidentId: LIVE, aadObjectId: mari, at: 'later' }))).toBe(false);
  });

  it('refuses a target that holds incidents, and an incident line without its ref, writing nothing', async () => {
    await onLowdb('first', seed);
    const file = join(move.path, 'desk.jsonl');
    await exportData(lowdbConfig('first'), file, silentLogger());
    await onLowdb('busy', (stores) => stores.subscriptions.save(mari, ['STAR']));
    await expect(importData(lowdbConfig('busy'), file, silentLogger())).rejects.toThrow(/already holds incidents/);
    const url = await server().freshDatabase();
    await onPostgres(url, (stores) => stores.incidents.save(incident('INC-other')));
    await expect(importData(pgConfig(url), file, silentLogger())).rejects.toThrow(/already holds data \(incidents\)/);

    const damaged = join(move.path, 'damaged.jsonl');
    writeFileSync(damaged, readFileSync(file, 'utf8').replace(`"ref":"${LIVE}",`, ''));
    await expect(importData(pgConfig(await server().freshDatabase()), damaged, silentLogger())).rejects.toThrow(/line \d+: record\.ref: /);
    await expect(importData(lowdbConfig('empty'), damaged, silentLogger())).rejects.toThrow(/record\.ref/);
    expect(await onLowdb('empty', async (stores) => [await stores.incidents.live(), await stores.deliveries.liveIncidentIds()])).toEqual([[], []]);
  });
});
