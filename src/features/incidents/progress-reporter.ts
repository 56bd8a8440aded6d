import type { Element } from '../../shared/cards.js';
import type { Lang } from '../../shared/i18n.js';
import type { Logger } from '../../shared/logger.js';
import type { Messenger } from '../../shared/messaging.js';
import { ackFiguresOf, type AckFigures } from './ack-figures.js';
import type { DeliveryProgress } from './delivery-progress.js';
import { openDeskReport, UntrackedDeskReport, wantsDeskReport, type DeskChannel } from './desk-report.js';
import type { Incident } from './incident.js';
import { deliveryId, type AckStore, type Broadcast, type BroadcastReport, type DeliveryStore, type IncidentStore } from './incident-store.js';
import type { Pacer } from './pacer.js';
import { progressReport } from './report-card.js';
import type { ReachFigures } from './reach-figures.js';

/** Attempts to post a desk report for one version before giving up (the notices go out regardless). */
const DESK_ATTEMPTS = 3;

export interface ReporterDeps {
  incidents: IncidentStore;
  deliveries: DeliveryStore;
  messenger: Messenger;
  pacer: Pacer;
  logger: Logger;
  /** The specialists' channel, where the reach of monitoring's notices is reported; none when unknown. */
  desk?: () => Promise<DeskChannel | undefined>;
  /** Acknowledgements ("Got it"), counted in the report with people's departments. */
  acks?: AckStore;
  departmentOf?: (aadObjectId: string) => string | undefined;
  /** Buttons under the report (the reminder of a critical notice). */
  buttons?: (incident: Incident, broadcast: Readonly<Broadcast>, lang: Lang) => Element[];
  /** The shortest time between two edits of one report: acknowledgements come in bursts. */
  minIntervalMs?: number;
  wallClock?: () => number;
  /** Installs and people out of reach of a targeted notice (issue 12). */
  reachOf?: (incidentId: string) => Promise<ReachFigures | undefined>;
}

/** What a report shows: deliveries of the current version and, for people, acknowledgements. */
export interface ReportFigures {
  progress: DeliveryProgress;
  acks?: AckFigures;
  reach?: ReachFigures;
}

const MIN_INTERVAL_MS = 3000;

/**
 * Keeps each notice's progress message current: the author's for a notice sent from Teams, one in
 * the specialists' channel for monitoring's. Counts the deliveries of the incident's version and
 * edits the message when the count changed. Logs the final figures once per version.
 */
export class ProgressReporter {
  private readonly shown = new Map<string, string>();
  /** Versions whose final figures were logged. */
  private readonly finished = new Set<string>();
  /** Failed attempts to post a desk report, per incident version; given up after a few. */
  private readonly deskFailures = new Map<string, number>();
  private running?: Promise<void>;
  /** When each incident's report was last edited (epoch ms), to edit it at most every `minIntervalMs`. */
  private readonly editedAt = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private timerAt = 0;
  private closed = false;
  private readonly now: () => number;
  private readonly minIntervalMs: number;

  constructor(private readonly deps: ReporterDeps) {
    this.now = deps.wallClock ?? Date.now;
    this.minIntervalMs = deps.minIntervalMs ?? MIN_INTERVAL_MS;
  }

  /** Something changed outside a delivery pass (an acknowledgement): redraw soon, not at once. */
  nudge(): void {
    this.later(this.minIntervalMs);
  }

  /** Stops the redraw timer. */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private later(ms: number): void {
    const at = this.now() + ms;
    if (this.closed || (this.timer && this.timerAt <= at)) return;
    if (this.timer) clearTimeout(this.timer);
    this.timerAt = at;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.report().catch((error: unknown) => this.deps.logger.warn({ err: error }, 'progress report failed'));
    }, ms);
    this.timer.unref();
  }

  /** Deliveries and acknowledgements of the incident's current version. */
  async figures(incidentId: string): Promise<ReportFigures | undefined> {
    const progress = await this.progress(incidentId);
    const broadcast = await this.deps.incidents.broadcast(incidentId);
    if (!progress || !broadcast) return undefined;
    const reach = await this.deps.reachOf?.(incidentId);
    const base = reach ? { progress, reach } : { progress };
    if (!this.deps.acks || !broadcast.targets.some((target) => target.kind === 'personal')) return base;
    // The incident's entries in one read (one query on a database), not one per person.
    const entries = new Map((await this.deps.deliveries.liveFor(incidentId)).map((entry) => [entry.id, entry]));
    const entryOf = (key: string) => entries.get(deliveryId(incidentId, key));
    return { ...base, acks: ackFiguresOf(progress.version, broadcast.targets, entryOf, await this.deps.acks.forIncident(incidentId), this.deps.departmentOf ?? (() => undefined)) };
  }

  /** Progress of the current version of an incident. */
  async progress(incidentId: string): Promise<DeliveryProgress | undefined> {
    const incident = await this.deps.incidents.getLive(incidentId);
    const broadcast = await this.deps.incidents.broadcast(incidentId);
    if (!incident || !broadcast) return undefined;
    // Counts kept by the outbox as sends complete: reading 90,000 entries every 2 s slowed the sends.
    return this.deps.deliveries.progress(incidentId, incident.version, broadcast.targets.length);
  }

  /** True when the incident's report shows its current figures, or no report is to come for its current version. */
  async settled(incidentId: string): Promise<boolean> {
    const incident = await this.deps.incidents.getLive(incidentId);
    if (!incident) return true;
    const broadcast = await this.deps.incidents.broadcast(incidentId);
    if (broadcast?.report?.version === incident.version) return this.shown.get(incidentId) === JSON.stringify(await this.figures(incidentId));
    const deskToCome = wantsDeskReport(incident, broadcast?.report) && !this.deskGivenUp(incident) && Boolean(broadcast?.desk ?? (await this.deps.desk?.()));
    return !deskToCome;
  }

  /** Drops what is remembered about an archived incident. */
  forget(incidentId: string): void {
    this.shown.delete(incidentId);
    this.editedAt.delete(incidentId);
    for (const key of [...this.finished, ...this.deskFailures.keys()]) {
      if (key.startsWith(`${incidentId}@`)) {
        this.finished.delete(key);
        this.deskFailures.delete(key);
      }
    }
  }

  /** One round over the live incidents; a round already running is waited for, not doubled. */
  report(): Promise<void> {
    this.running ??= this.round().finally(() => { this.running = undefined; });
    return this.running;
  }

  private async round(): Promise<void> {
    for (const incident of await this.deps.incidents.live()) {
      const progress = await this.progress(incident.id);
      const broadcast = await this.deps.incidents.broadcast(incident.id);
      if (!progress || !broadcast) continue;
      this.logFinal(incident, progress);
      const report = await this.reportOf(incident, broadcast, progress);
      if (!report || report.version !== incident.version) continue;
      const figures = (await this.figures(incident.id)) ?? { progress };
      const key = JSON.stringify(figures);
      if (this.shown.get(incident.id) === key) continue;
      const wait = (this.editedAt.get(incident.id) ?? -Infinity) + this.minIntervalMs - this.now();
      if (wait > 0) {
        this.later(wait);
        continue;
      }
      await this.deps.pacer.take(report.address.conversationId);
      try {
        this.editedAt.set(incident.id, this.now());
        const buttons = this.deps.buttons?.(incident, broadcast, report.lang) ?? [];
        await this.deps.messenger.update(report.address, report.messageId, progressReport(incident, figures.progress, report.lang, figures.acks, buttons, broadcast.reminder, figures.reach));
        this.shown.set(incident.id, key);
      } catch (error) {
        this.deps.logger.warn({ err: error, incidentId: incident.id }, 'could not update the progress report; will try again');
      }
    }
  }

  private logFinal(incident: Incident, progress: DeliveryProgress): void {
    const done = `${incident.id}@${incident.version}`;
    if (progress.pending > 0 || this.finished.has(done)) return;
    this.finished.add(done);
    this.deps.logger.info({ incidentId: incident.id, version: incident.version, total: progress.total, delivered: progress.delivered, failed: progress.failed, dropped: progress.dropped }, 'notice delivered');
  }

  private deskGivenUp(incident: Incident): boolean {
    return (this.deskFailures.get(`${incident.id}@${incident.version}`) ?? 0) >= DESK_ATTEMPTS;
  }

  /** The report to update: the author's, or for a version monitoring published, the desk's (posted once). */
  private async reportOf(incident: Incident, broadcast: Broadcast, progress: DeliveryProgress): Promise<BroadcastReport | undefined> {
    if (!wantsDeskReport(incident, broadcast.report) || this.deskGivenUp(incident)) return broadcast.report;
    try {
      const opened = await openDeskReport(this.deps, await this.deps.desk?.(), incident, progress);
      if (opened?.posted) {
        this.shown.set(incident.id, JSON.stringify({ progress }));
        this.editedAt.set(incident.id, this.now());
      }
      return opened?.report;
    } catch (error) {
      const key = `${incident.id}@${incident.version}`;
      this.deskFailures.set(key, error instanceof UntrackedDeskReport ? DESK_ATTEMPTS : (this.deskFailures.get(key) ?? 0) + 1);
      this.deps.logger.warn({ err: error, incidentId: incident.id }, 'could not post the delivery report to the specialists\' channel');
      return undefined;
    }
  }
}
