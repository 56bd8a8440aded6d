import type { KeyedLock } from '../../shared/keyed-lock.js';
import type { Logger } from '../../shared/logger.js';
import { archiveDue, ARCHIVE_GRACE_MS } from './archive-due.js';
import type { DeliveryProgress } from './delivery-progress.js';
import { recordOf } from './delivery-record.js';
import type { Incident } from './incident.js';
import type { DeliveryStore, IncidentStore } from './incident-store.js';

export interface ArchiverDeps {
  incidents: IncidentStore;
  deliveries: DeliveryStore;
  reporter: { progress(incidentId: string): Promise<DeliveryProgress | undefined>; settled(incidentId: string): Promise<boolean>; forget(incidentId: string): void };
  logger: Logger;
  /** The incidents' intake lock (a ReplicaLock across replicas on PostgreSQL): archiving is decided one at a time with intake. */
  locks: KeyedLock;
  graceMs?: number;
}

/**
 * Moves finished incidents out of the live records (see archiveDue), so that the outbox's live
 * set holds only open work and writes and scans do not grow with history. The order keeps a crash
 * at any point harmless:
 *
 * 1. the delivery record is appended (the live entries are still there; a repeat skips it);
 * 2. the incident leaves the live set, so the worker and the reporter no longer look at it;
 * 3. its outbox entries leave the live shards; leftovers of an interrupted run are removed by the
 *    next sweep (an entry never outlives its incident in a way that makes the worker send again).
 *
 * Steps 1 and 2 run under the intake lock on the incident read again there: a correction saved
 * meanwhile (on this replica or another) is not overwritten by the copy the sweep read first.
 */
export class IncidentArchiver {
  constructor(private readonly deps: ArchiverDeps) {}

  /** Archives what is due at `now`; returns the ids archived. */
  async sweep(now: Date): Promise<string[]> {
    const archived: string[] = [];
    for (const incident of await this.deps.incidents.live()) {
      const facts = { progress: await this.deps.reporter.progress(incident.id), reported: await this.deps.reporter.settled(incident.id) };
      if (!archiveDue(incident, facts, now, this.deps.graceMs ?? ARCHIVE_GRACE_MS)) continue;
      if (await this.archive(incident, now)) archived.push(incident.id);
    }
    await this.dropLeftovers(now);
    return archived;
  }

  /** False when the incident changed or left since the sweep read it: the next sweep decides again. */
  private async archive(read: Incident, now: Date): Promise<boolean> {
    const { incidents, deliveries } = this.deps;
    const done = await this.deps.locks.run('incidents:intake', async () => {
      const incident = await incidents.getLive(read.id);
      if (!incident || (incident.revision ?? 0) !== (read.revision ?? 0)) return undefined;
      const record = recordOf(incident, await incidents.broadcast(incident.id), await deliveries.liveFor(incident.id), now);
      await deliveries.record(record);
      await incidents.archive(incident);
      return { incident, record };
    });
    if (!done) {
      this.deps.logger.debug({ incidentId: read.id }, 'incident changed since the sweep read it; not archived now');
      return false;
    }
    const { incident, record } = done;
    const dropped = await deliveries.dropLive(incident.id);
    this.deps.reporter.forget(incident.id);
    this.deps.logger.info({ incidentId: incident.id, version: incident.version, entries: dropped, delivered: record.progress.delivered, failed: record.progress.failed, dropped: record.progress.dropped }, 'incident archived');
    return true;
  }

  /** Outbox entries of incidents already archived: an earlier sweep stopped between steps 2 and 3. */
  private async dropLeftovers(now: Date): Promise<void> {
    const { incidents, deliveries } = this.deps;
    for (const incidentId of await deliveries.liveIncidentIds()) {
      if (!(await incidents.isArchived(incidentId))) continue;
      if (!(await deliveries.hasRecord(incidentId))) {
        const incident = await incidents.get(incidentId);
        if (incident) await deliveries.record(recordOf(incident, undefined, await deliveries.liveFor(incidentId), now));
      }
      const dropped = await deliveries.dropLive(incidentId);
      this.deps.logger.warn({ incidentId, entries: dropped }, 'dropped outbox entries left over from an interrupted archiving');
    }
  }
}
