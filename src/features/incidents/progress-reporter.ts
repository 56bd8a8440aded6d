import type { Logger } from '../../shared/logger.js';
import type { Messenger } from '../../shared/messaging.js';
import { progressOf, type DeliveryProgress } from './delivery-progress.js';
import { deliveryId, type DeliveryStore, type IncidentStore } from './incident-store.js';
import type { Pacer } from './pacer.js';
import { progressReport } from './report-card.js';

/**
 * Keeps each author's progress message current: counts the deliveries of the incident's version
 * and edits the message when the count changed. Logs the final figures once per version.
 */
export class ProgressReporter {
  private readonly shown = new Map<string, string>();
  /** Versions whose final figures were logged. */
  private readonly finished = new Set<string>();
  private running?: Promise<void>;

  constructor(private readonly deps: { incidents: IncidentStore; deliveries: DeliveryStore; messenger: Messenger; pacer: Pacer; logger: Logger }) {}

  /** Progress of the current version of an incident. */
  progress(incidentId: string): DeliveryProgress | undefined {
    const incident = this.deps.incidents.getLive(incidentId);
    const broadcast = this.deps.incidents.broadcast(incidentId);
    if (!incident || !broadcast) return undefined;
    return progressOf(incident.version, broadcast.targets, (key) => this.deps.deliveries.get(deliveryId(incidentId, key)));
  }

  /** One round over the live incidents; a round already running is waited for, not doubled. */
  report(): Promise<void> {
    this.running ??= this.round().finally(() => { this.running = undefined; });
    return this.running;
  }

  private async round(): Promise<void> {
    for (const incident of this.deps.incidents.live()) {
      const progress = this.progress(incident.id);
      if (!progress) continue;
      const done = `${incident.id}@${incident.version}`;
      if (progress.pending === 0 && !this.finished.has(done)) {
        this.finished.add(done);
        this.deps.logger.info({ incidentId: incident.id, version: incident.version, total: progress.total, delivered: progress.delivered, failed: progress.failed, dropped: progress.dropped }, 'notice delivered');
      }
      const report = this.deps.incidents.broadcast(incident.id)?.report;
      if (!report || report.version !== incident.version) continue;
      const key = JSON.stringify(progress);
      if (this.shown.get(incident.id) === key) continue;
      await this.deps.pacer.take(report.address.conversationId);
      try {
        await this.deps.messenger.update(report.address, report.messageId, progressReport(incident, progress, report.lang));
        this.shown.set(incident.id, key);
      } catch (error) {
        this.deps.logger.warn({ err: error, incidentId: incident.id }, 'could not update the progress report; will try again');
      }
    }
  }
}
