import { openIncident } from '../../../src/features/incidents/incident.js';
import { deliveryId, type DeliveryTarget } from '../../../src/features/incidents/incident-store.js';
import {
  MAINTENANCE_NOT_LATER, MAINTENANCE_OVER, MAINTENANCE_STARTED, advanceMaintenance, announceAtFor, cancelMaintenance, extendMaintenance, type Maintenance,
} from '../../../src/features/incidents/maintenance.js';
import { StartReminders } from '../../../src/features/incidents/maintenance-reminder.js';
import { Pacer } from '../../../src/features/incidents/pacer.js';
import { KeyedLock } from '../../../src/shared/keyed-lock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { LowdbIncidentStore } from '../../../src/storage/lowdb-incident-store.js';
import { LowdbOutboxStore } from '../../../src/storage/lowdb-outbox-store.js';
import { RecordingMessenger } from './incidents-kit.js';
import { useTempDataDir } from '../../support/use-temp-data-dir.js';

const by = { source: 'teams' as const, name: 'Siim Spetsialist' };
const at = (iso: string) => new Date(iso);

function maintenance(phase: Maintenance['maintenance']['phase'] = 'scheduled'): Maintenance {
  const opened = openIncident({ systems: ['SKAIS'], severity: 'minor', status: 'identified', title: 'SKAIS hooldus', description: 'Hooldus.', startsAt: '2026-12-09T16:00:00.000Z', expectedEnd: '2026-12-09T18:00:00.000Z' }, { id: 'HOOLDUS-1', now: at('2026-12-07T08:00:00Z'), by });
  return { ...opened, startsAt: '2026-12-09T16:00:00.000Z', expectedEnd: '2026-12-09T18:00:00.000Z', kind: 'maintenance', stage: phase === 'scheduled' ? 'draft' : 'published', maintenance: { lead: '24h', announceAt: '2026-12-08T16:00:00.000Z', phase, plannedBy: {} } };
}

describe('maintenance rules', () => {
  it('announces at the lead before the start, never before now', () => {
    const start = at('2026-12-09T16:00:00Z');
    expect(announceAtFor(start, '24h', at('2026-12-07T08:00:00Z')).toISOString()).toBe('2026-12-08T16:00:00.000Z');
    expect(announceAtFor(start, '72h', at('2026-12-07T08:00:00Z')).toISOString()).toBe('2026-12-07T08:00:00.000Z');
    expect(announceAtFor(start, 'now', at('2026-12-07T08:00:00Z')).toISOString()).toBe('2026-12-07T08:00:00.000Z');
  });

  it('moves on once per phase, and not before its time', () => {
    const item = maintenance();
    expect(advanceMaintenance(item, at('2026-12-08T15:59:59Z'))).toBeUndefined();
    const announced = advanceMaintenance(item, at('2026-12-08T16:00:00Z'))!;
    expect(announced).toMatchObject({ tell: true, remind: false, incident: { version: 2, stage: 'published', maintenance: { phase: 'announced' } } });
    expect(advanceMaintenance(announced.incident, at('2026-12-09T15:00:00Z'))).toBeUndefined();
    const started = advanceMaintenance(announced.incident, at('2026-12-09T16:00:00Z'))!;
    expect(started).toMatchObject({ tell: true, remind: true, incident: { version: 3, status: 'identified', maintenance: { phase: 'started' } } });
    const ended = advanceMaintenance(started.incident, at('2026-12-09T18:00:00Z'))!;
    expect(ended).toMatchObject({ tell: true, remind: false, incident: { version: 4, status: 'resolved', maintenance: { phase: 'ended' } } });
    expect(advanceMaintenance(ended.incident, at('2026-12-10T00:00:00Z'))).toBeUndefined();
  });

  it('skips phases it slept through: one message saying how things are now', () => {
    const late = advanceMaintenance(maintenance(), at('2026-12-09T17:00:00Z'))!;
    expect(late).toMatchObject({ tell: true, remind: false, incident: { maintenance: { phase: 'started' } } });
    const over = advanceMaintenance(maintenance(), at('2026-12-09T19:00:00Z'))!;
    expect(over).toMatchObject({ tell: false, remind: false, incident: { status: 'resolved', stage: 'withdrawn', maintenance: { phase: 'ended' } } });
  });

  it('extends only to a later end while not over, and cancels only before the start', () => {
    const running = maintenance('started');
    expect(() => extendMaintenance(running, at('2026-12-09T17:00:00Z'), at('2026-12-09T16:30:00Z'), by, '')).toThrow(MAINTENANCE_NOT_LATER.userText.en.slice(0, 20));
    const extended = extendMaintenance(running, at('2026-12-09T20:00:00Z'), at('2026-12-09T16:30:00Z'), by, '');
    expect(extended).toMatchObject({ tell: true, incident: { expectedEnd: '2026-12-09T20:00:00.000Z', maintenance: { extended: { previousEnd: '2026-12-09T18:00:00.000Z' } } } });
    expect(advanceMaintenance(extended.incident, at('2026-12-09T18:00:00Z'))).toBeUndefined();
    expect(() => cancelMaintenance(running, at('2026-12-09T16:30:00Z'), by)).toThrow(MAINTENANCE_STARTED);
    expect(() => cancelMaintenance(maintenance('announced'), at('2026-12-09T16:00:00Z'), by)).toThrow(MAINTENANCE_STARTED);
    expect(cancelMaintenance(maintenance('announced'), at('2026-12-09T10:00:00Z'), by)).toMatchObject({ tell: true, incident: { status: 'resolved', maintenance: { phase: 'cancelled' } } });
    expect(cancelMaintenance(maintenance(), at('2026-12-08T10:00:00Z'), by)).toMatchObject({ tell: false, incident: { stage: 'withdrawn' } });
    const over = advanceMaintenance(running, at('2026-12-09T18:00:00Z'))!.incident;
    expect(() => extendMaintenance(over, at('2026-12-09T20:00:00Z'), at('2026-12-09T18:01:00Z'), by, '')).toThrow(MAINTENANCE_OVER);
  });
});

describe('start reminders', () => {
  const temp = useTempDataDir('tugibot-maint-');

  it('resume after a restart from the last claimed batch and never remind a conversation twice', async () => {
    const open = async () => {
      const dataDir = await temp.open();
      return { dataDir, store: await LowdbIncidentStore.open(dataDir), deliveries: await LowdbOutboxStore.open(dataDir) };
    };
    const address = (n: number) => ({ channel: 'msteams', serviceUrl: 'http://x', conversationId: `a:${n}`, kind: 'personal' as const, bot: { id: '28:b' } });
    const targets: DeliveryTarget[] = Array.from({ length: 6 }, (_, n) => ({ key: `personal:a:${n}`, kind: 'personal', address: address(n), lang: 'et' }));
    const item = { ...maintenance('started'), maintenance: { ...maintenance('started').maintenance, reminder: { at: '2026-12-09T16:00:00.000Z', until: 6, next: 0, sent: 0 } } };
    let stores = await open();
    await stores.store.saveBroadcast({ id: item.id, targets });
    await stores.store.save(item);
    for (const [n, target] of targets.entries()) {
      await stores.deliveries.put({ id: deliveryId(item.id, target.key), incidentId: item.id, key: target.key, address: address(n), state: 'idle', messageId: `m${n}`, deliveredVersion: item.version, sendingVersion: item.version, attempts: 0, updatedAt: item.updatedAt });
    }
    const messenger = new RecordingMessenger();
    const reminders = (stopped: () => boolean) => new StartReminders({ store: stores.store, deliveries: stores.deliveries, messenger, pacer: new Pacer({ perSecond: 1000, perConversation: 1000 }), locks: new KeyedLock(), logger: silentLogger(), stopped, batch: 2 });
    // The process stops after the third send: in the middle of the second batch.
    const first = reminders(() => messenger.calls.length >= 3);
    first.run(item.id);
    await first.settle();
    expect(messenger.calls.map((call) => call.conversationId)).toEqual(['a:0', 'a:1', 'a:2']);
    await stores.dataDir.close();

    stores = await open();
    expect((await stores.store.getLive(item.id))?.maintenance?.reminder?.next).toBe(4);
    const second = reminders(() => false);
    second.run(item.id);
    await second.settle();
    // a:3 was claimed with the interrupted batch: it keeps the notice (edited in place) but misses the short reminder.
    expect(messenger.calls.map((call) => call.conversationId)).toEqual(['a:0', 'a:1', 'a:2', 'a:4', 'a:5']);
    expect((await stores.store.getLive(item.id))?.maintenance?.reminder).toMatchObject({ next: 6, until: 6 });
    second.run(item.id);
    await second.settle();
    expect(messenger.calls).toHaveLength(5);
    await stores.dataDir.close();
  });
});
