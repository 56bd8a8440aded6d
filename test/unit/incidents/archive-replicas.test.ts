import { IncidentArchiver } from '../../../src/features/incidents/incident-archiver.js';
import { openIncident, reviseIncident } from '../../../src/features/incidents/incident.js';
import type { Maintenance } from '../../../src/features/incidents/maintenance.js';
import { KeyedLock } from '../../../src/shared/keyed-lock.js';
import { silentLogger } from '../../../src/shared/logger.js';
import { openLowdbIncidentStores } from '../../../src/storage/open-lowdb-stores.js';
import { useTempDataDir } from '../../support/use-temp-data-dir.js';

const startsAt = '2026-12-07T08:00:00.000Z';
const endsAt = '2026-12-07T08:30:00.000Z';
const content = { systems: ['SKAIS'], severity: 'minor' as const, status: 'identified' as const, title: 'SKAIS hooldus', description: 'SKAIS on hoolduse ajal kättesaamatu.', startsAt, expectedEnd: endsAt };
const schedule = { source: 'schedule' as const };

/** A maintenance that ended at 08:30 while its start reminders were still going out (9 of 40 counted so far). */
function endedMaintenance(): Maintenance {
  const opened = openIncident(content, { id: 'HOOLDUS-20261207-0001', now: new Date('2026-12-06T08:00:00.000Z'), by: schedule });
  const ended = reviseIncident(opened, { ...content, status: 'resolved' }, new Date(endsAt), schedule).incident;
  const reminder = { at: startsAt, until: 40, next: 40, sent: 9 };
  return { ...ended, kind: 'maintenance', stage: 'published', startsAt, expectedEnd: endsAt, maintenance: { lead: '24h', announceAt: '2026-12-06T08:00:00.000Z', phase: 'ended', plannedBy: {}, endedAt: endsAt, reminder } };
}

/**
 * One replica's tick archives a finished incident while another replica saves it: the start
 * reminders' last batch records its tally on the maintenance that has just ended (compare-and-set,
 * as maintenance-reminder.ts does). One KeyedLock stands for the ReplicaLock both replicas take on
 * PostgreSQL ('incidents:' keys); the store is shared, as the database is.
 */
describe('archiving while another replica saves the incident', () => {
  const temp = useTempDataDir('tugibot-archive-replicas-');

  it('does not archive the copy the sweep read over a save made meanwhile; the next sweep archives what was saved', async () => {
    const stores = await openLowdbIncidentStores(await temp.open());
    const locks = new KeyedLock();
    await stores.incidents.saveIf(endedMaintenance(), undefined);
    let tally: (() => Promise<unknown>) | undefined = async () => {
      const read = (await stores.incidents.getLive('HOOLDUS-20261207-0001')) as Maintenance;
      const reminder = { ...read.maintenance.reminder!, sent: 40 };
      return locks.run('incidents:intake', () => stores.incidents.saveIf({ ...read, maintenance: { ...read.maintenance, reminder } }, read.revision ?? 0));
    };
    // The other replica's save lands after the sweep read the live incidents and decided, before it archives.
    const settled = async () => {
      const save = tally;
      tally = undefined;
      if (save) expect(await save()).toBeDefined();
      return true;
    };
    const reporter = { progress: async () => undefined, settled, forget: () => undefined };
    const archiver = new IncidentArchiver({ incidents: stores.incidents, deliveries: stores.deliveries, reporter, logger: silentLogger(), locks, graceMs: 0 });
    const now = new Date('2026-12-07T12:00:00.000Z');

    expect(await archiver.sweep(now)).toEqual([]);
    expect(await stores.incidents.getLive('HOOLDUS-20261207-0001')).toMatchObject({ maintenance: { reminder: { sent: 40 } } });

    expect(await archiver.sweep(now)).toEqual(['HOOLDUS-20261207-0001']);
    expect(await stores.incidents.isArchived('HOOLDUS-20261207-0001')).toBe(true);
    expect(await stores.incidents.get('HOOLDUS-20261207-0001')).toMatchObject({ status: 'resolved', maintenance: { phase: 'ended', reminder: { sent: 40 } } });
  });
});
